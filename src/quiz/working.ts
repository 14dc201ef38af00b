/**
 * The worked solution a reveal shows, as data (so a question stays plain data and is shown in the
 * reader's language): each layer's formula in symbols and with the numbers, its weights apart from
 * its biases (γ and β apart from the moving statistics), every size derived on the way, and the
 * last step to the answer (a sum, trainable = total − non-trainable, a difference, a solved unknown).
 */
import type { CountResult } from '../engine/count.js';
import { memoryOf, type MemoryFigures, type MemoryQuantity } from '../engine/memory.js';
import { memoryLine } from '../engine/render.js';
import { tensorSize } from '../engine/counts.js';
import { renderNumbers, renderSymbols } from '../engine/expr.js';
import { formatInt } from '../engine/format.js';
import type { Row } from '../engine/model.js';
import type { TensorRole } from '../engine/types.js';
import { msg, t, type Lang, type MessageRef } from '../i18n/messages.js';
import type { Ask } from './question.js';

/** Weights, biases, γ, β or statistics of one layer, and whether they are trained. */
export interface Part {
  readonly role: TensorRole;
  readonly size: string;
  readonly trainable: boolean;
}

/** A layer as the worked solution names it: as the question shows it (labels.ts), never by an engine name it did not show. */
type Named = MessageRef | null;

export type WorkStep =
  | { readonly t: 'params'; readonly layer: Named; readonly symbols: string; readonly numbers: string; readonly total: string; readonly parts: readonly Part[] }
  | { readonly t: 'size'; readonly layer: Named; readonly lines: readonly string[] }
  | { readonly t: 'macs'; readonly layer: Named; readonly symbols: string; readonly numbers: string; readonly total: string }
  | { readonly t: 'sum'; readonly terms: readonly string[]; readonly total: string }
  | { readonly t: 'trainable'; readonly total: string; readonly nonTrainable: string; readonly result: string; readonly which: 'trainable' | 'nonTrainable' }
  | { readonly t: 'difference'; readonly from: string; readonly minus: string; readonly result: string }
  | { readonly t: 'solve'; readonly slope: string; readonly offset: string; readonly target: string; readonly result: string }
  | { readonly t: 'largest'; readonly layer: MessageRef; readonly index: string }
  /** A layer whose weight is another's (a tied head): it adds nothing. */
  | { readonly t: 'tied'; readonly layer: Named; readonly owner: MessageRef }
  /** LoRA adapters alike (one target, one size), `times` of them: r×(IN + OUT) each. */
  | { readonly t: 'lora'; readonly target: string; readonly symbols: string; readonly numbers: string; readonly each: string; readonly times: string; readonly total: string }
  /** A memory figure worked out; training adds the parameters it multiplies. */
  | { readonly t: 'memory'; readonly quantity: MemoryQuantity; readonly figures: MemoryFigures; readonly trainable: string; readonly frozen: string };

const ROLE_ORDER: readonly TensorRole[] = ['weight', 'bias', 'scale', 'shift', 'statistic'];

function parts(row: Row): Part[] {
  const out: Part[] = [];
  for (const role of ROLE_ORDER) {
    for (const trainable of [true, false]) {
      const of = row.record.tensors.filter((x) => x.role === role && x.trainable === trainable);
      if (of.length > 0) out.push({ role, size: formatInt(of.reduce((a, x) => a + tensorSize(x), 0n)), trainable });
    }
  }
  return out;
}

function paramsStep(row: Row, layer: Named): WorkStep {
  const f = row.record.formula();
  return { t: 'params', layer, symbols: renderSymbols(f), numbers: renderNumbers(f), total: formatInt(row.counts.total), parts: parts(row) };
}

/** An adapted model's trainable parameters: its adapters, alike ones together (q_proj in each of 32 layers), then their sum. */
function loraSteps(rows: readonly Row[]): WorkStep[] {
  const groups = new Map<string, { target: string; row: Row; times: number }>();
  for (const row of rows) {
    if (row.record.kind !== 'lora') continue;
    const target = row.name.split('.').slice(-2, -1)[0] ?? row.name;
    const key = `${target}|${renderNumbers(row.record.formula())}`;
    const group = groups.get(key);
    if (group) group.times++;
    else groups.set(key, { target, row, times: 1 });
  }
  const alike = [...groups.values()].map(({ target, row, times }) => ({ target, row, times, total: formatInt(row.counts.total * BigInt(times)) }));
  const out: WorkStep[] = alike.map(({ target, row, times, total }) => ({
    t: 'lora',
    target,
    symbols: renderSymbols(row.record.formula()),
    numbers: renderNumbers(row.record.formula()),
    each: formatInt(row.counts.total),
    times: String(times),
    total,
  }));
  if (alike.length > 1) out.push({ t: 'sum', terms: alike.map((a) => a.total), total: formatInt(rows.reduce((a, r) => a + r.counts.trainable, 0n)) });
  return out;
}

/** How a worked solution names row `at`: as the question does; null for a question of one layer. */
export type Namer = (at: number) => MessageRef | undefined;

/** A row's name in the working: its label, else (a question that names none) its place and type. */
function namerOf(result: CountResult, label: Namer): (r: Row) => Named {
  const rows = result.report.rows;
  return (r) => {
    if (rows.length <= 1) return null;
    const at = rows.indexOf(r);
    return label(at) ?? msg('label.layer', { index: String(at + 1), type: r.record.typeName });
  };
}

/** The steps of one counted spec for what the question asks. */
function steps(result: CountResult, ask: Ask, label: Namer): WorkStep[] {
  if (result.lora !== undefined) return loraSteps(result.report.rows);
  const rows = result.report.rows;
  const model = rows.length > 1;
  const name = namerOf(result, label);
  const out: WorkStep[] = [];
  const quantity = ask.kind === 'read' ? ask.quantity : 'params';
  for (const row of rows) {
    const sizes = row.record.shapeWorking();
    const shapes = quantity === 'height' || quantity === 'size' || model;
    if (quantity === 'macs') {
      const m = row.record.macsFormula();
      if (m && row.record.macs !== null && row.record.macs > 0n) {
        const symbols = `${renderSymbols(m.positions)} × ${renderSymbols(m.perPosition)}`;
        const numbers = `${renderNumbers(m.positions)} × ${renderNumbers(m.perPosition)}`;
        out.push({ t: 'macs', layer: name(row), symbols, numbers, total: formatInt(row.record.macs) });
      }
      if (sizes.length > 0 && (model || row.record.macs === null)) out.push({ t: 'size', layer: name(row), lines: sizes });
      continue;
    }
    if (quantity !== 'height' && quantity !== 'size' && row.counts.total > 0n) out.push(paramsStep(row, name(row)));
    if (row.tied !== null) {
      const owner = rows.find((r) => r.module === row.tied || r.name === row.tied);
      out.push({ t: 'tied', layer: name(row), owner: (owner && name(owner)) ?? msg('label.code', { code: row.tied }) });
    }
    if (shapes && sizes.length > 0) out.push({ t: 'size', layer: name(row), lines: sizes });
  }
  const weighted = rows.filter((r) => (quantity === 'macs' ? (r.record.macs ?? 0n) > 0n : r.counts.total > 0n));
  if ((quantity === 'params' || quantity === 'trainable' || quantity === 'nonTrainable' || quantity === 'macs') && weighted.length > 1) {
    const total = quantity === 'macs' ? (result.report.macs ?? 0n) : result.report.counts.total;
    out.push({ t: 'sum', terms: weighted.map((r) => formatInt(quantity === 'macs' ? r.record.macs! : r.counts.total)), total: formatInt(total) });
  }
  if ((quantity === 'trainable' || quantity === 'nonTrainable') && result.report.counts.nonTrainable > 0n) {
    const c = result.report.counts;
    out.push({ t: 'trainable', total: formatInt(c.total), nonTrainable: formatInt(c.nonTrainable), result: formatInt(quantity === 'trainable' ? c.trainable : c.nonTrainable), which: quantity });
  }
  if (quantity === 'size') {
    const last = rows[rows.length - 1]!;
    const shape = result.report.output;
    if (last.record.kind !== 'flatten' && shape.length > 1 && shape.every((d) => d !== null)) {
      out.push({ t: 'size', layer: null, lines: [`${shape.join('×')} = ${formatInt(shape.reduce((a, d) => a * BigInt(d!), 1n))}`] });
    }
  }
  return out;
}

/**
 * The worked solution of a question; `label` names its layers as it shows them; `other` is the
 * second count a saving or an inverse needs.
 */
export function workingOf(result: CountResult, ask: Ask, label: Namer, other?: CountResult): WorkStep[] {
  const none: Namer = () => undefined;
  switch (ask.kind) {
    case 'read':
      return steps(result, ask, label);
    case 'saving': {
      const mine = result.report.counts.total;
      const theirs = other!.report.counts.total;
      return [...steps(other!, ask, none), ...steps(result, ask, label), { t: 'difference', from: formatInt(theirs), minus: formatInt(mine), result: formatInt(theirs - mine) }];
    }
    case 'inverse': {
      const target = result.report.counts.total;
      const slope = other!.report.counts.total - target;
      const offset = target - slope * BigInt(ask.unknown);
      return [...steps(result, ask, label), { t: 'solve', slope: formatInt(slope), offset: formatInt(offset), target: formatInt(target), result: formatInt(ask.unknown) }];
    }
    case 'layer': {
      // The shapes that lead to the layer, then the layer itself: its formula, or its output size.
      const rows = result.report.rows.slice(0, ask.index + 1);
      const named = namerOf(result, label);
      const name = (r: Row) => named(r) ?? msg('label.layer', { index: '1', type: r.record.typeName });
      const out: WorkStep[] = [];
      for (const row of rows) {
        const sizes = row.record.shapeWorking();
        if (row === rows[rows.length - 1] && ask.quantity === 'params') out.push(paramsStep(row, name(row)));
        if (sizes.length > 0) out.push({ t: 'size', layer: name(row), lines: sizes });
      }
      const shape = rows[rows.length - 1]!.record.outputShape;
      if (ask.quantity === 'size' && shape.length > 1 && shape.every((d) => d !== null)) {
        out.push({ t: 'size', layer: null, lines: [`${shape.join('×')} = ${formatInt(shape.reduce((a, d) => a * BigInt(d!), 1n))}`] });
      }
      return out;
    }
    case 'memory': {
      const c = result.report.counts;
      const memory: WorkStep = {
        t: 'memory',
        quantity: ask.quantity,
        figures: memoryOf(result.report, result.request.batch ?? 1),
        trainable: formatInt(c.trainable),
        frozen: formatInt(c.nonTrainable),
      };
      return [...(ask.counted ? steps(result, { kind: 'read', quantity: 'params' }, label) : []), memory];
    }
    case 'largest': {
      const rows = result.report.rows;
      const best = rows.reduce((b, r, i) => (r.counts.total > rows[b]!.counts.total ? i : b), 0);
      return [...steps(result, ask, label), { t: 'largest', layer: namerOf(result, label)(rows[best]!)!, index: String(best + 1) }];
    }
  }
}

/** `1,728 weights + 64 biases`, `64 γ + 64 β (trainable) + 128 moving statistics (non-trainable)` */
function partsText(lang: Lang, ps: readonly Part[]): string {
  const mixed = ps.some((p) => p.trainable) && ps.some((p) => !p.trainable);
  const text = (p: Part) => t(lang, msg('work.part', { size: p.size, role: t(lang, msg(`work.${p.role}`)) }));
  if (!mixed) return ps.map(text).join(' + ');
  const group = (trainable: boolean) =>
    ps
      .filter((p) => p.trainable === trainable)
      .map(text)
      .join(' + ');
  return `${group(true)} ${t(lang, msg('work.trainableTag'))} + ${group(false)} ${t(lang, msg('work.nonTrainableTag'))}`;
}

/** The working as lines of a monospace block, in the reader's language. */
export function renderWorking(lang: Lang, working: readonly WorkStep[]): string[] {
  const lines: string[] = [];
  const head = (layer: string | null) => (layer ? `${layer}: ` : '');
  let previous: string | null = null;
  for (const s of working) {
    const layer = 'layer' in s && s.layer !== null ? t(lang, s.layer) : null;
    const sameLayer = layer !== null && layer === previous;
    previous = layer;
    switch (s.t) {
      case 'params': {
        const split = s.parts.length > 1 || s.parts.some((p) => !p.trainable) ? ` = ${partsText(lang, s.parts)}` : '';
        const sym = s.symbols !== s.numbers ? `${s.symbols} = ` : '';
        if (layer === null) {
          if (sym) lines.push(s.symbols);
          lines.push(`${sym ? '= ' : ''}${s.numbers}`, `= ${s.total}${split}`);
        } else {
          lines.push(`${head(layer)}${sym}${s.numbers}${s.numbers === s.total ? '' : ` = ${s.total}`}${split}`);
        }
        break;
      }
      case 'size':
        // under its layer's own line when that came just before; a layer of its own otherwise
        lines.push(...s.lines.map((l, i) => (layer && i === 0 && !sameLayer ? `${head(layer)}${l}` : layer ? `    ${l}` : l)));
        break;
      case 'macs':
        if (layer === null) lines.push(`MACs = ${s.symbols}`, `     = ${s.numbers}`, `     = ${s.total}`);
        else lines.push(`${head(layer)}MACs = ${s.symbols} = ${s.numbers} = ${s.total}`);
        break;
      case 'sum':
        lines.push(`${t(lang, msg('work.total'))} = ${s.terms.join(' + ')} = ${s.total}`);
        break;
      case 'trainable':
        lines.push(t(lang, msg(s.which === 'trainable' ? 'work.trainable' : 'work.nonTrainable', { total: s.total, nonTrainable: s.nonTrainable, result: s.result })));
        break;
      case 'difference':
        lines.push(t(lang, msg('work.difference', { from: s.from, minus: s.minus, result: s.result })));
        break;
      case 'solve':
        lines.push(
          t(
            lang,
            s.offset === '0'
              ? msg('work.solveLinear', { slope: s.slope, target: s.target, result: s.result })
              : msg('work.solve', { slope: s.slope, offset: s.offset, target: s.target, result: s.result }),
          ),
        );
        break;
      case 'largest':
        lines.push(t(lang, msg('work.largest', { layer: t(lang, s.layer), index: s.index })));
        break;
      case 'tied':
        lines.push(`${head(layer)}${t(lang, msg('work.tied', { owner: t(lang, s.owner) }))}`);
        break;
      case 'lora':
        lines.push(t(lang, msg('work.lora', { target: s.target, formula: `${s.symbols} = ${s.numbers} = ${s.each}`, times: s.times, total: s.total })));
        break;
      case 'memory': {
        const line = memoryLine(lang, s.figures, s.quantity);
        if (line !== undefined) lines.push(line);
        if (s.quantity.of === 'training') {
          const tr = s.figures[s.quantity.mode];
          lines.push(t(lang, msg('work.training', { per: String(tr.perTrainable), trainable: s.trainable, perFrozen: String(tr.perFrozen), frozen: s.frozen, total: formatInt(tr.bytes) })));
        }
        break;
      }
    }
  }
  return lines;
}
