/**
 * "Where the parameters are": a bar per layer (or per block of a preset), trainable and
 * non-trainable told apart, the biggest bar labelled with its share of the whole model.
 */
import type { Counts } from '../engine/counts.js';
import { formatInt } from '../engine/format.js';
import { blockTable, type Report, type Row } from '../engine/model.js';
import type { Framework } from '../engine/types.js';
import { msg, t, type Lang } from '../i18n/messages.js';
import type { Drawing } from './draw.js';
import { COLOUR, fit, percentOf, short, SIZE, TITLE } from './theme.js';

/** More bars than this are unreadable at any size: past it, neighbouring layers share a bar. */
export const MAX_BARS = 40;

export type Grouping = 'layers' | 'blocks' | 'groups';
export type Scale = 'linear' | 'log';

export interface Bar {
  readonly label: string;
  readonly counts: Counts;
}

/**
 * The bars of a report: its blocks when it has them (a preset) and `byLayer` is not asked for,
 * else its layers with parameters; past MAX_BARS, runs of neighbouring layers merged into one bar.
 */
export function bars(report: Report, byLayer: boolean): { bars: Bar[]; grouping: Grouping } {
  const hasBlocks = report.rows.some((r) => r.block !== null);
  if (hasBlocks && !byLayer) {
    const blocks = blockTable(report)
      .filter((b) => b.counts.total > 0n)
      .map((b) => ({ label: b.name, counts: b.counts }));
    if (blocks.length <= MAX_BARS) return { bars: blocks, grouping: 'blocks' };
  }
  const layers = report.rows.filter((r) => r.counts.total > 0n);
  if (layers.length <= MAX_BARS) return { bars: layers.map((r) => ({ label: r.name, counts: r.counts })), grouping: 'layers' };
  const size = Math.ceil(layers.length / MAX_BARS);
  const groups: Group[] = [];
  for (let i = 0; i < layers.length; i += size) {
    const run = layers.slice(i, i + size);
    const counts = run.reduce((a, b) => ({ total: a.total + b.counts.total, trainable: a.trainable + b.counts.trainable, nonTrainable: a.nonTrainable + b.counts.nonTrainable }), {
      total: 0n,
      trainable: 0n,
      nonTrainable: 0n,
    });
    groups.push({ label: run.length === 1 ? run[0]!.name : groupLabel(run.map((r) => r.module)), counts, run });
  }
  return { bars: distinct(groups), grouping: 'groups' };
}

interface Group extends Bar {
  readonly run: readonly Row[];
}

/**
 * Bars that would share a label (a block split over two: `h.0`, `h.0`) told apart by what each
 * holds most of, named as the framework names it: `h.0 attn`, `h.0 mlp`. Only where that still
 * leaves two alike are they numbered: `block_13 Conv2D (1/2)`.
 */
function distinct(groups: readonly Group[]): Bar[] {
  const byWhat = groups.map((g) => (count(groups, g.label) === 1 ? g.label : byContents(g)));
  const seen = new Map<string, number>();
  return byWhat.map((label, i) => {
    const n = count(byWhat, label);
    const bar = { label, counts: groups[i]!.counts };
    if (n === 1) return bar;
    const k = (seen.get(label) ?? 0) + 1;
    seen.set(label, k);
    return { ...bar, label: `${label} (${k}/${n})` };
  });
}

function count(labels: readonly (string | Bar)[], label: string): number {
  return labels.filter((l) => (typeof l === 'string' ? l : l.label) === label).length;
}

/**
 * A bar's label by what its run holds most of: its biggest layer's own name below the run's shared
 * path (`h.0 attn`, from h.0.attn), or the layer's type where the layer has no name of its own
 * (Keras's conv2d_30: `block_13 Conv2D`). A run across numbered children says which: `layer1.0–1`.
 */
function byContents(g: Group): string {
  const below = (row: Row) => row.module.slice(g.label.length + 1).split('.')[0] ?? '';
  const [first, last] = [g.run[0]!, g.run[g.run.length - 1]!];
  if (/^\d+$/.test(below(first)) && /^\d+$/.test(below(last)) && below(first) !== below(last)) return `${g.label}.${below(first)}–${below(last)}`;
  const biggest = g.run.reduce((a, b) => (b.counts.total > a.counts.total ? b : a));
  const named = biggest.name === biggest.module && biggest.module.startsWith(`${g.label}.`);
  return `${g.label} ${named ? below(biggest) : biggest.record.typeName}`;
}

/**
 * A run of layers named by the module path its layers share (`block_13`, `features.13.conv`),
 * else by the first and the last of the top-level items it spans (`block_13–block_14`,
 * `conv2d_7–dense_1`): a position (#103–105) says nothing to a reader.
 */
export function groupLabel(modules: readonly string[]): string {
  const paths = modules.map((m) => m.split('.'));
  const first = paths[0]!;
  let shared = first.length;
  for (const path of paths) {
    let i = 0;
    while (i < shared && i < path.length && path[i] === first[i]) i++;
    shared = i;
  }
  if (shared > 0) return first.slice(0, shared).join('.');
  const [from, to] = [first[0]!, paths[paths.length - 1]![0]!];
  return from === to ? from : `${from}–${to}`;
}

export interface ParametersInput {
  readonly report: Report;
  /** The model's name as people write it (VGG16), or undefined for a model typed in /count. */
  readonly model: string | undefined;
  readonly framework: Framework;
  readonly lang: Lang;
  readonly scale: Scale;
  /** Bars per layer even for a preset (`--layers`). */
  readonly byLayer: boolean;
}

/** Below this share of all parameters the trainable part is a bar under a pixel high on a linear axis. */
const VISIBLE_SHARE = 0.01;

/**
 * The axis a chart is drawn on: the one asked for, except that a trainable part too small to see
 * on a linear axis (LoRA's 0.06%, a new head on a frozen backbone) asks for a log one.
 */
export function chartScale(report: Report, asked: Scale): { scale: Scale; tiny: boolean } {
  const { total, trainable } = report.counts;
  const tiny = trainable > 0n && Number(trainable) < VISIBLE_SHARE * Number(total);
  return { scale: asked === 'log' || tiny ? 'log' : 'linear', tiny: tiny && asked !== 'log' };
}

/** The trainable share with the precision that shows it: "0.062%", not "0%". */
function smallShare(part: bigint, whole: bigint): string {
  return `${Number((Number(part) / Number(whole)) * 100).toPrecision(2)}%`;
}

export function parametersDrawing(o: ParametersInput): Drawing {
  const { report, lang } = o;
  const { scale, tiny } = chartScale(report, o.scale);
  const { bars: list, grouping } = bars(report, o.byLayer);
  const total = report.counts.total;
  const model = o.model ?? t(lang, msg('chart.params.thisModel'));
  const biggest = list.reduce((best, b, i) => (b.counts.total > list[best]!.counts.total ? i : best), 0);
  const top = list[biggest];
  const percent = top && percentOf(top.counts.total, total);
  const share = top
    ? t(lang, o.model === undefined ? msg('chart.params.shareOfAll', { name: top.label, percent: percent! }) : msg('chart.params.share', { name: top.label, percent: percent!, model }))
    : '';
  const hasFrozen = list.some((b) => b.counts.nonTrainable > 0n);
  const log = scale === 'log';
  const width = Math.max(720, Math.min(1400, 160 + 34 * list.length));
  const rotate = list.length > 8 ? 40 : 0;
  // On a log axis stacked lengths mean nothing: the two kinds stand side by side instead.
  const stack = log ? undefined : 'params';
  const value = (n: bigint, i: number, onTop: boolean) => {
    if (log && n === 0n) return null;
    const v = Number(n);
    // Anchored on the bar's side away from the nearer edge, so a label on the first or last bar stays inside.
    const align = biggest < list.length / 3 ? ('left' as const) : biggest >= (2 * list.length) / 3 ? ('right' as const) : ('center' as const);
    return i === biggest && onTop ? { value: v, label: { show: true, position: 'top' as const, align, formatter: share, color: COLOUR.text, fontSize: SIZE.label, fontWeight: 'bold' as const } } : v;
  };
  // The share's label goes on top of what is drawn highest: the stack's top part, or on a log axis
  // (side by side) the taller of the two bars.
  const trainableOnTop = (b: Bar) => (log ? b.counts.trainable >= b.counts.nonTrainable : b.counts.nonTrainable === 0n);
  const subtitle = [
    t(lang, grouping === 'groups' ? msg('chart.params.by.groups', { n: String(Math.ceil(report.rows.filter((r) => r.counts.total > 0n).length / list.length)) }) : msg(`chart.params.by.${grouping}`)),
    t(lang, msg(`fw.${o.framework}`)),
    t(lang, msg(log ? 'chart.scale.log' : 'chart.scale.linear')),
  ].join(' · ');
  // Why the axis is a log one nobody asked for, on a line of its own under the subtitle.
  const why = tiny ? t(lang, msg('chart.scale.logSmall', { percent: smallShare(report.counts.trainable, total) })) : undefined;
  const below = why === undefined ? 0 : 30;
  return {
    name: `${fileStem(o.model ?? 'model')}-parameters.png`,
    alt: alt(o, list, total, model),
    width,
    height: 560,
    option: {
      title: { ...TITLE, text: t(lang, msg('chart.params.title', { model, total: formatInt(total) })), subtext: why === undefined ? subtitle : `${subtitle}\n${why}` },
      // under the title's line, so a long title (a model's name and total) never runs into it
      legend: { top: 44 + below, right: 16, textStyle: { fontSize: SIZE.label }, data: [t(lang, msg('chart.trainable')), ...(hasFrozen ? [t(lang, msg('chart.nonTrainable'))] : [])] },
      grid: { left: 80, right: 32, top: 96 + below, bottom: rotate ? 110 : 56 },
      xAxis: {
        type: 'category',
        data: list.map((b) => fit(b.label, rotate ? 16 : 22)),
        axisLabel: { rotate, interval: 0, fontSize: SIZE.small, color: COLOUR.text },
        axisTick: { alignWithLabel: true },
      },
      yAxis: {
        type: log ? 'log' : 'value',
        name: t(lang, msg('chart.params.axis')),
        nameTextStyle: { color: COLOUR.muted, align: 'left' },
        axisLabel: { formatter: (v: number) => short(v), fontSize: SIZE.small, color: COLOUR.muted },
        splitLine: { lineStyle: { color: COLOUR.grid } },
        ...(log ? { logBase: 10 } : {}),
      },
      series: [
        {
          type: 'bar',
          name: t(lang, msg('chart.trainable')),
          ...(stack ? { stack } : {}),
          itemStyle: { color: COLOUR.trainable },
          barMaxWidth: 48,
          data: list.map((b, i) => value(b.counts.trainable, i, trainableOnTop(b))),
        },
        ...(hasFrozen
          ? [
              {
                type: 'bar' as const,
                name: t(lang, msg('chart.nonTrainable')),
                ...(stack ? { stack } : {}),
                itemStyle: { color: COLOUR.nonTrainable },
                barMaxWidth: 48,
                data: list.map((b, i) => value(b.counts.nonTrainable, i, !trainableOnTop(b))),
              },
            ]
          : []),
      ],
    },
  };
}

/** The numbers a reader of the picture takes away: the total, and the three biggest bars. */
function alt(o: ParametersInput, list: readonly Bar[], total: bigint, model: string): string {
  const { lang } = o;
  const biggest = [...list].sort((a, b) => (b.counts.total > a.counts.total ? 1 : b.counts.total < a.counts.total ? -1 : 0)).slice(0, 3);
  const parts = biggest.map((b) => t(lang, msg('chart.params.altBar', { name: b.label, n: formatInt(b.counts.total), percent: percentOf(b.counts.total, total) })));
  return t(
    lang,
    msg('chart.params.alt', { model, bars: String(list.length), total: formatInt(total), nonTrainable: formatInt(o.report.counts.nonTrainable), biggest: parts.join(lang === 'en' ? '; ' : '；') }),
  );
}

/** A file name from a model name: `VGG16` -> `vgg16`. */
export const fileStem = (name: string): string =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '') || 'picture';
