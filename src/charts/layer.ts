/**
 * The count drawn: a layer's weight tensors as the shapes a teacher sketches on the board, each
 * with its sizes, and the worked formula under them. A convolution is C_out kernels of K×K×C_in
 * and C_out biases; a dense layer an IN×OUT matrix and OUT biases; a recurrent layer its gates,
 * each with an input, a recurrent and a bias part; attention its Q, K, V and O projections.
 * Every number on the picture is read off the layer's tensors, so it is the count the engine gives.
 */
import { countTensors, tensorSize } from '../engine/counts.js';
import { formatInt } from '../engine/format.js';
import { renderSymbols } from '../engine/expr.js';
import { workedFormula } from '../engine/render.js';
import type { Framework, LayerRecord, ParamTensor } from '../engine/types.js';
import { msg, t, type Lang } from '../i18n/messages.js';
import type { Drawing } from './draw.js';
import { COLOUR, SIZE, TITLE } from './theme.js';

/** The kinds there is a picture of. */
export const DRAWN_KINDS: ReadonlySet<string> = new Set(['conv', 'conv1d', 'conv3d', 'dense', 'rnn', 'gru', 'lstm', 'mha']);

export const isDrawn = (record: LayerRecord): boolean => DRAWN_KINDS.has(record.kind) && record.tensors.length > 0;

type Element = Record<string, unknown>;

const WIDTH = 1000;
const HEIGHT = 520;
const TOP = 150;

/** A side in pixels for a size: grows with the size's logarithm, so 3 and 4096 both fit and differ. */
const side = (n: number, max = 150): number => Math.min(max, 10 + 12 * Math.log2(Math.max(1, n)));

const text = (x: number, y: number, content: string, o: { size?: number; colour?: string; align?: 'left' | 'center' | 'right'; bold?: boolean } = {}): Element => ({
  type: 'text',
  x,
  y,
  style: { text: content, fontSize: o.size ?? SIZE.label, fill: o.colour ?? COLOUR.text, align: o.align ?? 'center', verticalAlign: 'middle', fontWeight: o.bold ? 'bold' : 'normal' },
});

const rect = (x: number, y: number, w: number, h: number, fill: string, stroke = '#ffffff'): Element => ({
  type: 'rect',
  shape: { x, y, width: w, height: h },
  style: { fill, stroke, lineWidth: 1 },
});

/** A cuboid in cabinet projection: front face w×h, depth d drawn up and to the right. */
function cuboid(x: number, y: number, w: number, h: number, d: number, fill: string): Element[] {
  const dx = d * 0.6;
  const dy = d * 0.45;
  const poly = (points: number[][], shade: string): Element => ({ type: 'polygon', shape: { points }, style: { fill: shade, stroke: '#ffffff', lineWidth: 1 } });
  return [
    poly(
      [
        [x, y],
        [x + dx, y - dy],
        [x + w + dx, y - dy],
        [x + w, y],
      ],
      lighten(fill, 0.35),
    ),
    poly(
      [
        [x + w, y],
        [x + w + dx, y - dy],
        [x + w + dx, y + h - dy],
        [x + w, y + h],
      ],
      lighten(fill, -0.15),
    ),
    rect(x, y, w, h, fill),
  ];
}

function lighten(hex: string, amount: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  const channel = (shift: number) => {
    const c = (n >> shift) & 0xff;
    const v = amount >= 0 ? c + (255 - c) * amount : c * (1 + amount);
    return Math.round(v).toString(16).padStart(2, '0');
  };
  return `#${channel(16)}${channel(8)}${channel(0)}`;
}

/** Sizes of a weight tensor in the framework's order, as [spatial..., C_in, C_out]. */
function convDims(weight: ParamTensor, framework: Framework): { spatial: number[]; cin: number; cout: number } {
  const s = weight.shape;
  if (framework === 'keras') return { spatial: s.slice(0, -2), cin: s.at(-2)!, cout: s.at(-1)! };
  return { spatial: s.slice(2), cin: s[1]!, cout: s[0]! };
}

const weights = (r: LayerRecord) => r.tensors.filter((x) => x.role === 'weight');
const biases = (r: LayerRecord) => r.tensors.filter((x) => x.role === 'bias');

function convElements(r: LayerRecord, framework: Framework, lang: Lang): Element[] {
  const { spatial, cin, cout } = convDims(weights(r)[0]!, framework);
  // The front face shows the K×K cells (up to 100 px); depth grows with log C_in.
  const kh = spatial[0] ?? 1;
  const kw = spatial[1] ?? 1;
  const cell = Math.min(24, 100 / Math.max(kh, kw));
  const h = cell * kh;
  const w = cell * kw;
  const d = Math.min(130, 24 + 14 * Math.log2(Math.max(1, cin)));
  // C_out kernels side by side: the first three, then the last after an ellipsis.
  const shown = cout <= 4 ? Array.from({ length: cout }, (_, i) => i + 1) : [1, 2, 3, cout];
  const step = w + d * 0.6 + 36;
  const y = TOP + 50 + d * 0.45;
  const out: Element[] = [];
  let x = 60;
  shown.forEach((n, i) => {
    if (i === 3 && cout > 4) {
      out.push(text(x + 4, y + h / 2, '…', { size: 28, bold: true }));
      x += 40;
    }
    out.push(...cuboid(x, y, w, h, d, COLOUR.weight), ...cells(x, y, kh, kw, cell), text(x + w / 2, y + h + 16, `#${formatInt(n)}`, { colour: COLOUR.muted }));
    if (i === 0) {
      out.push(
        text(x - 8, y + h / 2, String(spatial[0] ?? ''), { align: 'right', colour: COLOUR.muted }),
        text(x + w + d * 0.3 + 6, y - d * 0.45 - 12, `C_in ${formatInt(cin)}`, { colour: COLOUR.muted }),
      );
    }
    x += step;
  });
  out.push(text(60, y + h + 48, t(lang, msg('chart.layer.kernels', { n: formatInt(cout), size: [...spatial, cin].map(formatInt).join('×') })), { align: 'left', bold: true, size: SIZE.subtitle }));
  const bias = biases(r)[0];
  if (bias) out.push(...biasStrip(x + 20, y - 10, tensorSize(bias), lang));
  return out;
}

/** The K×K grid on a kernel's front face, when the cells are big enough to see. */
function cells(x: number, y: number, rows: number, cols: number, size: number): Element[] {
  if (size < 6) return [];
  const line = (x1: number, y1: number, x2: number, y2: number): Element => ({ type: 'line', shape: { x1, y1, x2, y2 }, style: { stroke: '#ffffff', lineWidth: 1, opacity: 0.7 } });
  return [
    ...Array.from({ length: rows - 1 }, (_, i) => line(x, y + size * (i + 1), x + size * cols, y + size * (i + 1))),
    ...Array.from({ length: cols - 1 }, (_, i) => line(x + size * (i + 1), y, x + size * (i + 1), y + size * rows)),
  ];
}

function biasStrip(x: number, y: number, n: bigint, lang: Lang): Element[] {
  const cells = Math.min(Number(n), 12);
  const out: Element[] = [text(x - 16, y + 30, '+', { size: 28, bold: true })];
  for (let i = 0; i < cells; i++) out.push(rect(x + 8, y + i * 10, 18, 10, COLOUR.bias));
  out.push(text(x + 36, y + 30, t(lang, msg('chart.layer.biases', { n: formatInt(n) })), { align: 'left', bold: true }));
  return out;
}

/** A matrix of rows×cols (drawn with log-scaled sides), its name, and its size under it. */
function matrix(
  x: number,
  y: number,
  rows: number,
  cols: number,
  name: string,
  fill: string,
  max = 110,
  label = `${formatInt(rows)}×${formatInt(cols)}`,
): { elements: Element[]; width: number; height: number } {
  const h = side(rows, max);
  const w = side(cols, max);
  // A vector (one row, 10 px high) has no room for its name inside or its size under it without
  // running into the next one: both go beside it.
  if (h < THIN) {
    return { width: w, height: h, elements: [rect(x, y, w, h, fill), text(x + w + 6, y + h / 2, `${name}  ${label}`, { size: SIZE.small, colour: COLOUR.text, align: 'left' })] };
  }
  return {
    width: w,
    height: h,
    elements: [rect(x, y, w, h, fill), text(x + w / 2, y + h / 2, name, { colour: '#ffffff', bold: true }), text(x + w / 2, y + h + 14, label, { size: SIZE.small, colour: COLOUR.muted })],
  };
}

/** Below this height a matrix is a vector, labelled beside it. */
const THIN = 18;

function denseElements(r: LayerRecord, framework: Framework, lang: Lang): Element[] {
  const shape = weights(r)[0]!.shape;
  const [rows, cols] = framework === 'keras' ? [shape[0]!, shape[1]!] : [shape[1]!, shape[0]!];
  const m = matrix(120, TOP + 20, rows, cols, 'W', COLOUR.weight, 200);
  const out = [...m.elements, text(120 + m.width / 2, TOP + 4, t(lang, msg('chart.layer.matrix', { rows: formatInt(rows), cols: formatInt(cols) })), { bold: true })];
  const bias = biases(r)[0];
  if (bias) {
    const x = 120 + m.width + 80;
    out.push(text(x - 40, TOP + 20 + m.height / 2, '+', { size: 28, bold: true }));
    const b = matrix(x, TOP + 20 + m.height / 2 - 10, 1, cols, 'b', COLOUR.bias, 200);
    out.push(...b.elements, text(x + b.width / 2, TOP + 4 + m.height / 2 - 10, t(lang, msg('chart.layer.biases', { n: formatInt(tensorSize(bias)) })), { bold: true }));
  }
  return out;
}

/** Gate letters in the order each framework stacks them in its kernels. */
const GATES: Readonly<Record<string, Readonly<Record<Framework, readonly string[]>>>> = {
  rnn: { keras: ['h'], pytorch: ['h'] },
  gru: { keras: ['z', 'r', 'h'], pytorch: ['r', 'z', 'n'] },
  lstm: { keras: ['i', 'f', 'c', 'o'], pytorch: ['i', 'f', 'g', 'o'] },
};

function recurrentElements(r: LayerRecord, framework: Framework, lang: Lang): Element[] {
  const gates = GATES[r.kind]![framework];
  const [input, _recurrent] = weights(r);
  // The first layer's tensors: [IN, G·H] and [H, G·H] in Keras, transposed in PyTorch.
  const gh = framework === 'keras' ? input!.shape[1]! : input!.shape[0]!;
  const inFeatures = framework === 'keras' ? input!.shape[0]! : input!.shape[1]!;
  const hidden = gh / gates.length;
  const layers = weights(r).length / 2;
  // Bias vectors of H per gate: none, one (Keras), or two (PyTorch, Keras GRU reset_after).
  const biasVectors = Number(biases(r).reduce((n, b) => n + tensorSize(b), 0n)) / (layers * gh);
  const out: Element[] = [];
  const columnWidth = Math.min(220, (WIDTH - 80) / gates.length);
  gates.forEach((gate, i) => {
    const x = 40 + i * columnWidth;
    const w = matrix(x, TOP + 10, inFeatures, hidden, 'W', COLOUR.weight, 100);
    const u = matrix(x + w.width + 12, TOP + 10, hidden, hidden, 'U', COLOUR.recurrent, 100);
    out.push(text(x + (w.width + 12 + u.width) / 2, TOP - 10, t(lang, msg(`chart.gate.${r.kind === 'rnn' ? 'h' : gate}` as 'chart.gate.h')), { bold: true }));
    out.push(...w.elements, ...u.elements);
    // under the matrices' size labels, one vector a line
    for (let b = 0; b < biasVectors; b++) out.push(...matrix(x, TOP + 40 + Math.max(w.height, u.height) + 22 * b, 1, hidden, 'b', COLOUR.bias, 100).elements);
  });
  const legend = [
    t(
      lang,
      msg('chart.layer.rnnParts', {
        input: `${formatInt(inFeatures)}×${formatInt(hidden)}`,
        recurrent: `${formatInt(hidden)}×${formatInt(hidden)}`,
        biases: String(biasVectors),
        hidden: formatInt(hidden),
      }),
    ),
    ...(layers > 1 ? [t(lang, msg('chart.layer.moreLayers', { n: String(layers) }))] : []),
  ];
  legend.forEach((line, i) => out.push(text(40, TOP + 250 + 20 * i, line, { align: 'left', colour: COLOUR.muted })));
  return out;
}

function attentionElements(r: LayerRecord, framework: Framework, _lang: Lang): Element[] {
  const projections: Array<{ name: string; rows: number; cols: number; shape: string; bias: number; biasShape: string }> = [];
  if (framework === 'keras') {
    for (const [name, prefix] of [
      ['Q', 'query'],
      ['K', 'key'],
      ['V', 'value'],
      ['O', 'attention_output'],
    ] as const) {
      const kernel = r.tensors.find((x) => x.name === `${prefix}/kernel`)!;
      const bias = r.tensors.find((x) => x.name === `${prefix}/bias`);
      const s = kernel.shape;
      const [rows, cols] = name === 'O' ? [s[0]! * s[1]!, s[2]!] : [s[0]!, s[1]! * s[2]!];
      projections.push({ name, rows, cols, shape: s.map(formatInt).join('×'), bias: bias ? Number(tensorSize(bias)) : 0, biasShape: bias ? bias.shape.map(formatInt).join('×') : '' });
    }
  } else {
    const d = r.tensors.find((x) => x.name === 'out_proj.weight')!.shape[0]!;
    const hasBias = r.tensors.some((x) => x.role === 'bias');
    for (const name of ['Q', 'K', 'V', 'O']) projections.push({ name, rows: d, cols: d, shape: `${formatInt(d)}×${formatInt(d)}`, bias: hasBias ? d : 0, biasShape: formatInt(d) });
  }
  const out: Element[] = [];
  const columnWidth = (WIDTH - 80) / 4;
  projections.forEach((p, i) => {
    const x = 40 + i * columnWidth;
    const m = matrix(x + 10, TOP + 10, p.rows, p.cols, p.name, COLOUR.weight, 130, p.shape);
    out.push(text(x + 10 + m.width / 2, TOP - 10, `W_${p.name}`, { bold: true }), ...m.elements);
    if (p.bias > 0) out.push(...matrix(x + 10, TOP + 40 + m.height, 1, p.bias, 'b', COLOUR.bias, 130, p.biasShape).elements);
  });
  return out;
}

export interface LayerDrawingInput {
  readonly record: LayerRecord;
  readonly framework: Framework;
  readonly lang: Lang;
}

export function layerDrawing({ record, framework, lang }: LayerDrawingInput): Drawing {
  const elements =
    record.kind === 'dense'
      ? denseElements(record, framework, lang)
      : record.kind === 'mha'
        ? attentionElements(record, framework, lang)
        : record.kind in GATES
          ? recurrentElements(record, framework, lang)
          : convElements(record, framework, lang);
  const total = countTensors(record.tensors).total;
  const formula = [renderSymbols(record.formula()), `= ${workedFormula(record)}`];
  return {
    name: `${record.kind}-drawn.png`,
    alt: t(lang, msg('chart.layer.alt', { type: record.typeName, spec: record.spec(), parts: parts(record, lang), formula: workedFormula(record) })),
    width: WIDTH,
    height: HEIGHT,
    option: {
      title: { ...TITLE, text: t(lang, msg('chart.layer.title', { type: record.typeName, total: formatInt(total) })), subtext: `${record.spec()} · ${t(lang, msg(`fw.${framework}`))}` },
      graphic: [
        ...elements,
        rect(40, HEIGHT - 92, WIDTH - 80, 1, COLOUR.grid),
        text(WIDTH / 2, HEIGHT - 66, formula[0]!, { size: SIZE.subtitle, colour: COLOUR.muted }),
        text(WIDTH / 2, HEIGHT - 36, formula[1]!, { size: SIZE.title, bold: true }),
      ],
    },
  };
}

/** "weights 73,728 + biases 128", for the alt text. */
function parts(record: LayerRecord, lang: Lang): string {
  const size = (of: readonly ParamTensor[]) => of.reduce((a, x) => a + tensorSize(x), 0n);
  const w = size(weights(record));
  const b = size(biases(record));
  return [`${t(lang, msg('role.weight'))} ${formatInt(w)}`, ...(b > 0n ? [`${t(lang, msg('role.bias'))} ${formatInt(b)}`] : [])].join(' + ');
}
