/**
 * How feedback and the worked solution name a question's layers: as the question shows them. In
 * code, by the line that builds the layer (`Conv2D(16, 3)`, with its place when the same line is
 * there twice); in words, by what the words call it (the attention, the 2nd LayerNorm); else by its
 * place and type (layer 2 (Dense)). Never by an engine name such as `attention_1`, which no
 * question shows.
 */
import type { Report } from '../engine/model.js';
import { msg, type MessageRef } from '../i18n/messages.js';
import type { Piece } from './describe.js';

/** One label per top-level piece of a question (undefined: named by place and type). */
export type Labels = readonly (MessageRef | undefined)[];

/** Pieces labelled by their code as shown; a spelling shown twice gets its place. */
export function codeLabels(spellings: readonly (string | undefined)[]): Labels {
  return spellings.map((code, i) => {
    if (code === undefined) return undefined;
    const twice = spellings.filter((s) => s === code).length > 1;
    return twice ? msg('label.codeAt', { code, index: String(i + 1) }) : msg('label.code', { code });
  });
}

/** Pieces labelled by what a block's words call them; a noun said twice gets its ordinal. */
export function nounLabels(pieces: readonly Piece[]): Labels {
  return pieces.map((p) => {
    if (p.noun === undefined) return undefined;
    const same = pieces.filter((q) => q.noun?.key === p.noun!.key);
    return same.length > 1 ? msg('label.nth', { noun: p.noun, index: String(same.indexOf(p) + 1) }) : msg('label.the', { noun: p.noun });
  });
}

/**
 * The label of each row of a counted question. A row alone in its piece takes the piece's label; a
 * repeated block's rows are named by their type; a row without a label by its place and type. A
 * question of one layer names none: there is only the one.
 */
export function labeller(labels: Labels | undefined, report: Report): (row: number) => MessageRef | undefined {
  const perBlock = new Map<number, number>();
  for (const r of report.rows) perBlock.set(r.block, (perBlock.get(r.block) ?? 0) + 1);
  return (at) => {
    const row = report.rows[at];
    if (!row || report.rows.length === 1) return undefined;
    if ((perBlock.get(row.block) ?? 0) > 1) return msg('label.repeated', { type: row.record.typeName });
    return labels?.[row.block] ?? msg('label.layer', { index: String(at + 1), type: row.record.typeName });
  };
}
