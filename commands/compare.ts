/**
 * /compare [MODELS] [--framework keras|pytorch]: the lecture's chart, top-1 accuracy against
 * operations with bubble area ∝ parameters, for presets /count knows (when none are named, every
 * one with a published ImageNet accuracy). Parameters and MACs are counted by the engine;
 * accuracies are the published ones (src/engine/presets/accuracy.ts). A model without a published accuracy in its framework goes on
 * a parameters-against-operations chart instead, and the reply says so.
 */
import { MAX_MODELS, type ModelPoint } from '../src/charts/compare.js';
import { count } from '../src/engine/count.js';
import { formatInt } from '../src/engine/format.js';
import { displayName, publishedAccuracy } from '../src/engine/presets/accuracy.js';
import { findPreset, nativeFramework, PRESET_WORDS, type Preset } from '../src/engine/presets/index.js';
import { table } from '../src/engine/render.js';
import { closest } from '../src/engine/suggest.js';
import type { Framework } from '../src/engine/types.js';
import type { Pictures } from '../src/charts/pool.js';
import { msg, t, type Lang, type MessageRef } from '../src/i18n/messages.js';
import { askerOf, picture } from './files.js';
import { errorReply } from './replies.js';
import type { Command, Reply, ReplyFile } from './types.js';

/**
 * The default set: one chart's worth (MAX_MODELS) of landmark ImageNet classifiers, from AlexNet to
 * ViT and EfficientNetV2, each with a published top-1 in its own framework; any other preset is one name away.
 */
const LANDMARKS = ['alexnet', 'vgg16', 'resnet50', 'inceptionv3', 'densenet121', 'mobilenetv2', 'mobilenetv3large', 'nasnetmobile', 'efficientnetb0', 'efficientnetv2s', 'vit_b_16', 'xception'];
const IMAGENET_PRESETS: readonly Preset[] = LANDMARKS.map(findPreset)
  .filter((p): p is Preset => p !== undefined && publishedAccuracy([p.name, ...p.aliases], nativeFramework(p)) !== undefined)
  .slice(0, MAX_MODELS);

type Parsed = { readonly ok: true; readonly presets: readonly Preset[]; readonly framework: Framework | undefined } | { readonly ok: false; readonly error: MessageRef };

/** A Map: `--framework constructor` names nothing, as any other word does. */
const FRAMEWORKS: ReadonlyMap<string, Framework> = new Map<string, Framework>([
  ['keras', 'keras'],
  ['tf', 'keras'],
  ['tensorflow', 'keras'],
  ['pytorch', 'pytorch'],
  ['torch', 'pytorch'],
  ['torchvision', 'pytorch'],
]);

/** Model names (spaces or commas between them) and an optional framework flag. */
export function parseModels(text: string): Parsed {
  let framework: Framework | undefined;
  const words = text.split(/[\s,]+/).filter((w) => w !== '');
  const names: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const flag = /^--(framework|fw)(?:=(.*))?$/i.exec(word);
    if (flag) {
      const value = flag[2] ?? words[++i] ?? '';
      framework = FRAMEWORKS.get(value.toLowerCase());
      if (!framework) return { ok: false, error: msg('err.notAChoice', { token: value, what: '--framework', choices: 'keras|pytorch' }) };
    } else if (/^--(keras|pytorch|torch)$/i.test(word)) {
      framework = FRAMEWORKS.get(word.slice(2).toLowerCase());
    } else if (word.startsWith('--')) {
      return { ok: false, error: msg('compare.unknownFlag', { flag: word }) };
    } else {
      names.push(word);
    }
  }
  if (names.length > MAX_MODELS) return { ok: false, error: msg('compare.tooMany', { n: String(names.length), max: String(MAX_MODELS) }) };
  const presets: Preset[] = [];
  for (const name of names) {
    const preset = findPreset(name);
    if (!preset) {
      const suggestion = closest(name.toLowerCase(), PRESET_WORDS);
      return { ok: false, error: suggestion ? msg('compare.unknownSuggest', { name, suggestion }) : msg('compare.unknown', { name, presets: IMAGENET_PRESETS.map((p) => p.name).join(', ') }) };
    }
    if (!presets.includes(preset)) presets.push(preset);
  }
  return { ok: true, presets: presets.length > 0 ? presets : IMAGENET_PRESETS, framework };
}

export interface Compared {
  readonly withAccuracy: ModelPoint[];
  readonly without: ModelPoint[];
}

/** Each preset counted in its framework (the asked one, else its own) and paired with its published top-1. */
export function compareModels(presets: readonly Preset[], framework: Framework | undefined): Compared {
  const withAccuracy: ModelPoint[] = [];
  const without: ModelPoint[] = [];
  for (const preset of presets) {
    const fw = framework ?? nativeFramework(preset);
    const names = [preset.name, ...preset.aliases];
    const { report } = count(`${preset.name} --framework ${fw}`);
    const published = publishedAccuracy(names, fw);
    const point: ModelPoint = { display: published?.display ?? displayName(names) ?? preset.name, framework: fw, params: report.counts.total, macs: report.macs ?? 0n, top1: published?.top1 };
    (published ? withAccuracy : without).push(point);
  }
  return { withAccuracy, without };
}

function compareTable(lang: Lang, points: readonly ModelPoint[]): string {
  return table(
    [
      t(lang, msg('chart.compare.col.model')),
      t(lang, msg('compare.col.framework')),
      t(lang, msg('chart.compare.col.top1')),
      t(lang, msg('chart.compare.col.params')),
      t(lang, msg('chart.compare.col.macs')),
    ],
    points.map((p) => [p.display, t(lang, msg(`fw.${p.framework}`)), p.top1 === undefined ? '-' : `${p.top1}%`, formatInt(p.params), formatInt(p.macs)]),
    new Set([2, 3, 4]),
  ).join('\n');
}

export function compareReply(pictures: Pictures, lang: Lang, text: string, share: boolean, asker = ''): Reply {
  const parsed = parseModels(text);
  if (!parsed.ok) return errorReply(lang, parsed.error);
  const { withAccuracy, without } = compareModels(parsed.presets, parsed.framework);
  const missing = without.map((p) => `${p.display} (${t(lang, msg(`fw.${p.framework}`))})`);
  const shown: ReplyFile[] = [];
  if (withAccuracy.length > 0) shown.push(picture(pictures, { kind: 'compare', points: withAccuracy, chart: 'accuracy', lang, missing }, asker));
  if (without.length > 0) shown.push(picture(pictures, { kind: 'compare', points: without, chart: 'parameters', lang, missing: [] }, asker));
  return {
    visibility: share ? 'public' : 'private',
    tone: 'info',
    title: t(lang, msg('compare.title', { n: String(withAccuracy.length + without.length) })),
    text: [t(lang, msg('compare.lead')), ...(missing.length > 0 ? [t(lang, msg('compare.missing', { models: missing.join(', ') }))] : [])].join('\n'),
    code: compareTable(lang, [...withAccuracy, ...without]),
    footer: t(lang, msg('chart.compare.sources')),
    files: shown,
  };
}

export const compareCommand: Command = {
  name: 'compare',
  description: msg('cmd.compare'),
  standalone: true,
  options: [
    { name: 'models', type: 'string', rest: true, autocomplete: true, description: msg('cmdopt.models') },
    { name: 'share', type: 'boolean', description: msg('cmdopt.share') },
  ],
  run: (ctx, args) => compareReply(ctx.services.pictures, ctx.lang, String(args.models ?? ''), args.share === true, askerOf(ctx)),
  suggest: (_option, typed) => {
    const words = typed.split(/\s+/);
    const last = (words.pop() ?? '').toLowerCase();
    const head = words.join(' ');
    return PRESET_WORDS.filter((w) => w.startsWith(last))
      .slice(0, 25)
      .map((w) => `${head} ${w}`.trim());
  },
};
