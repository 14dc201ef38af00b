/**
 * The lecture's chart (Canziani et al. 2016, "An Analysis of Deep Neural Network Models for
 * Practical Applications", fig. 2): ImageNet top-1 accuracy against operations, bubble area
 * proportional to parameters, each bubble named, the same numbers in a table under it. Models
 * without a published accuracy go on a parameters-against-operations chart instead.
 */
import { formatInt } from '../engine/format.js';
import type { Framework } from '../engine/types.js';
import { msg, t, type Lang } from '../i18n/messages.js';
import type { Drawing } from './draw.js';
import { COLOUR, fit, short, SIZE, TITLE } from './theme.js';

/** More bubbles than this do not fit their names; /compare refuses more. */
export const MAX_MODELS = 12;

export interface ModelPoint {
  readonly display: string;
  readonly framework: Framework;
  readonly params: bigint;
  /** Weight multiply-accumulates for one 224×224 image, as /count counts them. */
  readonly macs: bigint;
  /** Published top-1 in percent, as published ("71.3"); undefined when none is. */
  readonly top1?: string | undefined;
}

export type CompareKind = 'accuracy' | 'parameters';

const CHART_HEIGHT = 470;
const ROW = 22;
const WIDTH = 960;

/** Bubble diameter in pixels: area ∝ parameters, on one scale for every chart (150M ≈ 68 px). */
const diameter = (params: bigint): number => 8 + 60 * Math.sqrt(Number(params) / 150e6);

const gmacs = (macs: bigint): number => Number(macs) / 1e9;

export function compareDrawing(points: readonly ModelPoint[], kind: CompareKind, lang: Lang, missing: readonly string[] = []): Drawing {
  const shown = points.slice(0, MAX_MODELS);
  const xs = shown.map((p) => gmacs(p.macs));
  const logX = Math.max(...xs) / Math.max(Math.min(...xs), 1e-9) > 20;
  const label = (p: ModelPoint) => `${p.display}${shown.some((q) => q.framework !== p.framework) ? ` (${t(lang, msg(`fw.${p.framework}`))})` : ''}`;
  const accuracy = kind === 'accuracy';
  const ys = shown.map((p) => (accuracy ? Number(p.top1) : Math.log10(Number(p.params))));
  const labelPositions = placeLabels(xs, ys, accuracy ? 1.2 : 0.1);
  const tableTop = CHART_HEIGHT + 8;
  const notes = [t(lang, msg('chart.compare.sources')), ...(missing.length > 0 ? [t(lang, msg('chart.compare.missing', { models: missing.join(', ') }))] : [])];
  const height = tableTop + ROW * (shown.length + 1) + 16 + ROW * notes.length;
  const columns = [
    { x: 40, text: t(lang, msg('chart.compare.col.model')), cell: (p: ModelPoint) => fit(label(p), 30), align: 'left' as const },
    { x: 440, text: t(lang, msg('chart.compare.col.top1')), cell: (p: ModelPoint) => (p.top1 === undefined ? '–' : `${p.top1}%`), align: 'right' as const },
    { x: 640, text: t(lang, msg('chart.compare.col.params')), cell: (p: ModelPoint) => formatInt(p.params), align: 'right' as const },
    { x: 900, text: t(lang, msg('chart.compare.col.macs')), cell: (p: ModelPoint) => formatInt(p.macs), align: 'right' as const },
  ];
  const cell = (x: number, y: number, text: string, align: 'left' | 'right', bold = false) => ({
    type: 'text' as const,
    left: align === 'left' ? x : undefined,
    right: align === 'right' ? WIDTH - x : undefined,
    top: y,
    style: { text, fontSize: SIZE.label, fill: bold ? COLOUR.text : COLOUR.text, fontWeight: bold ? ('bold' as const) : ('normal' as const) },
  });
  const table = [
    ...columns.map((c) => cell(c.x, tableTop, c.text, c.align, true)),
    { type: 'rect' as const, left: 32, top: tableTop + ROW - 4, shape: { width: WIDTH - 56, height: 1 }, style: { fill: COLOUR.grid } },
    ...shown.flatMap((p, i) => columns.map((c) => cell(c.x, tableTop + ROW * (i + 1), c.cell(p), c.align))),
    ...notes.map((text, i) => ({ type: 'text' as const, left: 40, top: tableTop + ROW * (shown.length + 1) + 12 + ROW * i, style: { text, fontSize: SIZE.small, fill: COLOUR.muted } })),
  ];
  const title = t(lang, msg(accuracy ? 'chart.compare.title' : 'chart.compare.titleParams'));
  const subtitle = t(lang, msg(accuracy ? 'chart.compare.subtitle' : 'chart.compare.subtitleParams', { scale: t(lang, msg(logX ? 'chart.scale.log' : 'chart.scale.linear')) }));
  return {
    name: accuracy ? 'accuracy-vs-macs.png' : 'parameters-vs-macs.png',
    alt: alt(shown, kind, lang),
    width: WIDTH,
    height,
    option: {
      title: { ...TITLE, text: title, subtext: subtitle },
      grid: { left: 80, right: 48, top: 92, height: CHART_HEIGHT - 92 - 56 },
      xAxis: {
        type: logX ? 'log' : 'value',
        min: (v: { min: number }) => (logX ? v.min / 1.8 : 0),
        max: (v: { max: number }) => (logX ? v.max * 1.8 : v.max * 1.1),
        name: t(lang, msg('chart.compare.axis.macs')),
        nameLocation: 'middle',
        nameGap: 28,
        nameTextStyle: { color: COLOUR.muted },
        axisLabel: { formatter: (v: number) => `${Number(v.toPrecision(3))}`, fontSize: SIZE.small, color: COLOUR.muted },
        splitLine: { lineStyle: { color: COLOUR.grid } },
        scale: true,
      },
      yAxis: {
        type: accuracy ? 'value' : 'log',
        name: t(lang, msg(accuracy ? 'chart.compare.axis.top1' : 'chart.params.axis')),
        nameTextStyle: { color: COLOUR.muted, align: 'left' },
        axisLabel: { formatter: (v: number) => (accuracy ? `${v}%` : short(v)), fontSize: SIZE.small, color: COLOUR.muted },
        splitLine: { lineStyle: { color: COLOUR.grid } },
        scale: true,
      },
      series: [
        {
          type: 'scatter',
          data: shown.map((p, i) => ({
            name: label(p),
            label: labelPositions[i]!,
            value: [gmacs(p.macs), accuracy ? Number(p.top1) : Number(p.params)],
            symbolSize: accuracy ? diameter(p.params) : 14,
            itemStyle: { color: COLOUR.series[i % COLOUR.series.length]!, opacity: 0.75, borderColor: '#ffffff', borderWidth: 1 },
          })),
          label: { show: true, position: 'right', formatter: '{b}', fontSize: SIZE.label, color: COLOUR.text },
          labelLayout: { hideOverlap: false, moveOverlap: 'shiftY' },
        },
      ],
      graphic: table,
    },
  };
}

/** Where a bubble's name goes, and which way it runs from there. */
export interface LabelPlace {
  readonly position: 'right' | 'top' | 'bottom';
  readonly align: 'left' | 'center' | 'right';
}

/**
 * Where each bubble's name goes: to its right, unless another bubble sits close by (VGG16 and
 * VGG19, InceptionV3 and Xception). Then the left one's name goes above it, running left, and the
 * right one's below it, running right: each name leaves its own bubble away from the other, so
 * neither reads as the other's (a name centred under the right bubble runs under the left one).
 */
export function placeLabels(xs: readonly number[], ys: readonly number[], yNear: number): LabelPlace[] {
  const near = (i: number, j: number) => Math.abs(ys[i]! - ys[j]!) < yNear && Math.abs(Math.log10(xs[i]! / xs[j]!)) < 0.35;
  const places: LabelPlace[] = xs.map(() => ({ position: 'right', align: 'left' }));
  for (let i = 0; i < xs.length; i++) {
    const j = xs.findIndex((_, k) => k < i && near(i, k));
    if (j < 0) continue;
    const [left, right] = xs[i]! < xs[j]! ? [i, j] : [j, i];
    places[left] = { position: 'top', align: 'right' };
    places[right] = { position: 'bottom', align: 'left' };
  }
  return places;
}

function alt(points: readonly ModelPoint[], kind: CompareKind, lang: Lang): string {
  const each = points.map((p) =>
    t(
      lang,
      msg(kind === 'accuracy' ? 'chart.compare.altModel' : 'chart.compare.altModelParams', { model: p.display, top1: p.top1 ?? '', params: short(Number(p.params)), macs: short(Number(p.macs)) }),
    ),
  );
  return t(lang, msg(kind === 'accuracy' ? 'chart.compare.alt' : 'chart.compare.altParams', { n: String(points.length), models: each.join(lang === 'en' ? '; ' : '；') }));
}
