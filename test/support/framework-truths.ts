/**
 * The frameworks' own names for the presets, read from the fixtures that real torchvision and
 * Keras wrote (tools/truths/*.py; the fixture's "//" says which version), and the comparison of a
 * preset's rows against them. The tests need no Python: the fixtures are the truth.
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { count } from '../../src/engine/count.js';
import type { Framework } from '../../src/engine/types.js';
import { resolve } from 'node:path';
import type { Row } from '../../src/engine/model.js';

const fixture = (name: string) => resolve(import.meta.dirname, '../fixtures/truths', name);

/** [name, type, own parameters, (own parameters by name, for a module with children)]. */
export type TorchModule = readonly [name: string, type: string, own: number, params?: ReadonlyArray<readonly [string, number]>];
export type TorchCall = readonly [name: string, type: string, shape: readonly number[]];
export interface TorchTruth {
  readonly builder: string;
  readonly modules: readonly TorchModule[];
  readonly calls?: readonly TorchCall[];
}

/** [name, class, params, (a nested model's own layers)]. */
export type KerasLayer = readonly [name: string, type: string, params: number, inner?: readonly KerasLayer[]];
export interface KerasTruth {
  readonly builder: string;
  readonly model: string;
  readonly layers: readonly KerasLayer[];
}

let torch: Readonly<Record<string, TorchTruth>> | undefined;
let keras: Readonly<Record<string, KerasTruth>> | undefined;

export function torchvisionTruths(): Readonly<Record<string, TorchTruth>> {
  torch ??= (JSON.parse(readFileSync(fixture('torchvision-modules.json'), 'utf8')) as { presets: Record<string, TorchTruth> }).presets;
  return torch;
}

export function kerasTruths(): Readonly<Record<string, KerasTruth>> {
  keras ??= (JSON.parse(readFileSync(fixture('keras-layers.json'), 'utf8')) as { presets: Record<string, KerasTruth> }).presets;
  return keras;
}

/**
 * What holds parameters in a torchvision model, by the name a summary row would carry: each leaf
 * module with parameters, and each parameter a module with children holds itself
 * (`class_token`, `encoder.pos_embedding`).
 */
function torchHolders(modules: readonly TorchModule[]): Map<string, number> {
  const holders = new Map<string, number>();
  for (const [name, , own, params] of modules) {
    if (own === 0) continue;
    if (params === undefined) holders.set(name, own);
    else for (const [p, n] of params) holders.set(name === '' ? p : `${name}.${p}`, n);
  }
  return holders;
}

/**
 * Where a preset's rows differ from the framework's own modules, one line each; empty when they
 * agree. Rows with parameters must each be a module (or a parameter) of the framework's, holding
 * exactly the parameters of everything under that name, and together they hold every parameter
 * once. A row without parameters must be a module of the framework's too, unless it is an
 * operation the framework applies as a function (`torch.flatten`: Row.call).
 */
export function torchDifferences(rows: readonly Row[], truth: TorchTruth): string[] {
  const holders = torchHolders(truth.modules);
  const names = new Set(truth.modules.map(([n]) => n));
  const covered = new Map<string, string>();
  const out: string[] = [];
  for (const row of rows) {
    if (row.shared !== null) continue;
    const params = Number(row.counts.total);
    if (params === 0) {
      if (!names.has(row.name) && row.call === 'module') out.push(`${row.name} (${row.record.typeName}, no parameters) is no module`);
      continue;
    }
    let sum = 0;
    for (const [holder, n] of holders) {
      if (holder !== row.name && !holder.startsWith(`${row.name}.`)) continue;
      const before = covered.get(holder);
      if (before !== undefined) out.push(`${holder} is counted by ${before} and ${row.name}`);
      covered.set(holder, row.name);
      sum += n;
    }
    if (sum !== params) out.push(`${row.name}: ${params.toLocaleString('en-US')} here, ${sum.toLocaleString('en-US')} in the framework`);
  }
  for (const holder of holders.keys()) if (!covered.has(holder)) out.push(`${holder} is in no row`);
  return out;
}

/** Keras's layers of a model with nested models expanded (summary(expand_nested=True)'s rows). */
export function kerasLeaves(layers: readonly KerasLayer[]): KerasLayer[] {
  return layers.flatMap((l) => (l[3] === undefined ? [l] : kerasLeaves(l[3])));
}

/**
 * Where a Keras preset's rows differ from the layers Keras builds, one line each: every layer
 * with weights must be a row of that name and count, and every row a layer.
 */
export function kerasDifferences(rows: readonly Row[], truth: KerasTruth): string[] {
  const layers = new Map(kerasLeaves(truth.layers).map(([n, , p]) => [n, p]));
  const out: string[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    if (row.shared !== null) continue;
    const want = layers.get(row.name);
    seen.add(row.name);
    if (want === undefined) out.push(`${row.name} (${row.record.typeName}) is no layer`);
    else if (want !== Number(row.counts.total)) out.push(`${row.name}: ${row.counts.total} here, ${want} in Keras`);
  }
  for (const [name, params] of layers) if (params > 0 && !seen.has(name)) out.push(`${name} (${params}) is in no row`);
  return out;
}

/**
 * One test per preset of a truth table: its rows against the framework's (`differences`), under
 * `framework`'s conventions. A preset in `different` must still differ, so a preset fixed has to
 * leave the list and none may fall into it.
 */
export function eachPresetAgainst<T>(
  truths: Readonly<Record<string, T>>,
  presets: number,
  framework: Framework,
  differences: (rows: readonly Row[], truth: T) => string[],
  different: ReadonlySet<string>,
): void {
  it(`has a truth for each of the ${presets} presets`, () => {
    expect(Object.keys(truths)).toHaveLength(presets);
  });
  it.each(Object.keys(truths))('%s', (preset) => {
    const found = differences(count(`${preset} --framework ${framework}`).report.rows, truths[preset]!);
    if (different.has(preset)) expect(found, 'matches now: take it off the list of those that differ').not.toEqual([]);
    else expect(found).toEqual([]);
  });
}
