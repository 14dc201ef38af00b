/**
 * The nested module tree of a model, as torchinfo's summary(model, input_size, depth=N,
 * row_settings=("var_names", "depth")) shows it: each module where forward first calls it, its
 * children under it (├─, │    └─), numbered depth-idx in call order, and its Param #: a module
 * shown with its children has "--" (its parameters are theirs), one whose children are past the
 * depth shows the sum of everything under it (torchinfo's num_params_to_str). The rows are read
 * from the dotted module paths (`layer1.0.conv1`), so a torchvision preset named as its
 * named_modules() shows torchvision's tree. A container's class is known when the text says it
 * (`class=` on its def or group: Report.classes); another one is shown by its name alone, never a
 * class guessed.
 */
import { countTensors } from './counts.js';
import type { Report } from './model.js';
import { NAMING } from './naming.js';
import type { ChannelsAt, Shape } from './types.js';

/** torchinfo's default depth. */
export const DEFAULT_DEPTH = 3;

export interface TreeRow {
  /** 0 for the model itself, 1 for its children, ... */
  readonly depth: number;
  /** The running number of rows at this depth (torchinfo's depth_index); 0 for the model. */
  readonly index: number;
  /** The attribute name (`conv1`, `0`); the model's own name at depth 0. */
  readonly name: string;
  /** The dotted module path (`layer1.0.conv1`); '' for the model. */
  readonly path: string;
  /** The module's class, where known. */
  readonly type: string | undefined;
  readonly output: Shape;
  /** Where the framework holds the output's channels (Row.channels of the call it is). */
  readonly channels: ChannelsAt;
  /** Null where torchinfo prints "--": a container shown with its children, a module without parameters. */
  readonly params: bigint | null;
}

type Mutable = { depth: number; index: number; name: string; path: string; type: string | undefined; output: Shape; channels: ChannelsAt; params: bigint | null };

interface Open {
  readonly path: string;
  /** Its own row, or (past the depth) the row of its ancestor at the depth, which it is summed into. */
  readonly row: Mutable;
  readonly own: boolean;
}

/** The tree down to `maxDepth`, one row per module call, in the order forward calls them. */
export function moduleTree(report: Report, model: string, maxDepth = DEFAULT_DEPTH): TreeRow[] {
  const last = report.rows[report.rows.length - 1];
  const root: Mutable = { depth: 0, index: 0, name: model, path: '', type: undefined, output: report.output, channels: last?.channels ?? NAMING[report.framework].channels, params: null };
  const rows: Mutable[] = [root];
  const counters: number[] = [];
  let open: Open[] = [];
  const emit = (segments: readonly string[], type: string | undefined, output: Shape, channels: ChannelsAt, params: bigint | null): Mutable => {
    const depth = segments.length;
    counters[depth] = (counters[depth] ?? 0) + 1;
    const row = { depth, index: counters[depth]!, name: segments[depth - 1]!, path: segments.join('.'), type, output, channels, params };
    rows.push(row);
    return row;
  };
  for (const r of report.rows) {
    if (r.call !== 'module' || r.shared !== null) continue;
    const segments = r.module.split('.');
    // close the containers this row is not inside
    let keep = 0;
    while (keep < open.length && keep < segments.length - 1 && open[keep]!.path === segments.slice(0, keep + 1).join('.')) keep++;
    open = open.slice(0, keep);
    for (let d = keep; d < segments.length - 1; d++) {
      const shown = d + 1 <= maxDepth;
      const path = segments.slice(0, d + 1);
      const row = shown ? emit(path, report.classes.get(path.join('.')), r.record.outputShape, r.channels, d + 1 === maxDepth ? 0n : null) : open[d - 1]!.row;
      open.push({ path: path.join('.'), row, own: shown });
    }
    const params = countTensors(r.record.tensors).total;
    const depth = segments.length;
    if (depth <= maxDepth) emit(segments, r.record.typeName, r.record.outputShape, r.channels, params === 0n ? null : params);
    // A container's output is its last call's; a collapsed one sums what is under it.
    for (const o of open) {
      if (!o.own) continue;
      o.row.output = r.record.outputShape;
      o.row.channels = r.channels;
      if (o.row.depth === maxDepth) o.row.params = (o.row.params ?? 0n) + params;
    }
  }
  return rows.map((row) => (row.params === 0n && row !== root ? { ...row, params: null } : row));
}

/** A module's title as torchinfo's get_layer_name writes it with var_names and depth. */
const title = (row: TreeRow): string => {
  const own = row.type === undefined ? row.name : `${row.type} (${row.name})`;
  return row.depth === 0 ? own : `${own}: ${row.depth}-${row.index}`;
};

/** torchinfo's get_start_str: ├─ at depth 1, │    …└─ below it. */
const start = (depth: number): string => (depth === 0 ? '' : depth === 1 ? '├─' : `${'│    '.repeat(depth - 1)}└─`);

const COLUMN = 25;

/**
 * The table as torchinfo's FormattingOptions lays it out: the name column 40 wide (wider, in
 * steps of 5, for a deep or long name), each other column 25, "=" rules across.
 */
export function treeLines(rows: readonly TreeRow[], shape: (s: Shape, channels: ChannelsAt) => string, header: readonly [string, string, string]): string[] {
  const longest = rows.reduce((w, r) => Math.max(w, title(r).length + r.depth * 5 + 1), 0);
  const width = longest >= 40 ? Math.ceil(longest / 5) * 5 : 40;
  const line = (name: string, cells: readonly string[]) => `${name.padEnd(width)} ${cells.map((c) => `${c.padEnd(COLUMN)} `).join('')}`.trimEnd();
  const rule = '='.repeat(width + 2 * COLUMN);
  return [
    rule,
    line(header[0], header.slice(1)),
    rule,
    ...rows.map((r) => line(`${start(r.depth)}${title(r)}`, [shape(r.output, r.channels), r.params === null ? '--' : r.params.toLocaleString('en-US')])),
    rule,
  ];
}
