/**
 * Text renderings of a count: the worked explanation of a single layer, the Keras-style summary of
 * a model, and the per-block table of a preset. Numbers come from the records; this file only lays
 * them out, in the user's language.
 */
import { countTensors, tensorSize } from './counts.js';
import type { CountResult } from './count.js';
import { renderNumbers, renderSymbols } from './expr.js';
import { formatInt, formatKerasShape, formatMiB, formatScaled } from './format.js';
import { blockTable, type Report, type Row } from './model.js';
import type { CodeSummary } from './code/report.js';
import type { Framework, LayerRecord, Shape, TensorRole } from './types.js';
import { msg, t, type Lang } from '../i18n/messages.js';

/** Terminal width of a string: CJK characters take two columns. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/u.test(ch) ? 2 : 1;
  return w;
}
const padEnd = (s: string, width: number) => s + ' '.repeat(Math.max(0, width - displayWidth(s)));
const padStart = (s: string, width: number) => ' '.repeat(Math.max(0, width - displayWidth(s))) + s;

/** Lays out rows of cells; columns listed in `right` are right-aligned. */
export function table(header: readonly string[], rows: readonly (readonly string[])[], right: ReadonlySet<number>): string[] {
  const widths = header.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ''))));
  const fmt = (cells: readonly string[]) =>
    cells.map((c, i) => (right.has(i) ? padStart(c, widths[i]!) : padEnd(c, widths[i]!))).join('   ').trimEnd();
  const rule = '─'.repeat(widths.reduce((a, w) => a + w, 0) + 3 * (widths.length - 1));
  return [fmt(header), rule, ...rows.map(fmt), rule];
}

const ROLE_ORDER: readonly TensorRole[] = ['weight', 'bias', 'scale', 'shift', 'statistic'];

/** "kernel 1,728 + bias 64", grouped by role so a stacked LSTM stays one short line. */
export function tensorSplit(record: LayerRecord, lang: Lang): string {
  const parts: string[] = [];
  for (const role of ROLE_ORDER) {
    const of = record.tensors.filter((x) => x.role === role);
    if (of.length === 0) continue;
    const size = of.reduce((a, x) => a + tensorSize(x), 0n);
    parts.push(`${t(lang, msg(`role.${role}`))} ${formatInt(size)}`);
  }
  return parts.join(' + ');
}

/** `(3×3×3 + 1)×64 = 1,792` */
export function workedFormula(record: LayerRecord): string {
  const total = countTensors(record.tensors).total;
  const numbers = renderNumbers(record.formula);
  return numbers === formatInt(total) ? numbers : `${numbers} = ${formatInt(total)}`;
}

function conventionLine(result: CountResult, lang: Lang): string {
  const fw = result.framework;
  if (result.other) {
    return t(lang, msg('count.convention', { framework: t(lang, msg(`fw.${fw}`)), other: t(lang, msg(`fw.${result.other.framework}`)), total: formatInt(result.other.counts.total) }));
  }
  return t(lang, msg('count.agree'));
}

function macsLine(macs: bigint | null, lang: Lang): string {
  if (macs === null) return t(lang, msg('count.macsUnknown'));
  const scaled = macs >= 1000n ? ` (${formatScaled(macs)})` : '';
  return t(lang, msg('count.macs', { macs: formatInt(macs) + scaled, flops: formatInt(2n * macs) }));
}

function explainLayer(result: CountResult, lang: Lang): string {
  const row = result.report.rows[0]!;
  const r = row.record;
  const c = row.counts;
  const lines: string[] = [];
  const header = t(lang, msg('count.layerHeader', { type: r.typeName, spec: r.spec, total: formatInt(c.total) }));
  const split = c.nonTrainable > 0n ? ` ${t(lang, msg('count.trainableSplit', { trainable: formatInt(c.trainable), nonTrainable: formatInt(c.nonTrainable) }))}` : '';
  lines.push(header + split);
  if (r.tensors.length > 0) {
    const symbols = renderSymbols(r.formula);
    const numbers = renderNumbers(r.formula);
    if (symbols !== numbers) lines.push(`  = ${symbols}`);
    lines.push(`  = ${numbers}`);
    lines.push(`  = ${formatInt(c.total)}   (${tensorSplit(r, lang)})`);
  } else {
    lines.push(`  ${t(lang, msg('count.noParams'))}`);
  }
  const shapeKnown = r.outputShape.every((d) => d !== null);
  lines.push(t(lang, msg('count.output', { shape: formatKerasShape(r.outputShape) })) + (shapeKnown ? '' : ` ${t(lang, msg('count.addIn', { form: r.inputForm }))}`));
  if (shapeKnown || r.macs !== null) lines.push(macsLine(r.macs, lang));
  for (const note of r.notes) lines.push(t(lang, msg('count.note', { text: t(lang, note) })));
  if (!r.conventionSensitive) lines.push(t(lang, msg('count.agree')));
  lines.push(t(lang, msg('count.mistake', { text: t(lang, r.mistake) })));
  return lines.join('\n');
}

function totalsLines(report: Report, lang: Lang): string[] {
  const c = report.counts;
  return [
    t(lang, msg('summary.total', { total: formatInt(c.total), memory: formatMiB(c.total * 4n) })),
    t(lang, msg('summary.trainable', { n: formatInt(c.trainable) })),
    t(lang, msg('summary.nonTrainable', { n: formatInt(c.nonTrainable) })),
    macsLine(report.macs, lang),
  ];
}

function layerTable(rows: readonly Row[], lang: Lang): string[] {
  return table(
    [t(lang, msg('summary.layer')), t(lang, msg('summary.shape')), t(lang, msg('summary.params'))],
    rows.map((row) => [`${row.name} (${row.record.typeName})`, formatKerasShape(row.record.outputShape), formatInt(row.counts.total)]),
    new Set([2]),
  );
}

function formulaLines(rows: readonly Row[], lang: Lang): string[] {
  const withParams = rows.filter((row) => row.counts.total > 0n);
  if (withParams.length === 0) return [];
  const width = Math.max(...withParams.map((row) => row.name.length));
  return [t(lang, msg('summary.formulas')), ...withParams.map((row) => `  ${row.name.padEnd(width)}  ${workedFormula(row.record)}`)];
}

function blockLines(report: Report, lang: Lang): string[] {
  const total = report.counts.total;
  const share = (n: bigint) => {
    if (total === 0n) return '0.0%';
    const tenths = (n * 1000n + total / 2n) / total;
    return `${tenths / 10n}.${tenths % 10n}%`;
  };
  return table(
    [t(lang, msg('summary.block')), t(lang, msg('summary.shape')), t(lang, msg('summary.params')), t(lang, msg('summary.share'))],
    blockTable(report).map((b) => [b.name, formatKerasShape(b.output), formatInt(b.counts.total), share(b.counts.total)]),
    new Set([2, 3]),
  );
}

/** `[1, 6, 28, 28]` (PyTorch, batch first) or `(None, 26, 26, 32)` (Keras). */
function frameworkShape(shape: Shape | null, framework: Framework): string {
  if (shape === null) return '';
  const dims = shape.map((d) => (d === null ? (framework === 'keras' ? 'None' : '?') : String(d)));
  return framework === 'keras' ? `(${dims.join(', ')})` : `[${dims.join(', ')}]`;
}

/** Pasted code: the module table as named in the code, totals, formulas, and why shapes are missing. */
function renderCode(result: CountResult, code: CodeSummary, lang: Lang): string {
  const { report } = result;
  const fw = t(lang, msg(`fw.${result.framework}`));
  const lines: string[] = [t(lang, msg('summary.code', { model: code.model, framework: fw, variable: code.variable ?? '-' }))];
  if (code.shapes.known && code.shapes.inputs.length > 0) lines.push(t(lang, msg('summary.codeInput', { shapes: code.shapes.inputs.map((s) => frameworkShape(s, result.framework)).join(', ') })));
  const shapes = code.shapes.known;
  const header = [t(lang, msg('summary.name')), t(lang, msg('summary.type')), ...(shapes ? [t(lang, msg('summary.shape'))] : []), t(lang, msg('summary.params'))];
  const rows = code.rows.map((r) => {
    const calls = r.calls !== null && r.calls > 1 ? ` ${t(lang, msg('summary.calls', { n: String(r.calls) }))}` : r.calls === 0 ? ` ${t(lang, msg('summary.unused'))}` : '';
    return [r.name, r.type + calls, ...(shapes ? [frameworkShape(r.shape, result.framework)] : []), formatInt(r.counts.total)];
  });
  lines.push(...table(header, rows, new Set([header.length - 1])));
  lines.push(...totalsLines(report, lang));
  if (!code.shapes.known) lines.push(t(lang, msg('summary.noShapes', { reason: t(lang, code.shapes.reason) })));
  lines.push('', ...formulaLines(report.rows, lang));
  lines.push(...noteLines(report, lang));
  return lines.join('\n');
}

function noteLines(report: Report, lang: Lang): string[] {
  return report.notes.length === 0 ? [] : ['', t(lang, msg('summary.notes')), ...report.notes.map((n) => `  - ${t(lang, n)}`)];
}

/** The whole text answer to a /count request. */
export function renderCount(result: CountResult, lang: Lang): string {
  if (result.single) return explainLayer(result, lang);
  if (result.code) return renderCode(result, result.code, lang);
  const { report } = result;
  const fw = t(lang, msg(`fw.${result.framework}`));
  const lines: string[] = [];
  if (result.preset) {
    const source = result.preset.sources[result.framework];
    lines.push(
      source
        ? t(lang, msg('summary.preset', { name: result.preset.name, source, framework: fw }))
        : t(lang, msg('summary.presetBorrowed', { name: result.preset.name, sources: Object.values(result.preset.sources).join(', '), framework: fw })),
    );
    lines.push(...blockLines(report, lang));
    if (result.request.layers) lines.push('', ...layerTable(report.rows, lang));
  } else {
    lines.push(t(lang, msg('summary.model', { framework: fw })));
    lines.push(...layerTable(report.rows, lang));
  }
  lines.push(...totalsLines(report, lang));
  lines.push(conventionLine(result, lang));
  if (!result.preset || result.request.layers) lines.push('', ...formulaLines(report.rows, lang));
  lines.push(...noteLines(report, lang));
  return lines.join('\n');
}
