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

/**
 * How the parameters a token touches are counted: as they are, or with one convention misread (every
 * expert counted; the routed experts alone; the shared experts forgotten; both embedding tables left
 * out; the input embedding left out, DeepSeek's convention where Mistral's is asked).
 */
export type ActiveReading = 'touched' | 'allExperts' | 'expertsOnly' | 'noShared' | 'noEmbeddings' | 'noInputEmbedding';

/** The shared experts' parameters (every token's, besides its routed ones), their gate included. */
const sharedExperts = (report: Report): bigint => report.rows.reduce((a, r) => (r.record.routing === undefined || r.shared !== null ? a : a + r.record.routing.shared), 0n);

export function activeAs(report: Report, reading: ActiveReading): bigint | null {
  const a = activeCounts(report);
  if (a === null) return null;
  switch (reading) {
    case 'touched':
      return a.active;
    case 'allExperts':
      return report.counts.total;
    case 'expertsOnly':
      return report.rows.reduce((acc, r) => (r.record.routing === undefined || r.shared !== null ? acc : acc + BigInt(r.record.routing.topK) * r.record.routing.perExpert), 0n);
    case 'noShared':
      return a.active - sharedExperts(report);
    case 'noEmbeddings':
      return a.active - report.rows.filter((r) => (r.record.kind === 'embedding' || r.record.kind === 'lmhead') && r.shared === null).reduce((acc, r) => acc + r.counts.total, 0n);
    case 'noInputEmbedding':
      return a.withoutInputEmbedding ?? null;
  }
}
