/**
 * The shapes of einops patterns (`rearrange(t, 'b (h d) n -> b h d n', h=8)`, `repeat`, `reduce`,
 * the Rearrange and Reduce layers) and of torch.einsum equations ('b h d n, b h e n -> b h d e'),
 * read from the pattern strings alone: each named axis gets its size from the input (a group's
 * unknown member is what is left of its dimension) or from the lengths given, and the output is
 * built from those. A dimension the reader does not know stays unknown (null). The caller charges
 * the pattern's length before these run; each is linear in it.
 */
import { raise } from '../errors.js';
import type { Dim } from '../../types.js';
import type { Shape } from './shape.js';

/** One side's axes: a name, a literal size (`1`), a group `(h d)`, or the ellipsis. */
type Axis = { readonly t: 'name'; readonly name: string } | { readonly t: 'one' } | { readonly t: 'group'; readonly names: readonly string[] } | { readonly t: 'ellipsis' };

const bad = (pattern: string, why: string): never => raise('ValueError', 'py.einopsPattern', { pattern, why });

function side(text: string, pattern: string): Axis[] {
  const axes: Axis[] = [];
  const tokens = text
    .replace(/\(/g, ' ( ')
    .replace(/\)/g, ' ) ')
    .split(/\s+/)
    .filter((t) => t !== '');
  let group: string[] | null = null;
  for (const tok of tokens) {
    if (tok === '(') {
      if (group !== null) bad(pattern, 'nested parentheses');
      group = [];
    } else if (tok === ')') {
      if (group === null) bad(pattern, 'a `)` without its `(`');
      axes.push({ t: 'group', names: group! });
      group = null;
    } else if (tok === '...' || tok === '…') {
      if (group !== null) bad(pattern, '`...` inside parentheses');
      axes.push({ t: 'ellipsis' });
    } else if (/^\d+$/.test(tok)) {
      if (tok !== '1') bad(pattern, `the number ${tok} (only 1 is an axis size einops reads)`);
      if (group === null) axes.push({ t: 'one' });
    } else if (/^[A-Za-z_]\w*$/.test(tok)) {
      if (group !== null) group.push(tok);
      else axes.push({ t: 'name', name: tok });
    } else bad(pattern, `\`${tok}\``);
  }
  if (group !== null) bad(pattern, 'a `(` without its `)`');
  return axes;
}

const product = (sizes: readonly Dim[]): Dim => sizes.reduce<Dim>((p, d) => (p === null || d === null ? null : p * d), 1);

/** rearrange / repeat / reduce: the output shape of `pattern` on an input of `input`. */
export function einopsShape(kind: 'rearrange' | 'repeat' | 'reduce', pattern: string, input: Shape, lengths: ReadonlyMap<string, number>): Shape {
  const parts = pattern.split('->');
  if (parts.length !== 2) bad(pattern, 'it needs exactly one `->`');
  const left = side(parts[0]!, pattern);
  const right = side(parts[1]!, pattern);
  const sizes = new Map<string, Dim>(lengths);
  const ellipses = left.filter((a) => a.t === 'ellipsis').length;
  if (ellipses > 1) bad(pattern, 'more than one `...`');
  const fixed = left.length - ellipses;
  if (ellipses === 0 ? input.length !== left.length : input.length < fixed) bad(pattern, `the input has ${input.length} axes, the pattern ${ellipses === 0 ? left.length : `at least ${fixed}`}`);
  let ellipsis: Shape = [];
  let at = 0;
  for (const a of left) {
    if (a.t === 'ellipsis') {
      ellipsis = input.slice(at, at + input.length - fixed);
      at += ellipsis.length;
      continue;
    }
    const dim = input[at++]!;
    if (a.t === 'one') {
      if (dim !== null && dim !== 1) bad(pattern, `an axis written 1 has size ${dim}`);
    } else if (a.t === 'name') {
      const given = sizes.get(a.name);
      if (given !== undefined && given !== null && dim !== null && given !== dim) bad(pattern, `\`${a.name}\` is ${given}, the input's axis ${dim}`);
      sizes.set(a.name, dim ?? given ?? null);
    } else if (a.t === 'group') {
      const unknown = a.names.filter((n) => !sizes.has(n));
      if (unknown.length > 1) bad(pattern, `${unknown.map((n) => `\`${n}\``).join(' and ')} in one group: give all but one of them`);
      const knownPart = product(a.names.filter((n) => sizes.has(n)).map((n) => sizes.get(n)!));
      if (unknown.length === 1) {
        if (dim !== null && knownPart !== null && (knownPart === 0 || dim % knownPart !== 0)) bad(pattern, `${dim} cannot be split by ${knownPart}`);
        sizes.set(unknown[0]!, dim === null || knownPart === null ? null : dim / knownPart);
      } else if (dim !== null && knownPart !== null && dim !== knownPart) bad(pattern, `the group (${a.names.join(' ')}) is ${knownPart}, the input's axis ${dim}`);
    }
  }
  const out: Dim[] = [];
  for (const a of right) {
    if (a.t === 'ellipsis') out.push(...ellipsis);
    else if (a.t === 'one') out.push(1);
    else {
      const names = a.t === 'name' ? [a.name] : a.names;
      for (const n of names) if (!sizes.has(n)) bad(pattern, kind === 'repeat' ? `the new axis \`${n}\` needs its length (${n}=...)` : `\`${n}\` is not on the left`);
      out.push(product(names.map((n) => sizes.get(n)!)));
    }
  }
  return out;
}

/** torch.einsum: the output shape of an equation on its operands (letters; spaces and `...` allowed). */
export function einsumShape(equation: string, operands: readonly Shape[]): Shape {
  const [lhs, rhs] = equation.split('->') as [string, string | undefined];
  const inputs = lhs.split(',').map((s) => s.replace(/\s+/g, ''));
  if (inputs.length !== operands.length) raise('RuntimeError', 'py.einsumOperands', { equation, expected: String(inputs.length), got: String(operands.length) });
  const sizes = new Map<string, Dim>();
  const counts = new Map<string, number>();
  let ellipsis: Shape = [];
  inputs.forEach((spec, i) => {
    const shape = operands[i]!;
    const letters = spec.replace('...', '.').split('');
    const dots = letters.indexOf('.');
    const rest = letters.length - (dots >= 0 ? 1 : 0);
    if (dots < 0 ? shape.length !== rest : shape.length < rest) raise('RuntimeError', 'py.einsumOperands', { equation, expected: spec, got: `[${shape.join(', ')}]` });
    let at = 0;
    for (const l of letters) {
      if (l === '.') {
        const span = shape.slice(at, at + shape.length - rest);
        if (span.length > ellipsis.length) ellipsis = span;
        at += span.length;
        continue;
      }
      if (!/[A-Za-z]/.test(l)) raise('RuntimeError', 'py.einsumOperands', { equation, expected: 'letters', got: l });
      const d = shape[at++]!;
      const before = sizes.get(l);
      if (before !== undefined && before !== null && d !== null && before !== d && before !== 1 && d !== 1)
        raise('RuntimeError', 'py.einsumOperands', { equation, expected: `${l}=${before}`, got: String(d) });
      sizes.set(l, before === undefined || before === null || before === 1 ? d : before);
      counts.set(l, (counts.get(l) ?? 0) + 1);
    }
  });
  const output =
    rhs !== undefined
      ? rhs.replace(/\s+/g, '')
      : `...${[...counts.keys()]
          .filter((l) => counts.get(l) === 1)
          .sort()
          .join('')}`;
  const out: Dim[] = [];
  for (const l of output.replace('...', '.').split('')) {
    if (l === '.') out.push(...ellipsis);
    else if (!sizes.has(l)) raise('RuntimeError', 'py.einsumOperands', { equation, expected: `\`${l}\` among the operands`, got: 'none' });
    else out.push(sizes.get(l)!);
  }
  return out;
}
