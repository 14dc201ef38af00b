/**
 * Shape algebra of PyTorch tensors (broadcasting, view with -1, permute, matmul, reductions,
 * indexing), on shapes only: no data is ever held, so a (1, 3, 224, 224) tensor costs four numbers.
 * A dimension may be unknown (null) when it came from something the reader did not compute; the
 * op that lost it is remembered so a failed forward can say where.
 */
import { overLimit, raise } from '../errors.js';
import { LIMITS } from '../limits.js';
import type { Dim } from '../../types.js';

export type Shape = readonly Dim[];

export function checkRank(shape: Shape): Shape {
  if (shape.length > LIMITS.rank) overLimit('rank');
  return shape;
}

export const volume = (shape: Shape): number | null => {
  let v = 1;
  for (const d of shape) {
    if (d === null) return null;
    v *= d;
  }
  return v;
};

/** A dimension index with Python's negative counting, checked against the rank. */
export function axis(dim: number, rank: number, what = 'dim'): number {
  const r = Math.max(rank, 1);
  const d = dim < 0 ? dim + r : dim;
  if (d < 0 || d >= r) raise('IndexError', 'py.dimRange', { what, dim: String(dim), rank: String(rank) });
  return d;
}

export function broadcast(a: Shape, b: Shape): Shape {
  const n = Math.max(a.length, b.length);
  const out: Dim[] = [];
  for (let i = 0; i < n; i++) {
    const x = a[a.length - n + i] ?? 1;
    const y = b[b.length - n + i] ?? 1;
    if (x === 1) out.push(y);
    else if (y === 1) out.push(x);
    else if (x === null || y === null) out.push(x ?? y);
    else if (x !== y) raise('RuntimeError', 'py.broadcast', { left: show(a), right: show(b) });
    else out.push(x);
  }
  return out;
}

export const show = (shape: Shape): string => `[${shape.map((d) => (d === null ? '?' : String(d))).join(', ')}]`;

/** `view`/`reshape` with at most one -1, which is inferred from the element count. */
export function reshape(from: Shape, to: readonly number[]): Shape {
  const holes = to.filter((d) => d === -1).length;
  if (holes > 1) raise('RuntimeError', 'py.viewHoles');
  if (to.some((d) => d < -1)) raise('RuntimeError', 'py.viewNegative', { size: String(to.find((d) => d < -1)) });
  const total = volume(from);
  const known = to.filter((d) => d !== -1).reduce((a, d) => a * d, 1);
  if (holes === 0) {
    if (total !== null && total !== known) raise('RuntimeError', 'py.view', { from: show(from), to: show(to) });
    return to;
  }
  if (total === null) return to.map((d) => (d === -1 ? null : d));
  if (known === 0 || total % known !== 0) raise('RuntimeError', 'py.view', { from: show(from), to: show(to) });
  return to.map((d) => (d === -1 ? total / known : d));
}

export function flatten(shape: Shape, start: number, end: number): Shape {
  if (shape.length === 0) return [1];
  const s = axis(start, shape.length);
  const e = axis(end, shape.length);
  if (s > e) raise('RuntimeError', 'py.flattenDims');
  const middle = shape.slice(s, e + 1);
  return [...shape.slice(0, s), volume(middle), ...shape.slice(e + 1)];
}

export function permute(shape: Shape, dims: readonly number[]): Shape {
  if (dims.length !== shape.length) raise('RuntimeError', 'py.permute', { shape: show(shape), dims: show(dims) });
  const seen = new Set(dims.map((d) => axis(d, shape.length)));
  if (seen.size !== shape.length) raise('RuntimeError', 'py.permute', { shape: show(shape), dims: show(dims) });
  return dims.map((d) => shape[axis(d, shape.length)]!);
}

export function transpose(shape: Shape, a: number, b: number): Shape {
  const out = [...shape];
  const i = axis(a, shape.length);
  const j = axis(b, shape.length);
  [out[i], out[j]] = [out[j]!, out[i]!];
  return out;
}

export function matmul(a: Shape, b: Shape): Shape {
  if (a.length === 0 || b.length === 0) raise('RuntimeError', 'py.matmulScalar');
  const a2 = a.length === 1 ? [1, a[0]!] : a;
  const b2 = b.length === 1 ? [b[0]!, 1] : b;
  const k1 = a2[a2.length - 1]!;
  const k2 = b2[b2.length - 2]!;
  if (k1 !== null && k2 !== null && k1 !== k2) raise('RuntimeError', 'py.matmul', { left: show(a), right: show(b) });
  const batch = broadcast(a2.slice(0, -2), b2.slice(0, -2));
  const out = [...batch, a2[a2.length - 2]!, b2[b2.length - 1]!];
  if (a.length === 1) out.splice(out.length - 2, 1);
  if (b.length === 1) out.splice(out.length - 1, 1);
  return out;
}

/** sum/mean/amax... over `dims` (all when null). */
export function reduce(shape: Shape, dims: readonly number[] | null, keepdim: boolean): Shape {
  if (dims === null) return keepdim ? shape.map(() => 1) : [];
  const set = new Set(dims.map((d) => axis(d, shape.length)));
  return keepdim ? shape.map((d, i) => (set.has(i) ? 1 : d)) : shape.filter((_, i) => !set.has(i));
}

export function squeeze(shape: Shape, dim: number | null): Shape {
  if (dim === null) return shape.filter((d) => d !== 1);
  if (shape.length === 0) return shape;
  const d = axis(dim, shape.length);
  return shape[d] === 1 ? shape.filter((_, i) => i !== d) : shape;
}

export function unsqueeze(shape: Shape, dim: number): Shape {
  const d = axis(dim, shape.length + 1);
  return [...shape.slice(0, d), 1, ...shape.slice(d)];
}

export function concat(shapes: readonly Shape[], dim: number): Shape {
  if (shapes.length === 0) raise('RuntimeError', 'py.catEmpty');
  const first = shapes[0]!;
  const d = axis(dim, first.length);
  let total: Dim = 0;
  for (const s of shapes) {
    if (s.length !== first.length) raise('RuntimeError', 'py.cat', { dim: String(dim), shapes: shapes.map(show).join(', ') });
    s.forEach((x, i) => {
      if (i !== d && x !== null && first[i] !== null && x !== first[i]) raise('RuntimeError', 'py.cat', { dim: String(dim), shapes: shapes.map(show).join(', ') });
    });
    total = total === null || s[d] === null ? null : total + s[d]!;
  }
  return first.map((x, i) => (i === d ? total : x));
}

export function stack(shapes: readonly Shape[], dim: number): Shape {
  if (shapes.length === 0) raise('RuntimeError', 'py.catEmpty');
  const first = shapes[0]!;
  for (const s of shapes) if (show(s) !== show(first)) raise('RuntimeError', 'py.stack', { shapes: shapes.map(show).join(', ') });
  return unsqueeze(first, dim).map((x, i) => (i === axis(dim, first.length + 1) ? shapes.length : x));
}

/** Pieces of `split(size, dim)` or `split([sizes], dim)`, and of `chunk(n, dim)`. */
export function split(shape: Shape, sizes: number | readonly number[], dim: number): Shape[] {
  const d = axis(dim, shape.length);
  const n = shape[d];
  if (n === null || n === undefined) return raise('RuntimeError', 'py.splitUnknown');
  if (typeof sizes === 'number' && sizes <= 0) return raise('RuntimeError', 'py.split', { size: String(n), parts: String(sizes) });
  // the number of pieces is known before any is made
  if ((typeof sizes === 'number' ? Math.ceil(n / sizes) : sizes.length) > LIMITS.items) overLimit('items');
  const parts = typeof sizes === 'number' ? Array.from({ length: Math.ceil(n / sizes) }, (_, i) => Math.min(sizes, n - i * sizes)) : [...sizes];
  if (parts.reduce((a, x) => a + x, 0) !== n) raise('RuntimeError', 'py.split', { size: String(n), parts: show(parts) });
  return parts.map((p) => shape.map((x, i) => (i === d ? p : x)));
}

export function chunk(shape: Shape, chunks: number, dim: number): Shape[] {
  const d = axis(dim, shape.length);
  const n = shape[d];
  if (n === null || n === undefined) return raise('RuntimeError', 'py.splitUnknown');
  return split(shape, Math.ceil(n / chunks), dim);
}

export function expand(shape: Shape, sizes: readonly number[]): Shape {
  if (sizes.length < shape.length) raise('RuntimeError', 'py.expand', { shape: show(shape), sizes: show(sizes) });
  const lead = sizes.length - shape.length;
  return sizes.map((s, i) => {
    const cur = i < lead ? null : shape[i - lead]!;
    if (s === -1) {
      if (i < lead) raise('RuntimeError', 'py.expand', { shape: show(shape), sizes: show(sizes) });
      return cur;
    }
    if (cur !== null && cur !== 1 && cur !== s) raise('RuntimeError', 'py.expand', { shape: show(shape), sizes: show(sizes) });
    return s;
  });
}

export function repeat(shape: Shape, times: readonly number[]): Shape {
  if (times.length < shape.length) raise('RuntimeError', 'py.repeatDims');
  const padded = [...Array.from({ length: times.length - shape.length }, () => 1), ...shape];
  return padded.map((d, i) => (d === null ? null : d * times[i]!));
}

/** What indexing does to a shape: ints drop an axis, slices shrink it, None adds one, ... fills. */
export type IndexPart =
  | { readonly t: 'int' }
  | { readonly t: 'slice'; readonly size: (n: Dim) => Dim }
  | { readonly t: 'none' }
  | { readonly t: 'ellipsis' }
  | { readonly t: 'tensor'; readonly shape: Shape; readonly bool: boolean };

export function index(shape: Shape, parts: readonly IndexPart[]): Shape | null {
  const used = parts.filter((p) => p.t === 'int' || p.t === 'slice' || p.t === 'tensor').length;
  if (parts.filter((p) => p.t === 'ellipsis').length > 1) raise('IndexError', 'py.ellipsis');
  if (used > shape.length) raise('IndexError', 'py.tooManyIndices', { rank: String(shape.length), got: String(used) });
  const out: Dim[] = [];
  let i = 0;
  let advanced: Shape | null = null;
  for (const p of parts) {
    switch (p.t) {
      case 'int':
        i++;
        break;
      case 'slice':
        out.push(p.size(shape[i++]!));
        break;
      case 'none':
        out.push(1);
        break;
      case 'ellipsis': {
        const fill = shape.length - used;
        for (let k = 0; k < fill; k++) out.push(shape[i++]!);
        break;
      }
      case 'tensor':
        if (p.bool) return null; // a boolean mask selects a data-dependent number of elements
        if (advanced === null) {
          advanced = p.shape;
          out.push(...p.shape);
        }
        i++;
        break;
    }
  }
  while (i < shape.length) out.push(shape[i++]!);
  return out;
}
