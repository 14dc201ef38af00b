/**
 * The parameters one token touches in a mixture-of-experts model, under the two conventions vendors
 * publish: every parameter a token uses, both embedding tables included (Mistral: Mixtral-8x7B's
 * 12.9B of 46.7B), and the same without the input embedding table, of which a token reads only its
 * own row (DeepSeek: DeepSeek-V2-Lite's "2.4B activated" of 15.7B). The routing that decides it is on
 * each layer's record (LayerRecord.routing); Report.active sums it.
 */
import type { Report } from './model.js';

export interface ActiveCounts {
  /** Both embedding tables included. */
  readonly active: bigint;
  /** The input embedding left out; undefined when the model has none of its own (or the head is tied to it, so every row is read). */
  readonly withoutInputEmbedding: bigint | undefined;
}

export function activeCounts(report: Report): ActiveCounts | null {
  if (report.active === null) return null;
  const embeddings = report.rows.filter((r) => r.record.kind === 'embedding' && r.shared === null);
  const tiedTo = new Set(report.rows.flatMap((r) => (r.tied === null ? [] : [r.tied])));
  const input = embeddings.length === 1 && !tiedTo.has(embeddings[0]!.module) ? embeddings[0]!.counts.total : undefined;
  return { active: report.active, withoutInputEmbedding: input === undefined ? undefined : report.active - input };
}
