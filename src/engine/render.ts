/**
 * Text renderings of a count: the worked explanation of a single layer, the Keras-style summary of
 * a model, and the per-block table of a preset. Numbers come from the records; this file only lays
 * them out, in the user's language.
 */
import { tensorSize, totalSize } from './counts.js';
import type { CountResult } from './count.js';
import { renderNumbers, renderSymbols } from './expr.js';
import { formatBytes, formatInt, formatKerasShape, formatPercent, formatQuotient, formatScaled } from './format.js';
import { activeCounts } from './active.js';
import { activationsOf } from './activations.js';
import { flopsPerToken } from './flops.js';
import { configHeader, configLines } from './presets/configs/describe.js';
import { checkpointFormat, quantizedLines } from './quant/describe.js';
import { quantizedFigures } from './quant/index.js';
import { BITS, memoryOf, type KvCache, type MemoryFigures, type MemoryQuantity, type Training } from './memory.js';
import { blockTable, type Report, type Row } from './model.js';
import type { CodeSummary } from './code/report.js';
import type { ChannelsAt, Framework, LayerRecord, Shape, TensorRole } from './types.js';
import { msg, t, type Lang } from '../i18n/messages.js';
import { LIMITS } from './limits.js';
import { bracketed, formatFrameworkShape, inFrameworkOrder, NAMING } from './naming.js';
import { torchinfoFooter, torchinfoLines } from './torchinfo.js';
import { type KerasModel, kerasSummaryLines, kerasTree } from './keras-summary.js';
import { moduleTree, treeLines } from './tree.js';
import { groupBy } from '../group.js';

/** The East Asian wide ranges (Hangul Jamo, CJK, Hangul, compatibility and full-width forms). */
const WIDE: ReadonlyArray<readonly [number, number]> = [
  [0x1100, 0x115f],
  [0x2e80, 0xa4cf],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe30, 0xfe4f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
];

/** A character from the first wide range up (a surrogate included): a cell without one is as wide as it is long, as most are. */
const BEYOND_NARROW = /[\u1100-\uffff]/;

/** Terminal width of a string: one column per character, two for CJK. A tight loop: tables call it per cell. */
export function displayWidth(s: string): number {
  // The regular expression scans natively what the loop reads a character a call (charCodeAt on
  // a cell joined from its parts): a 1,800-row table's cells took 0.3 ms a render that way.
  if (!BEYOND_NARROW.test(s)) return s.length;
  let w = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x1100) w++;
    else if (c >= 0xdc00 && c <= 0xdfff)
      continue; // the second half of a surrogate pair: one character
    else w += WIDE.some(([from, to]) => c >= from && c <= to) ? 2 : 1;
  }
  return w;
}

/** Lays out rows of cells; columns listed in `right` are right-aligned. */
export function table(header: readonly string[], rows: readonly (readonly string[])[], right: ReadonlySet<number>): string[] {
  const grid = new Grid();
  for (const row of rows) grid.row(row);
  const { head, count, row, foot } = tableParts(header, grid, right);
  const lines = [...head];
  for (let y = 0; y < count; y++) lines.push(row(y));
  lines.push(foot);
  return lines;
}

/**
 * A table's cells, row after row in one list, and where each row ends. A layer table of thousands
 * of rows made an array of cells a row, and a mapped and joined array again to lay each row out.
 */
class Grid {
  readonly cells: string[];
  readonly ends: number[] = [];
  private filled = 0;

  /** `rows` of `columns`, when known: the list is made at its size once, not grown and copied as it fills. */
  constructor(rows = 0, columns = 0) {
    this.cells = rows * columns > 0 ? new Array<string>(rows * columns) : [];
  }

  cell(text: string): this {
    this.cells[this.filled++] = text;
    return this;
  }

  end(): void {
    this.ends.push(this.filled);
  }

  row(cells: readonly string[]): void {
    for (const c of cells) this.cell(c);
    this.end();
  }
}

/** What trimEnd takes off. */
const TRAILING_BLANK = /\s$/;

/** Whether `text` ends in what trimEnd takes off; a printable ASCII last character (a count's digit) is not, without the regular expression. */
function endsBlank(text: string): boolean {
  const last = text.charCodeAt(text.length - 1);
  return !(last > 32 && last < 127) && TRAILING_BLANK.test(text);
}

/** Spaces to pad a cell with, kept for the widths tables use (a long row of padding was a new string at every cell). */
const blanks: string[] = [];
const BLANKS_KEPT = 256;
const blank = (n: number): string => (n < BLANKS_KEPT ? (blanks[n] ??= ' '.repeat(n)) : ' '.repeat(n));

/** A table's parts: its header and rule, its rows as `count` lines made one at a time as they are taken (`row(y)`), and its closing rule. */
interface TableParts {
  readonly head: string[];
  readonly count: number;
  readonly row: (y: number) => string;
  readonly foot: string;
}

function tableParts(header: readonly string[], grid: Grid, right: ReadonlySet<number>): TableParts {
  // Each cell is measured once, for its column's width and again for its padding.
  const columns = header.length;
  const { cells, ends } = grid;
  const measured = new Uint32Array(ends.length === 0 ? 0 : ends[ends.length - 1]!);
  const widths = header.map(displayWidth);
  for (let y = 0, i = 0; y < ends.length; y++) {
    for (let x = 0; i < ends[y]!; i++, x++) {
      const w = displayWidth(cells[i]!);
      measured[i] = w;
      if (x < columns && w > widths[x]!) widths[x] = w;
    }
  }
  // Whether each column is aligned right, read twice a cell: a list, not a set lookup at every cell.
  const rightAligned = header.map((_, x) => right.has(x));
  /** Cells from..to as one line; a cell past the header's columns has no column to fill. */
  const line = (texts: readonly string[], from: number, to: number, width: (i: number) => number): string => {
    // The blanks between two texts (a padding, the column gap, the next one's padding) are added
    // as one piece, and those after the last text not at all: a piece a row's string is one more
    // string made, and the line would be trimmed of them anyway.
    let out = '';
    let owed = 0;
    let last = '';
    for (let i = from, x = 0; i < to; i++, x++) {
      const gap = x < columns ? widths[x]! - width(i) : 0;
      const text = texts[i]!;
      const alignedRight = x < columns ? rightAligned[x]! : right.has(x);
      if (x > 0) owed += 3;
      if (alignedRight) owed += gap;
      if (text !== '') {
        out += owed === 0 ? text : blank(owed) + text;
        owed = 0;
        last = text;
      }
      if (!alignedRight) owed += gap;
    }
    // What trimEnd would take off beyond those blanks: the last text's own trailing blanks.
    return endsBlank(last) ? out.trimEnd() : out;
  };
  const rule = '─'.repeat(widths.reduce((a, w) => a + w, 0) + 3 * (widths.length - 1));
  const measuredWidth = (i: number): number => measured[i]!;
  return {
    head: [line(header, 0, columns, (x) => displayWidth(header[x]!)), rule],
    count: ends.length,
    row: (y) => line(cells, y === 0 ? 0 : ends[y - 1]!, ends[y]!, measuredWidth),
    foot: rule,
  };
}

/**
 * What is left of one answer's characters (LIMITS.renderChars). The parts that must be read (the
 * totals, the notes) are made first and kept; a long part (a 5,000-row table, its formulas) is
 * made a line at a time while it fits, then one line says how many were left out: nothing is made
 * only to be thrown away, and the totals are never what is cut.
 */
class Room {
  constructor(private left: number) {}

  spend(lines: readonly string[]): readonly string[] {
    this.left -= size(lines);
    return lines;
  }

  /**
   * Appends lines 0 to `count` − 1, made by `line` one at a time, to `out` while they fit: a table of
   * thousands of lines is not copied from list to list (nor taken from a generator, a result object
   * a line).
   */
  fill(count: number, line: (i: number) => string, lang: Lang, out: string[]): void {
    for (let i = 0; i < count; i++) {
      const text = line(i);
      if (text.length + 1 > this.left) {
        out.push(t(lang, msg('count.cutLines', { n: formatInt(BigInt(count - i)), max: formatInt(LIMITS.renderChars) })));
        this.left = 0;
        return;
      }
      this.left -= text.length + 1;
      out.push(text);
    }
  }
}

const size = (lines: readonly string[]) => lines.reduce((n, l) => n + l.length + 1, 0);

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
  const total = formatInt(totalSize(record.tensors));
  const numbers = renderNumbers(record.formula());
  return numbers === total ? numbers : `${numbers} = ${total}`;
}

/**
 * workedFormula for the rows of one answer, once per record: the rows of a repeated block share
 * theirs. Remembered for that answer only; a module-wide weak map kept growing with every
 * request's records and cost more than writing a thousand distinct formulas.
 */
export function rowFormulas(): (record: LayerRecord) => string {
  const written = new Map<LayerRecord, string>();
  return (record) => {
    let text = written.get(record);
    if (text === undefined) {
      text = workedFormula(record);
      written.set(record, text);
    }
    return text;
  };
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

/**
 * Attention models: the score MACs apart from the weights', and per token for a token sequence
 * (weights' MACs grow with T, scores with T²: mixing the two up is the usual confusion).
 */
function attentionMacsLines(report: Report, lang: Lang): string[] {
  const { macs, scoreMacs } = report;
  if (macs === null || scoreMacs === null || scoreMacs === 0n) return [];
  const weights = macs - scoreMacs;
  const lines = [t(lang, msg('count.macsSplit', { weights: formatInt(weights), scores: formatInt(scoreMacs) }))];
  const steps = report.input.length <= 2 ? report.input[0] : null;
  if (steps !== null && steps !== undefined) {
    const T = BigInt(steps);
    lines.push(t(lang, msg('count.macsPerToken', { t: formatInt(T), weights: formatQuotient(weights, T), scores: formatQuotient(scoreMacs, T), flops: formatQuotient(2n * macs, T) })));
  }
  const f = flopsPerToken(report);
  if (f !== null) {
    lines.push(
      t(
        lang,
        msg('flops.perToken', {
          t: formatInt(f.tokens),
          weights: formatInt(f.weights),
          attention: formatInt(f.attention),
          share: formatPercent(f.attention, f.weights, 1),
          training: formatInt(f.training),
          forward: formatInt(f.forward),
        }),
      ),
      t(lang, msg(report.active === null ? 'flops.sixN' : 'flops.sixNActive', { n: formatInt(f.n), sixN: formatInt(f.sixN) })),
    );
  }
  return lines;
}

function explainLayer(result: CountResult, lang: Lang): string {
  const row = result.report.rows[0]!;
  const r = row.record;
  const c = row.counts;
  const lines: string[] = [];
  const header = t(lang, msg('count.layerHeader', { type: r.typeName, spec: r.spec(), total: formatInt(c.total) }));
  const split = c.nonTrainable > 0n ? ` ${t(lang, msg('count.trainableSplit', { trainable: formatInt(c.trainable), nonTrainable: formatInt(c.nonTrainable) }))}` : '';
  lines.push(header + split);
  if (r.tensors.length > 0) {
    const formula = r.formula();
    const symbols = renderSymbols(formula);
    const numbers = renderNumbers(formula);
    if (symbols !== numbers) lines.push(`  = ${symbols}`);
    lines.push(`  = ${numbers}`);
    lines.push(`  = ${formatInt(c.total)}   (${tensorSplit(r, lang)})`);
  } else {
    lines.push(`  ${t(lang, msg('count.noParams'))}`);
  }
  const shapeKnown = r.outputShape.every((d) => d !== null);
  lines.push(t(lang, msg('count.output', { shape: formatKerasShape(r.outputShape) })) + (shapeKnown ? '' : ` ${t(lang, msg('count.addIn', { form: r.inputForm }))}`));
  if (shapeKnown || r.macs !== null) {
    lines.push(macsLine(r.macs, lang));
    if (r.attention?.scoreMacs != null && r.macs !== null) {
      lines.push(t(lang, msg('count.macsSplit', { weights: formatInt(r.macs - r.attention.scoreMacs), scores: formatInt(r.attention.scoreMacs) })));
    }
  }
  for (const note of r.notes()) lines.push(t(lang, msg('count.note', { text: t(lang, note) })));
  if (!r.conventionSensitive) lines.push(t(lang, msg('count.agree')));
  lines.push(...mistakeLines(r, c.total, lang));
  return lines.join('\n');
}

/** Mistakes shown under a single layer's count. */
const NOTED_MISTAKES = 3;

/**
 * "Common mistakes:" with the count each one gives, from the kind's mistake library (the first of
 * each family, so three different slips); the kind's one-line note where it has none.
 */
function mistakeLines(r: LayerRecord, total: bigint, lang: Lang): string[] {
  const counted = r.mistakes().filter((m) => m.counts !== undefined && m.counts.total !== total);
  const families = new Set<string>();
  const values = new Set<bigint>();
  const noted = counted.filter((m) => !families.has(m.family) && !values.has(m.counts!.total) && (families.add(m.family), values.add(m.counts!.total), true)).slice(0, NOTED_MISTAKES);
  if (noted.length === 0) return [t(lang, msg('count.mistake', { text: t(lang, r.mistake) }))];
  return [t(lang, msg('count.mistakes')), ...noted.map((m) => `  ${formatInt(m.counts!.total)}: ${t(lang, m.why)}`)];
}

function totalsLines(result: CountResult, lang: Lang): string[] {
  const { report } = result;
  const c = report.counts;
  const lines = [
    t(lang, msg('summary.total', { total: formatInt(c.total), memory: formatBytes(c.total * 4n) })),
    t(lang, msg('summary.trainable', { n: formatInt(c.trainable) })),
    t(lang, msg('summary.nonTrainable', { n: formatInt(c.nonTrainable) })),
  ];
  if (report.reused > 0n) lines.push(t(lang, msg('summary.reused', { n: formatInt(report.reused), twice: formatInt(c.total + report.reused) })));
  lines.push(...activeLines(report, lang));
  if (result.lora) {
    const l = result.lora;
    lines.push(t(lang, msg('lora.summary', { r: String(l.spec.rank), modules: formatInt(l.modules.length), targets: l.targetModules.join(', ') })));
    lines.push(t(lang, msg('lora.peft', { targets: l.targetModules.map((m) => `"${m}"`).join(', '), r: String(l.spec.rank) })));
    // PEFT's print_trainable_parameters(), character for character.
    lines.push(`trainable params: ${formatInt(l.trainable)} || all params: ${formatInt(l.all)} || trainable%: ${formatPercent(l.trainable, l.all, 4)}`);
  }
  lines.push(macsLine(report.macs, lang), ...attentionMacsLines(report, lang), ...torchinfoSection(result, lang));
  return lines;
}

/** Under PyTorch, the footer torchinfo's summary() prints for the same model and input, in its units. */
function torchinfoSection(result: CountResult, lang: Lang): string[] {
  if (result.framework !== 'pytorch' || result.single) return [];
  const batch = result.request.batch ?? 1;
  const footer = torchinfoFooter(result.report, batch);
  if (footer === null) return [];
  // input_size as a Python tuple, batch first
  const input = `(${[batch, ...inFrameworkOrder(result.report.input, 'pytorch')].join(', ')})`;
  return [t(lang, msg('torchinfo.title', { input })), ...torchinfoLines(footer).map((l) => `  ${l}`)];
}

/** A mixture of experts: what a token touches beside what is stored, in both published conventions. */
function activeLines(report: Report, lang: Lang): string[] {
  const a = activeCounts(report);
  if (a === null) return [];
  const total = report.counts.total;
  const lines = [t(lang, msg('summary.active', { active: formatInt(a.active), total: formatInt(total), share: formatPercent(a.active, total, 1) }))];
  if (a.withoutInputEmbedding !== undefined) lines.push(t(lang, msg('summary.activeNoEmbedding', { n: formatInt(a.withoutInputEmbedding) })));
  return lines;
}

const partName = (lang: Lang, part: Training['parts'][number]['part']) => t(lang, msg(`memory.part.${part}`));

const weightsLine = (lang: Lang, parameters: bigint, w: MemoryFigures['weights'][number]) =>
  t(lang, msg('memory.weights', { precision: w.precision, bytes: String(BITS[w.precision] / 8), n: formatInt(parameters), total: formatInt(w.bytes), scaled: formatBytes(w.bytes) }));

function trainingLine(lang: Lang, label: 'fp32' | 'mixed', tr: Training): string {
  const parts = tr.parts.map((p) => `${p.bytes} ${partName(lang, p.part)}`).join(' + ');
  return t(lang, msg(`memory.${label}`, { per: String(tr.perTrainable), parts, frozen: String(tr.perFrozen), total: formatInt(tr.bytes), scaled: formatBytes(tr.bytes) }));
}

/** How a cache's bytes per token follow from the layers' geometry. */
function kvFormula(lang: Lang, kv: KvCache): string {
  const [layers, bytes] = [String(kv.layers), String(kv.bytesPerElement)];
  const u = kv.uniform;
  if (u === null) return t(lang, msg('memory.kvMixed', { layers, bytes }));
  switch (u.t) {
    case 'heads':
      return t(lang, msg('memory.kvUniform', { layers, kv: String(u.kvHeads), dim: String(u.headDim), bytes }));
    case 'latent':
      return t(lang, msg('memory.kvLatent', { layers, rank: String(u.rank), rope: String(u.rope), copies: String(u.copies), bytes }));
    case 'rebuilt':
      return t(lang, msg('memory.kvRebuilt', { layers, heads: String(u.heads), qk: String(u.qk), v: String(u.v), bytes }));
  }
}

function kvLine(lang: Lang, kv: KvCache): string {
  const perToken = kv.elementsPerToken * BigInt(kv.bytesPerElement);
  const formula = kvFormula(lang, kv);
  return t(lang, msg('memory.kv', { formula, perToken: formatInt(perToken), seq: formatInt(kv.seq), batch: formatInt(kv.batch), total: formatInt(kv.bytes), scaled: formatBytes(kv.bytes) }));
}

function memoryLines(m: MemoryFigures, lang: Lang): string[] {
  const lines = [t(lang, msg('memory.title')), ...m.weights.map((w) => `  ${weightsLine(lang, m.parameters, w)}`), t(lang, msg('memory.trainingTitle'))];
  for (const label of ['fp32', 'mixed'] as const) lines.push(`  ${trainingLine(lang, label, m[label])}`);
  if (m.kv) lines.push(kvLine(lang, m.kv));
  return lines;
}

/** --memory: the weights, training and KV cache figures, then the quantized checkpoints' exact bytes. */
function memorySection(result: CountResult, lang: Lang): string[] {
  const { report, request } = result;
  const own = checkpointFormat(result.preset?.config?.quantization);
  return [...memoryLines(memoryOf(report, request.batch), lang), ...activationLines(report, request.batch ?? 1, lang), ...quantizedLines(quantizedFigures(report), lang, own)];
}

/** Training's activations at the model's length and the batch (Korthikanti et al.'s accounting), stored, with flash attention, checkpointed. */
function activationLines(report: Report, batch: number, lang: Lang): string[] {
  const steps = report.input.length <= 2 ? report.input[0] : null;
  const a = steps === null || steps === undefined ? null : activationsOf(report, steps, batch);
  if (a === null) return [];
  const bytes = (n: bigint) => `${formatInt(n)} B = ${formatBytes(n)}`;
  return [
    t(lang, msg('activations.title', { s: formatInt(a.seq), b: formatInt(a.batch) })),
    `  ${t(lang, msg('activations.stored', { layers: String(a.layers), perToken: formatInt(a.typical.perToken), perScore: formatInt(a.typical.perScore), total: bytes(a.stored) }))}`,
    `  ${t(lang, msg('activations.flash', { statistics: formatInt(a.typical.statistics), total: bytes(a.flash) }))}`,
    `  ${t(lang, msg('activations.checkpointed', { input: formatInt(a.typical.input), total: bytes(a.checkpointed) }))}`,
    ...(a.outside > 0n ? [`  ${t(lang, msg('activations.outside', { total: bytes(a.outside) }))}`] : []),
  ];
}

/** The one line of the memory figures that works out `q` (a quiz's reveal). */
export function memoryLine(lang: Lang, m: MemoryFigures, q: MemoryQuantity): string | undefined {
  switch (q.of) {
    case 'weights':
      return weightsLine(lang, m.parameters, m.weights.find((w) => w.precision === q.precision)!);
    case 'training':
      return trainingLine(lang, q.mode, m[q.mode]);
    case 'kv':
      return m.kv === null ? undefined : kvLine(lang, m.kv);
    case 'quantized': {
      const f = m.quantized[q.format];
      if (f === undefined) return undefined;
      const format = t(lang, msg(ASKED_LABELS[q.format]));
      return t(
        lang,
        msg('memory.quantizedLine', { format, quantized: formatInt(f.quantized), kept: formatInt(f.kept), keptBytes: formatInt(2n * f.kept), total: formatInt(f.bytes), scaled: formatBytes(f.bytes) }),
      );
    }
    case 'active':
      return m.active === null ? undefined : t(lang, msg('memory.activeLine', { active: formatInt(m.active), idle: formatInt(m.parameters - m.active), total: formatInt(m.parameters) }));
    case 'flops': {
      const f = m.flopsParts;
      if (f === null || m.flops === null) return undefined;
      return t(lang, msg('memory.flopsLine', { t: formatInt(f.tokens), macs: formatInt(f.weights / 2n), weights: formatInt(f.weights), attention: formatInt(f.attention), flops: formatInt(m.flops) }));
    }
  }
}

const ASKED_LABELS = { 'gptq-int4': 'quant.gptq4', 'awq-int4': 'quant.awq', nf4: 'quant.nf4' } as const;

/** A row's type as the table shows it: the module's class, or "function" for what forward calls as one (torch.flatten). */
function rowType(row: Row, framework: Framework, lang: Lang): string {
  return row.call === 'function' && NAMING[framework].calls !== null ? t(lang, msg('summary.function')) : row.record.typeName;
}

/** Where a row's weights come from when it does not own them. */
function reuseMark(row: Row, lang: Lang): string {
  if (row.shared !== null) return ` ${t(lang, msg('summary.sharedMark', { name: row.shared }))}`;
  if (row.tied !== null) return ` ${t(lang, msg('summary.tiedMark', { name: row.tied }))}`;
  return '';
}

/** A row of the layer table: a layer, or a copy of a repeated block said in one line. */
type TableEntry = Row | { readonly first: Row; readonly last: Row; readonly layers: number; readonly params: bigint };

/** Appends the layer table to `out`. */
function layerTable(entries: readonly TableEntry[], framework: Framework, lang: Lang, room: Room, out: string[]): void {
  // A layer that keeps its input's shape (a norm, an activation) hands on the same array: its row
  // shows the text of the row before.
  let shown: Shape | undefined;
  let shownChannels: ChannelsAt | undefined;
  let text = '';
  const shape = (r: Row): string => {
    const { outputShape } = r.record;
    if (shown !== outputShape || shownChannels !== r.channels) {
      shown = outputShape;
      shownChannels = r.channels;
      text = formatFrameworkShape(outputShape, framework, r.channels);
    }
    return text;
  };
  // ` (Conv2D)` once a type: a row's name is then one string joined to it, not three.
  const typed = new Map<string, string>();
  const ofType = (type: string): string => {
    let text = typed.get(type);
    if (text === undefined) typed.set(type, (text = ` (${type})`));
    return text;
  };
  const grid = new Grid(entries.length, 3);
  for (const e of entries) {
    if ('record' in e)
      grid
        .cell(e.name + ofType(rowType(e, framework, lang)) + reuseMark(e, lang))
        .cell(shape(e))
        .cell(formatInt(e.counts.total))
        .end();
    else
      grid
        .cell(t(lang, msg('summary.sameAgain', { first: e.first.name, last: e.last.name, n: String(e.layers) })))
        .cell(shape(e.last))
        .cell(formatInt(e.params))
        .end();
  }
  const { head, count, row, foot } = tableParts([t(lang, msg('summary.layer')), t(lang, msg('summary.shape')), t(lang, msg('summary.params'))], grid, new Set([2]));
  room.spend([...head, foot]);
  out.push(...head);
  room.fill(count, row, lang, out);
  out.push(foot);
}

/**
 * A model's rows with each repeated block (`{ ... } x24`) shown once in full and every further copy
 * in one line: the layers that matter, then the rest a line each. A 24-layer decoder reads in
 * about 30 lines, not 200; `--layers` shows every layer.
 */
function compactRows(report: Report): { entries: readonly TableEntry[]; shown: readonly Row[] } {
  // Nothing repeated, rows in their blocks' order: every row is shown as it is, without regrouping
  // (and copying) a model's thousands of rows.
  if (!report.blocks.some((b) => b.repeat !== undefined && b.repeat > 1) && inBlockOrder(report.rows)) return { entries: report.rows, shown: report.rows };
  const entries: TableEntry[] = [];
  const shown: Row[] = [];
  for (const [block, rows] of groupBy(report.rows, (row) => row.block)) {
    const times = report.blocks[block]?.repeat;
    const per = times !== undefined && times > 1 && rows.length % times === 0 ? rows.length / times : undefined;
    // a copy of one layer is one line already
    if (per === undefined || per === 1) {
      entries.push(...rows);
      shown.push(...rows);
      continue;
    }
    entries.push(...rows.slice(0, per));
    shown.push(...rows.slice(0, per));
    for (let copy = 1; copy < times!; copy++) {
      const of = rows.slice(copy * per, (copy + 1) * per);
      entries.push({ first: of[0]!, last: of[of.length - 1]!, layers: per, params: of.reduce((a, r) => a + r.counts.total, 0n) });
    }
  }
  return { entries, shown };
}

function inBlockOrder(rows: readonly Row[]): boolean {
  for (let i = 1; i < rows.length; i++) if (rows[i]!.block < rows[i - 1]!.block) return false;
  return true;
}

/** Appends the worked formulas of the rows with weights to `out`. */
function formulaLines(rows: readonly Row[], lang: Lang, room: Room, out: string[]): void {
  const withParams = rows.filter((row) => row.counts.total > 0n || (row.tied !== null && row.shared === null));
  if (withParams.length === 0) return;
  const width = withParams.reduce((w, row) => Math.max(w, row.name.length), 0);
  const formula = rowFormulas();
  const line = (i: number): string => {
    const row = withParams[i]!;
    const tied = row.tied === null ? '' : `   ${t(lang, msg('summary.tiedFormula', { name: row.tied, counted: formatInt(row.counts.total) }))}`;
    return `  ${row.name}${blank(width - row.name.length + 2)}${formula(row.record)}${tied}`;
  };
  out.push(...room.spend([t(lang, msg('summary.formulas'))]));
  room.fill(withParams.length, line, lang, out);
}

function blockLines(report: Report, lang: Lang): string[] {
  const total = report.counts.total;
  const share = (n: bigint) => `${formatPercent(n, total === 0n ? 1n : total, 1)}%`;
  return table(
    [t(lang, msg('summary.block')), t(lang, msg('summary.shape')), t(lang, msg('summary.params')), t(lang, msg('summary.share'))],
    blockTable(report).map((b) => [
      b.repeat === undefined ? b.name : `${b.name} ×${b.repeat}`,
      formatFrameworkShape(b.output, report.framework, b.channels),
      formatInt(b.counts.total),
      share(b.counts.total),
    ]),
    new Set([2, 3]),
  );
}

function presetLine(result: CountResult, lang: Lang): string {
  const preset = result.preset!;
  if (preset.config !== undefined) return [configHeader(preset, preset.config, result.framework, lang), ...configLines(preset.config, lang)].join('\n');
  const fw = t(lang, msg(`fw.${result.framework}`));
  const own = preset.files[result.framework];
  const file = preset.fileFor(result.framework);
  const paper = file.paper === undefined ? '' : ` — ${file.paper}`;
  return own
    ? t(lang, msg('summary.preset', { name: preset.name, source: own.source + paper, framework: fw }))
    : t(lang, msg('summary.presetBorrowed', { name: preset.name, sources: file.source + paper, framework: fw }));
}

/** torchinfo's column titles (row_settings var_names and depth), as it prints them. */
const TREE_HEADER = ['Layer (type (var_name):depth-idx)', 'Output Shape', 'Param #'] as const;

/**
 * The tree as torchinfo's summary(depth=N) prints it under PyTorch; under Keras as
 * summary(expand_nested=True) does (depth 1: not expanded), a preset with layers after it being
 * the Sequential around its Functional model that the lecture builds.
 */
function depthLines(result: CountResult, depth: number, lang: Lang): string[] {
  const { report, request } = result;
  const shape = (s: Shape, channels: ChannelsAt) => formatFrameworkShape(s, report.framework, channels);
  if (report.framework === 'pytorch') {
    const model = result.preset?.name ?? t(lang, msg('chart.params.thisModel'));
    return treeLines(moduleTree(report, model, depth), shape, TREE_HEADER);
  }
  const after = request.t === 'spec' ? request.body.nodes.length : 0;
  const model: KerasModel =
    result.preset === undefined ? { t: 'sequential' } : after === 0 ? { t: 'functional', name: result.preset.name } : { t: 'base', name: result.preset.name, blocks: report.blocks.length - after };
  const lines = kerasSummaryLines(kerasTree(report, model, depth), report.counts, shape);
  return model.t === 'functional' ? [...lines, t(lang, msg('summary.kerasConnected'))] : lines;
}

function presetLineOrModel(result: CountResult, lang: Lang): string {
  return result.preset ? presetLine(result, lang) : t(lang, msg('summary.model', { framework: t(lang, msg(`fw.${result.framework}`)) }));
}

/** The whole text answer to a /count request, at most LIMITS.renderChars long. */
export function renderCount(result: CountResult, lang: Lang): string {
  const { request } = result;
  if (request.explain?.t === 'def') return withinBudget(request.explain.def.text, lang);
  return withinBudget(result.single ? explainLayer(result, lang) : result.code ? renderCode(result, result.code, lang) : summary(result, lang), lang);
}

/** Cuts an answer past the render budget at a line end, saying so: what one reply may cost is bounded. */
function withinBudget(text: string, lang: Lang): string {
  if (text.length <= LIMITS.renderChars) return text;
  const cut = text.lastIndexOf('\n', LIMITS.renderChars);
  return `${text.slice(0, cut > 0 ? cut : LIMITS.renderChars)}\n${t(lang, msg('count.cut', { max: formatInt(LIMITS.renderChars) }))}`;
}

function summary(result: CountResult, lang: Lang): string {
  const { request, report } = result;
  if (request.explain?.t === 'preset') {
    return [result.preset!.fileFor(result.framework).file.read().trimEnd(), '', presetLine(result, lang), ...totalsLines(result, lang)].join('\n');
  }
  // What must be read is made first; the layer table and the formulas take what room is left.
  const after = [...totalsLines(result, lang), conventionLine(result, lang)];
  if (request.memory || request.batch !== undefined) after.push('', ...memorySection(result, lang));
  const notes = noteLines(report, lang);
  const room = new Room(LIMITS.renderChars);
  room.spend(after);
  room.spend(notes);
  const lines: string[] = [];
  if (request.depth !== undefined) {
    // --depth N: the module tree instead of the block and layer tables, as the framework's own summary prints it
    const header = [presetLineOrModel(result, lang)];
    return [...header, ...depthLines(result, request.depth, lang), ...after, ...notes].join('\n');
  }
  if (result.preset) {
    // A preset written a layer a line (the lecture's VGG16) has blocks that are its layers: with
    // --layers the layer table alone says it all, the block table would print the same rows again.
    const blocksAreLayers = blockTable(report).length === report.rows.length;
    lines.push(...room.spend([presetLine(result, lang), ...(request.layers && blocksAreLayers ? [] : blockLines(report, lang))]));
    if (request.layers) {
      if (!blocksAreLayers) lines.push('');
      layerTable(report.rows, report.framework, lang, room, lines);
    }
  }
  const compact = result.preset || request.layers ? undefined : compactRows(report);
  if (!result.preset) {
    lines.push(...room.spend([t(lang, msg('summary.model', { framework: t(lang, msg(`fw.${result.framework}`)) }))]));
    layerTable(compact?.entries ?? report.rows, report.framework, lang, room, lines);
    if (report.blocks.length < report.rows.length && request.layers) lines.push('', ...room.spend(blockLines(report, lang)));
  }
  lines.push(...after);
  if (!result.preset || request.layers) {
    lines.push('');
    formulaLines(compact?.shown ?? report.rows, lang, room, lines);
  }
  lines.push(...notes);
  return lines.join('\n');
}

/** A traced shape, batch first and in the framework's order already: `[1, 6, 28, 28]` (PyTorch) or `(None, 26, 26, 32)` (Keras). */
function frameworkShape(shape: Shape | null, framework: Framework): string {
  if (shape === null) return '';
  return bracketed(
    shape.map((d) => (d === null ? (framework === 'keras' ? 'None' : '?') : String(d))),
    framework,
  );
}

/** Pasted code: the module table as named in the code, totals, formulas, and why shapes are missing. */
function renderCode(result: CountResult, code: CodeSummary, lang: Lang): string {
  const { report, request } = result;
  const fw = t(lang, msg(`fw.${result.framework}`));
  const lines: string[] = [t(lang, msg('summary.code', { model: code.model, framework: fw, variable: code.variable ?? '-' }))];
  if (code.shapes.known && code.shapes.inputs.length > 0) lines.push(t(lang, msg('summary.codeInput', { shapes: code.shapes.inputs.map((s) => frameworkShape(s, result.framework)).join(', ') })));
  const shapes = code.shapes.known;
  const header = [t(lang, msg('summary.name')), t(lang, msg('summary.type')), ...(shapes ? [t(lang, msg('summary.shape'))] : []), t(lang, msg('summary.params'))];
  const grid = new Grid();
  for (const r of code.rows) {
    const calls = r.calls !== null && r.calls > 1 ? ` ${t(lang, msg('summary.calls', { n: String(r.calls) }))}` : r.calls === 0 ? ` ${t(lang, msg('summary.unused'))}` : '';
    grid.cell(r.name).cell(r.type + calls);
    if (shapes) grid.cell(frameworkShape(r.shape, result.framework));
    grid.cell(formatInt(r.counts.total)).end();
  }
  const after = [...totalsLines(result, lang)];
  if (!code.shapes.known) after.push(t(lang, msg('summary.noShapes', { reason: t(lang, code.shapes.reason) })));
  if (request.memory || request.batch !== undefined) after.push('', ...memorySection(result, lang));
  const notes = noteLines(report, lang);
  const room = new Room(LIMITS.renderChars);
  room.spend([...lines, ...after, ...notes]);
  const { head, count, row, foot } = tableParts(header, grid, new Set([header.length - 1]));
  room.spend([...head, foot]);
  lines.push(...head);
  room.fill(count, row, lang, lines);
  lines.push(foot, ...after, '');
  formulaLines(report.rows, lang, room, lines);
  lines.push(...notes);
  return lines.join('\n');
}

function noteLines(report: Report, lang: Lang): string[] {
  return report.notes.length === 0 ? [] : ['', t(lang, msg('summary.notes')), ...report.notes.map((n) => `  - ${t(lang, n)}`)];
}
