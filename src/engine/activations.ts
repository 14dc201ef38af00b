/**
 * Activation memory of training a transformer, per layer and for the model, at a batch b and a
 * sequence length s. The accounting is Korthikanti et al. 2022, "Reducing Activation Recomputation in
 * Large Transformer Models" (arXiv:2205.05198), §4.1: the tensors autograd keeps for the backward
 * pass, 16-bit activations (2 bytes), 1-byte dropout masks; for GPT's layer (4h MLP, as many K/V
 * heads as query heads, dropout) it gives their s·b·h·(34 + 5·a·s/h) bytes. The same terms are
 * taken at this model's own widths:
 *
 * - each norm keeps its input, 2·s·b·h;
 * - attention keeps its input 2sbh, Q and K for QKᵀ (2sb·(h_q + h_kv)), V (2sb·h_kv), the output
 *   projection's input (2sb·h_q), a dropout mask sbh with dropout; and per head the s×s softmax
 *   output (2as²b), with dropout also its mask (as²b) and output (2as²b);
 * - latent attention keeps its input, the latent and rotary key (2sb·(r + rope)), the normalized
 *   latent (2sb·r; and the low-rank query's two, 4sb·r_q), Q and K (4sb·a·qk), V and the output
 *   projection's input (4sb·a·v), and the same scores;
 * - an MLP keeps its input 2sbh, the activation's input 2sbF, the second matrix's input 2sbF (and a
 *   mask sbh); a gated MLP the gate's and up's outputs, the activation's output and their product
 *   (8sbF); a mixture of experts the router's scores (2sbE) and, for each of the top_k experts a token
 *   goes to, a copy of its input and the expert's 8sbF, plus the shared experts' 8sb·F_s.
 *
 * Flash attention (Dao et al. 2022) stores no s×s scores; it keeps its softmax statistics, one fp32
 * number per head and token (4·a·s·b). Full gradient checkpointing keeps each layer's input (2sbh)
 * and rebuilds one layer's activations at a time during the backward pass (§4.2). Outside the
 * layers (§4.3): the final norm's and the head's inputs (2sbh each) and the fp32 logits (4·s·b·V).
 */
import type { Report, Row } from './model.js';
import { groupBy } from '../group.js';

/** Bytes per token (to multiply by s·b) and, for the scores, per token and key (by s·b·s). */
export interface LayerBytes {
  readonly perToken: bigint;
  readonly perScore: bigint;
  /** Flash attention's softmax statistics per token (fp32 per head). */
  readonly statistics: bigint;
  /** The layer's input, what checkpointing keeps (per token). */
  readonly input: bigint;
}

export interface Activations {
  readonly seq: number;
  readonly batch: number;
  readonly layers: number;
  /** The most common layer's terms, for the per-layer formula. */
  readonly typical: LayerBytes;
  readonly stored: bigint;
  readonly flash: bigint;
  readonly checkpointed: bigint;
  /** The final norm's and the head's inputs and the fp32 logits; 0 without an LM head. */
  readonly outside: bigint;
}

const big = BigInt;
const layerKey = (module: string): string | undefined => /^(.*?\.\d+)(\.|$)/.exec(module)?.[1];
const width = (row: Row): number => row.record.outputShape[row.record.outputShape.length - 1] ?? 0;
const hasDropout = (rows: readonly Row[]) => rows.some((r) => r.record.kind === 'dropout' && Number(/dropout (\S+)/.exec(r.record.spec())?.[1] ?? 0) > 0);

/** One attention's terms: per token, and per token and key for its scores (per head: times a). */
function attentionBytes(row: Row, dropout: boolean): { perToken: bigint; perScore: bigint; heads: bigint } {
  const g = row.record.attention!;
  const h = big(width(row));
  const a = big(g.heads);
  const scores = a * (dropout ? 5n : 2n);
  if (g.latent !== undefined) {
    const { rank, rope, qkHeadDim, vHeadDim } = g.latent;
    const qRank = big(row.record.linears.find((l) => l.name === 'q_a_proj')?.outFeatures ?? 0);
    return { perToken: 2n * h + 2n * big(rank + rope) + 2n * big(rank) + 4n * qRank + 4n * a * big(qkHeadDim) + 4n * a * big(vHeadDim), perScore: scores, heads: a };
  }
  const [hq, hkv] = [a * big(g.headDim), big(g.kvHeads) * big(g.headDim)];
  return { perToken: 2n * h + 2n * (hq + hkv) + 2n * hkv + 2n * hq + (dropout ? h : 0n), perScore: scores, heads: a };
}

/** A feed-forward block's terms per token: MLP, gated MLP or mixture of experts. */
function feedForwardBytes(row: Row, dropout: boolean): bigint {
  const r = row.record;
  const h = big(width(row));
  const dense = (part: string) => r.linears.find((l) => l.part === part && l.expert !== true);
  if (r.kind === 'mlp') return 2n * h + 4n * big(dense('up')!.outFeatures) + (dropout ? h : 0n);
  if (r.kind === 'glu') return 2n * h + 8n * big(dense('down')!.inFeatures);
  if (r.kind === 'moe' && r.routing !== undefined) {
    const expertWidth = big(r.linears.find((l) => l.expert === true && l.part === 'down')!.inFeatures);
    const shared = dense('down');
    return 2n * h + 2n * big(r.routing.experts) + big(r.routing.topK) * (2n * h + 8n * expertWidth) + (shared === undefined ? 0n : 8n * big(shared.inFeatures));
  }
  return 0n;
}

function layerBytes(rows: readonly Row[]): LayerBytes | undefined {
  const attentions = rows.filter((r) => r.record.attention !== null);
  if (attentions.length === 0) return undefined;
  const dropout = hasDropout(rows);
  const h = big(width(attentions[0]!));
  let perToken = 0n;
  let perScore = 0n;
  let heads = 0n;
  for (const row of rows) {
    if (row.record.kind === 'rmsnorm' || row.record.kind === 'ln') perToken += 2n * big(width(row));
    else if (row.record.attention !== null) {
      const a = attentionBytes(row, dropout);
      perToken += a.perToken;
      perScore += a.perScore;
      heads += a.heads;
    } else perToken += feedForwardBytes(row, dropout);
  }
  return { perToken, perScore, statistics: 4n * heads, input: 2n * h };
}

/** Activation memory at `seq` tokens and `batch` sequences; null for a model with no attention layers. */
export function activationsOf(report: Report, seq: number, batch: number): Activations | null {
  const groups = groupBy(report.rows, (row) => layerKey(row.module));
  const layers = [...groups.values()].flatMap((rows) => {
    const bytes = layerBytes(rows);
    return bytes === undefined ? [] : [bytes];
  });
  if (layers.length === 0) return null;
  const [s, b] = [big(seq), big(batch)];
  const full = (l: LayerBytes) => s * b * (l.perToken + l.perScore * s);
  const flash = (l: LayerBytes) => s * b * (l.perToken + l.statistics);
  const sum = (f: (l: LayerBytes) => bigint) => layers.reduce((acc, l) => acc + f(l), 0n);
  const head = report.rows.find((r) => r.record.kind === 'lmhead');
  const h = layers[0]!.input / 2n;
  const outside = head === undefined ? 0n : s * b * (2n * h + 2n * h + 4n * big(width(head)));
  const counts = new Map<string, { l: LayerBytes; n: number }>();
  for (const l of layers) {
    const key = `${l.perToken}/${l.perScore}`;
    counts.set(key, { l, n: (counts.get(key)?.n ?? 0) + 1 });
  }
  const typical = [...counts.values()].sort((x, y) => y.n - x.n)[0]!.l;
  return {
    seq,
    batch,
    layers: layers.length,
    typical,
    stored: sum(full),
    flash: sum(flash),
    // biome-ignore lint/complexity/useMathMinMax: bigints, which Math.max does not take
    checkpointed: sum((l) => s * b * l.input) + layers.reduce((max, l) => (full(l) > max ? full(l) : max), 0n),
    outside,
  };
}
