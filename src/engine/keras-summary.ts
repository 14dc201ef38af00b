/**
 * --depth N under Keras: the model as Keras 3's `model.summary(expand_nested=True)` prints it
 * (keras/src/utils/summary_utils.py, print_summary): `Model: "name"`, then a rich table with
 * heavy-ruled headers "Layer (type)", "Output Shape", "Param #" (the count right-aligned), a rule
 * between rows (show_lines=True), each layer as `name (Class)`, a nested model's layers under it
 * prefixed `   └ ` per level; then the totals with their sizes in Keras's units.
 *
 * A Keras model's layers are flat: a block of Keras Applications (block1_conv1, block1_conv2) is
 * a naming, not a layer, so the module paths that nest torchinfo's tree do not nest here. What
 * nests is a model used as a layer: a preset with layers after it is what the lecture builds,
 * `Sequential([base, Flatten(), Dense(256), Dense(2)])`, its base a Functional model shown as one
 * row and, expanded, its own layers (its InputLayer first) under it. The rows are TreeRows, as
 * torchinfo's, so both tables are renders of one kind of tree.
 */
import type { Counts } from './counts.js';
import { formatInt } from './format.js';
import type { Report } from './model.js';
import type { TreeRow } from './tree.js';
import type { ChannelsAt, Shape } from './types.js';

/** How Keras builds the model counted, which decides its summary's name and rows. */
export type KerasModel =
  /** Layers of one's own: a Sequential (its InputLayer is not among its layers). */
  | { readonly t: 'sequential' }
  /** A published model alone: its Functional model, its InputLayer listed first. */
  | { readonly t: 'functional'; readonly name: string }
  /** A published model with layers after it: Sequential([base, ...]), the base the first `blocks` top-level items (Report.blocks). */
  | { readonly t: 'base'; readonly name: string; readonly blocks: number };

/** What Keras calls a model built by the functional API (every Keras Applications model). */
const FUNCTIONAL = 'Functional';

/** Keras holds every shape channels last. */
const row = (depth: number, index: number, name: string, type: string, output: Shape, params: bigint): TreeRow => ({ depth, index, name, path: name, type, output, channels: 'last', params });

/**
 * The rows Keras's summary lists, as a tree: the model (depth 0), its layers (depth 1) and, when
 * `maxDepth` ≥ 2 (expand_nested), a nested model's own layers under its row (depth 2). A layer
 * used again with the same weights is one layer in Keras, listed once. Keras prints a Functional
 * model with branches with a fourth column, "Connected to", which is not drawn here.
 */
export function kerasTree(report: Report, model: KerasModel, maxDepth: number): TreeRow[] {
  const name = model.t === 'functional' ? model.name : 'sequential';
  const rows: TreeRow[] = [{ depth: 0, index: 0, name, path: '', type: model.t === 'functional' ? FUNCTIONAL : 'Sequential', output: report.output, channels: 'last', params: null }];
  // a Functional model lists its InputLayer among its layers
  const input = (depth: number) => rows.push(row(depth, rows.length, 'input_layer', 'InputLayer', report.input, 0n));
  const layers = report.rows.filter((r) => r.shared === null);
  const inside = model.t === 'base' ? layers.filter((r) => r.block < model.blocks) : [];
  if (model.t === 'functional') input(1);
  if (model.t === 'base') {
    const params = inside.reduce((sum, r) => sum + r.counts.total, 0n);
    const output = report.blocks[model.blocks - 1]?.output ?? report.input;
    rows.push(row(1, rows.length, model.name, FUNCTIONAL, output, params));
    if (maxDepth >= 2) {
      input(2);
      for (const r of inside) rows.push(row(2, rows.length, r.name, r.record.typeName, r.record.outputShape, r.counts.total));
    }
  }
  const nested = new Set(inside);
  for (const r of layers) if (!nested.has(r)) rows.push(row(1, rows.length, r.name, r.record.typeName, r.record.outputShape, r.counts.total));
  return rows;
}

/** The cell widths (padding left out) rich gives the three columns in a 76-column table: Keras's 88, cut to an 80-column terminal less 4. */
const WIDTHS = [31, 22, 13] as const;
const HEADER = ['Layer (type)', 'Output Shape', 'Param #'] as const;

/** Rich's box.HEAVY_HEAD: the header ruled heavy, the body light. */
const rule = (left: string, fill: string, cross: string, right: string): string => left + WIDTHS.map((w) => fill.repeat(w + 2)).join(cross) + right;

/** A cell's text folded to its width as rich wraps it: at spaces, a word longer than the width cut. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/(?<=\s)(?=\S)/)) {
    if (line !== '' && (line + word).trimEnd().length > width) {
      lines.push(line.trimEnd());
      line = '';
    }
    line += word;
    while (line.trimEnd().length > width) {
      lines.push(line.slice(0, width));
      line = line.slice(width);
    }
  }
  lines.push(line.trimEnd());
  return lines;
}

/** One table row: each cell wrapped, the last column right-aligned, as many lines as its tallest cell. */
function tableRow(cells: readonly string[], edge: string): string[] {
  const wrapped = cells.map((c, i) => wrap(c, WIDTHS[i]!));
  const height = Math.max(...wrapped.map((w) => w.length));
  return Array.from({ length: height }, (_, k) => {
    const parts = wrapped.map((w, i) => {
      const text = w[k] ?? '';
      return ` ${i === WIDTHS.length - 1 ? text.padStart(WIDTHS[i]!) : text.padEnd(WIDTHS[i]!)} `;
    });
    return edge + parts.join(edge) + edge;
  });
}

/** Keras's readable_memory_size: bytes in steps of 1,024 (what it calls KB and MB), two decimals. */
export function kerasMemory(bytes: bigint): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];
  let size = Number(bytes);
  for (const unit of units) {
    if (size / 1024 < 1) return `${size.toFixed(2)} ${unit}`;
    size /= 1024;
  }
  return `${size.toFixed(2)} PB`;
}

/** fp32 weights, as Keras's default dtype policy keeps them. */
const BYTES = 4n;

/** The summary's lines: its title, the table, and its totals. */
export function kerasSummaryLines(rows: readonly TreeRow[], counts: Counts, shape: (s: Shape, channels: ChannelsAt) => string): string[] {
  const [model, ...layers] = rows;
  const lines = [`Model: "${model?.name ?? ''}"`, rule('┏', '━', '┳', '┓'), ...tableRow(HEADER, '┃'), rule('┡', '━', '╇', '┩')];
  layers.forEach((r, i) => {
    if (i > 0) lines.push(rule('├', '─', '┼', '┤'));
    const prefix = r.depth > 1 ? `${'   '.repeat(r.depth - 1)}└ ` : '';
    lines.push(...tableRow([`${prefix}${r.name} (${r.type ?? '?'})`, shape(r.output, r.channels), formatInt(r.params ?? 0n)], '│'));
  });
  lines.push(rule('└', '─', '┴', '┘'));
  const total = (label: string, n: bigint) => ` ${label}: ${formatInt(n)} (${kerasMemory(n * BYTES)})`;
  lines.push(total('Total params', counts.total), total('Trainable params', counts.trainable), total('Non-trainable params', counts.nonTrainable));
  return lines;
}
