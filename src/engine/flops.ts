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
