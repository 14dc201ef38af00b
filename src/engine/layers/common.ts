/** Small helpers every layer family uses: shape checks, channel inference, tensors, MACs. */
import { fail } from '../errors.js';
import { formatShape } from '../format.js';
import type { Dim, ParamTensor, Shape, TensorRole } from '../types.js';

/** The tensors of a layer without weights: one empty list for all of them (none is ever changed). */
export const NO_TENSORS: readonly ParamTensor[] = [];

export function tensor(name: string, shape: readonly number[], role: TensorRole, trainable = true): ParamTensor {
  return { name, shape, role, trainable };
}

/** Refuses an input of the wrong rank, naming what the layer expected and what it got. */
export function expectRank(input: Shape, rank: number, kind: string, form: string): void {
  if (input.length !== rank) fail('err.shapeChain', { kind, expected: form, got: formatShape(input) });
}

export function expectMinRank(input: Shape, rank: number, kind: string, form: string): void {
  if (input.length < rank) fail('err.shapeChain', { kind, expected: form, got: formatShape(input) });
}

/**
 * The size of the input's last axis as the layer must see it: the declared argument, checked
 * against the input when both are known, or taken from the input when left out.
 */
export function resolveFeatures(declared: number | undefined, input: Shape, kind: string, arg: string): number {
  const actual = input[input.length - 1] ?? null;
  if (declared !== undefined) {
    if (actual !== null && actual !== declared) {
      fail('err.channelMismatch', { kind, arg, declared: String(declared), actual: String(actual) });
    }
    return declared;
  }
  if (actual === null) fail('err.unknownChannels', { kind, arg });
  return actual;
}

/**
 * Product of dims as an exact bigint, or null when any is unknown. Multiplied as numbers while the
 * product stays a safe integer (then every step was exact): a bigint made at every step was much
 * of a layer's evaluation's garbage.
 */
export function volume(dims: readonly Dim[]): bigint | null {
  let n = 1;
  for (const d of dims) {
    if (d === null) return null;
    n *= d;
  }
  return Number.isSafeInteger(n) ? BigInt(n) : bigProduct(dims as readonly number[]);
}

function bigProduct(values: readonly number[]): bigint {
  let v = 1n;
  for (const d of values) v *= BigInt(d);
  return v;
}

/** MACs = (number of positions) × (per-position work); unknown when the positions are. */
export function macsOver(positions: readonly Dim[], perPosition: bigint): bigint | null {
  const v = volume(positions);
  return v === null ? null : v * perPosition;
}

/** Product of sizes as an exact bigint (numbers while exact, as in volume). */
export function prod(values: readonly number[]): bigint {
  let n = 1;
  for (const d of values) n *= d;
  return Number.isSafeInteger(n) ? BigInt(n) : bigProduct(values);
}

/** The spatial axes of a channels-last shape. */
export const spatial = (shape: Shape): Dim[] => shape.slice(0, -1);
