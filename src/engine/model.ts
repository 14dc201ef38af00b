/**
 * Models: chains of layers (with residual branches and named blocks for the presets). Evaluating a
 * model infers every layer's input from the one before, keeps one record per layer, and derives the
 * totals from those records once.
 */
import { addCounts, countTensors, ZERO, type Counts } from './counts.js';
import { fail } from './errors.js';
import { formatShape } from './format.js';
import type { Layer } from './layers/index.js';
import type { Framework, LayerRecord, Shape } from './types.js';
import type { MessageRef } from '../i18n/messages.js';

export type Node =
  | { readonly t: 'layer'; readonly layer: Layer }
  /** output = main(x) + shortcut(x); an empty shortcut is the identity. */
  | { readonly t: 'residual'; readonly main: readonly Node[]; readonly shortcut: readonly Node[] }
  /** A named group of layers (a VGG block, a ResNet stage) for the per-block table. */
  | { readonly t: 'block'; readonly name: string; readonly nodes: readonly Node[] };

export interface Row {
  /** Keras-style unique name: conv2d_1, max_pooling2d_1, ... */
  readonly name: string;
  /** The top-level block the layer belongs to, if any. */
  readonly block: string | null;
  readonly record: LayerRecord;
  readonly counts: Counts;
}

export interface Report {
  readonly framework: Framework;
  readonly input: Shape;
  readonly output: Shape;
  readonly rows: readonly Row[];
  readonly counts: Counts;
  /** Total MACs, or null when any layer's is unknown. */
  readonly macs: bigint | null;
  /** Remarks on the whole model (an assumed input order, modules never used, ...). */
  readonly notes: readonly MessageRef[];
}

const snakeCases = new Map<string, string>();

/** Keras `to_snake_case`: MaxPooling2D -> max_pooling2d, Conv2D -> conv2d (type names are few: cached). */
export function snakeCase(typeName: string): string {
  let snake = snakeCases.get(typeName);
  if (snake === undefined) {
    snake = typeName
      .replace(/(.)([A-Z][a-z0-9]+)/g, '$1_$2')
      .replace(/([a-z])([A-Z])/g, '$1_$2')
      .replace(/[^A-Za-z0-9_]/g, '_')
      .toLowerCase();
    snakeCases.set(typeName, snake);
  }
  return snake;
}

/**
 * Evaluates `nodes` starting from `input`, or, when input is undefined, from what the first layer
 * sees on its own (its `in=` and arguments). Only that first layer may carry `in=`.
 */
export function evaluateModel(nodes: readonly Node[], input: Shape | undefined, framework: Framework): Report {
  const rows: Row[] = [];
  const seen = new Map<string, number>();
  // Only the first layer of a model without `input` may carry its own `in=`.
  let first = input === undefined;

  const visit = (list: readonly Node[], x: Shape, block: string | null): Shape => {
    let shape = x;
    for (const node of list) {
      if (node.t === 'layer') {
        if (node.layer.inputDims !== undefined && !first) fail('err.inInModel', { layer: node.layer.print() });
        first = false;
        const record = node.layer.evaluate(shape, framework);
        const base = snakeCase(record.typeName);
        const n = (seen.get(base) ?? 0) + 1;
        seen.set(base, n);
        rows.push({ name: `${base}_${n}`, block, record, counts: countTensors(record.tensors) });
        shape = record.outputShape;
      } else if (node.t === 'block') {
        shape = visit(node.nodes, shape, block ?? node.name);
      } else {
        const main = visit(node.main, shape, block);
        const shortcut = visit(node.shortcut, shape, block);
        if (!sameShape(main, shortcut)) fail('err.residual', { main: formatShape(main), shortcut: formatShape(shortcut) });
        shape = main;
      }
    }
    return shape;
  };

  const start = input ?? firstLayer(nodes)?.standaloneInput() ?? fail('err.empty');
  const output = visit(nodes, start, null);
  let counts = ZERO;
  let macs: bigint | null = 0n;
  for (const row of rows) {
    counts = addCounts(counts, row.counts);
    macs = macs === null || row.record.macs === null ? null : macs + row.record.macs;
  }
  return { framework, input: start, output, rows, counts, macs, notes: [] };
}

function firstLayer(nodes: readonly Node[]): Layer | undefined {
  for (const node of nodes) {
    if (node.t === 'layer') return node.layer;
    const inner = firstLayer(node.t === 'block' ? node.nodes : node.main);
    if (inner) return inner;
  }
  return undefined;
}

function sameShape(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => d === null || b[i] === null || d === b[i]);
}

/** Per-block totals in model order; layers outside any block stand as their own row. */
export interface BlockRow {
  readonly name: string;
  readonly counts: Counts;
  readonly macs: bigint | null;
  readonly output: Shape;
}

export function blockTable(report: Report): BlockRow[] {
  const out: Array<{ name: string; counts: Counts; macs: bigint | null; output: Shape }> = [];
  for (const row of report.rows) {
    const name = row.block ?? row.name;
    const last = out[out.length - 1];
    if (last && row.block !== null && last.name === name) {
      last.counts = addCounts(last.counts, row.counts);
      last.macs = last.macs === null || row.record.macs === null ? null : last.macs + row.record.macs;
      last.output = row.record.outputShape;
    } else {
      out.push({ name, counts: row.counts, macs: row.record.macs, output: row.record.outputShape });
    }
  }
  return out;
}
