/**
 * FLOPs per token of a token-sequence model at its length T, exactly, beside the 6N rule:
 *
 * - forward: 2 FLOPs per multiply-accumulate (FLOPs = 2 × MACs); the weights' part is every matrix a
 *   token passes through (the LM head included, the embedding lookup not; a norm's one multiply per
 *   feature with it), the attention's part QKᵀ and A·V over the full T×T (4·T·h·d_h per layer, no
 *   halving for the causal mask: the convention under which Llama-3.1-8B's attention adds 14% of
 *   the weights' FLOPs at 4,096 tokens and 458% at 131,072);
 * - training: forward and backward, the backward costing twice the forward (Kaplan et al. 2020,
 *   arXiv:2001.08361, §2.1): 3 × forward;
 * - the 6N rule: 6 FLOPs per parameter a token touches (Kaplan et al.; for a mixture of experts N is
 *   the active count, every expert a token does not use left out).
 */
import type { Report } from './model.js';

export interface TokenFlops {
  readonly tokens: bigint;
  readonly weights: bigint;
  readonly attention: bigint;
  readonly forward: bigint;
  readonly training: bigint;
  readonly n: bigint;
  readonly sixN: bigint;
}

/** Per token at the model's length; null for a model that is no token sequence, or without attention. */
export function flopsPerToken(report: Report): TokenFlops | null {
  const { macs, scoreMacs } = report;
  const steps = report.input.length <= 2 ? report.input[0] : null;
  if (macs === null || scoreMacs === null || scoreMacs === 0n || steps === null || steps === undefined) return null;
  const tokens = BigInt(steps);
  const weights = (2n * (macs - scoreMacs)) / tokens;
  const attention = (2n * scoreMacs) / tokens;
  const n = report.active ?? report.counts.total;
  return { tokens, weights, attention, forward: weights + attention, training: 3n * (weights + attention), n, sixN: 6n * n };
}

/**
 * Forward FLOPs per token as the question asks them, or with one convention misread: the attention
 * left out (the weights' 2 FLOPs each alone), MACs given for FLOPs, the training figure (3 ×
 * forward) for the forward one, the attention halved for the causal mask, the embedding table
 * counted as if it multiplied, the rules of thumb 2N and 6N (Kaplan et al.'s forward and training
 * estimates, N every parameter a token touches), and a mixture's experts all taken to run.
 */
export type FlopsReading = 'forward' | 'noAttention' | 'macs' | 'training' | 'causalHalf' | 'withEmbedding' | 'twoN' | 'sixN' | 'allExperts';

export function flopsAs(report: Report, reading: FlopsReading): bigint | null {
  const f = flopsPerToken(report);
  if (f === null) return null;
  const embedding = report.rows.filter((r) => r.record.kind === 'embedding' && r.shared === null).reduce((a, r) => a + r.counts.total, 0n);
  switch (reading) {
    case 'forward':
      return f.forward;
    case 'noAttention':
      return f.weights;
    case 'macs':
      return f.forward / 2n;
    case 'training':
      return f.training;
    case 'causalHalf':
      return f.weights + f.attention / 2n;
    case 'withEmbedding':
      return embedding === 0n ? null : f.forward + 2n * embedding;
    case 'twoN':
      return 2n * f.n;
    case 'sixN':
      return f.sixN;
    case 'allExperts':
      // every expert's weights met by every token: the experts a token skips, 2 FLOPs a weight
      return report.active === null ? null : f.forward + 2n * (report.counts.total - report.active);
  }
}
