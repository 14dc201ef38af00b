/** `paramquiz count --help`: generated from the kind registry, the presets and the library, so every one is listed. */
import { KINDS } from './layers/index.js';
import { LIBRARY_DEFS, PRESETS } from './presets/index.js';
import { table } from './render.js';
import type { Family, Framework } from './types.js';
import { msg, t, type Lang } from '../i18n/messages.js';

const FAMILIES: readonly Family[] = ['conv', 'dense', 'norm', 'recurrent', 'attention', 'transformer', 'activation', 'shape'];

/** Every option any kind takes, in the order the help lists them. */
const OPTIONS = [
  'bias',
  'stride',
  'pad',
  'dilation',
  'groups',
  'mult',
  'outpad',
  'ceil',
  'exact',
  'in',
  'trainable',
  'layers',
  'bidirectional',
  'seq',
  'reset_after',
  'proj',
  'key_dim',
  'value_dim',
  'kdim',
  'vdim',
  'bias_kv',
  'kv_heads',
  'head_dim',
  'qkv_bias',
  'out_bias',
  'fused',
  'names',
  'rel_buckets',
  'rope',
  'kv_dim',
  'kv_len',
  'group_norm',
  'top_k',
  'shared_ff',
  'shared_name',
  'shared_gate',
  'router_linear',
  'score_bias',
  'kv_rank',
  'q_rank',
  'nope_dim',
  'rope_dim',
  'v_dim',
  'act',
  'cls',
  'pos',
  'tie',
  'window',
  'v2',
  'cpb',
  'proj_bias',
  'affine',
  'scale',
  'center',
  'per',
  'keepdims',
  'fixed',
  'factor',
  'size',
  'top',
  'classes',
  'aux_logits',
  'preprocessing',
] as const;
export type OptionName = (typeof OPTIONS)[number];

/** Where the help is read: the command line (`paramquiz count`) or a chat (`/count`). */
export type HelpPlace = 'cli' | 'chat';

/** What `/help count TOPIC` (and `paramquiz count --help`, all of them in order) can show. */
export const HELP_TOPICS = ['layers', 'options', 'models', 'presets', 'code', 'memory', 'flags'] as const;
export type HelpTopic = (typeof HELP_TOPICS)[number];
export const isHelpTopic = (word: string): word is HelpTopic => (HELP_TOPICS as readonly string[]).includes(word);

function layers(lang: Lang): string[] {
  const lines: string[] = [];
  for (const family of FAMILIES) {
    lines.push(t(lang, msg(`family.${family}`)));
    const all = KINDS.filter((k) => k.family === family);
    // Parameter-free activations share one row: listing thirteen identical lines teaches nothing.
    const bare = all.filter((k) => k.family === 'activation' && k.args.length === 0 && k.options.length === 0);
    const kinds = all.filter((k) => !bare.includes(k));
    const rows = kinds.map((k) => [`  ${k.usage}`, k.example, t(lang, k.summary) + (k.options.length > 0 ? `  [${k.options.join(', ')}]` : '')]);
    lines.push(...table(['', '', ''], rows, new Set()).slice(2, -1));
    if (bare.length > 0) lines.push(`  ${bare.map((k) => k.name).join(', ')}: ${t(lang, bare[0]!.summary)}`);
    lines.push('');
  }
  return lines;
}

function presets(lang: Lang): string[] {
  const lines = [t(lang, msg('help.presets'))];
  for (const framework of ['keras', 'pytorch'] as const satisfies readonly Framework[]) {
    const names = PRESETS.filter((p) => p.native === framework).map((p) => {
      const own = p.files[framework]!.params.map((o) => `${o.name}=${o.fallback}`);
      return own.length > 0 ? `${p.name} [${own.join(' ')}]` : p.name;
    });
    lines.push(`  ${t(lang, msg(`fw.${framework}`))}: ${names.join(', ')}`);
  }
  lines.push(`  ${t(lang, msg('help.presetOptions'))}`, `  ${t(lang, msg('help.presetWords'))}`, '');
  lines.push(t(lang, msg('help.library')));
  lines.push(`  ${LIBRARY_DEFS.map((d) => `${d.name}(${d.params.map((p) => (p.fallback === undefined ? p.name : `${p.name}=${p.fallback}`)).join(', ')})`).join(', ')}`, '');
  return lines;
}

/** The chat runs the same examples as /count, its spec unquoted. */
const forPlace = (text: string, place: HelpPlace): string => (place === 'cli' ? text : text.replaceAll('paramquiz count ', '/count ').replaceAll('"', ''));

/** Each topic's lines, in the order the whole help lists them. */
const SECTIONS: Readonly<Record<HelpTopic, (lang: Lang, place: HelpPlace) => string[]>> = {
  models: (lang) => [t(lang, msg('help.grammar')), ''],
  layers,
  options: (lang) => [t(lang, msg('help.options')), ...OPTIONS.map((o) => `  ${t(lang, msg(`opt.${o}`))}`), ''],
  presets,
  code: (lang, place) => [forPlace(t(lang, msg('help.code')), place), ''],
  memory: (lang, place) => [forPlace(t(lang, msg('help.finetune')), place), ''],
  flags: (lang, place) => [t(lang, msg('help.flags')), '', forPlace(t(lang, msg('help.examples')), place)],
};

const usage = (lang: Lang, place: HelpPlace): string => t(lang, msg(place === 'cli' ? 'help.usage' : 'help.usageChat'));

/** Everything: usage, the language, then every topic (`paramquiz count --help`). */
export function renderHelp(lang: Lang, place: HelpPlace = 'cli'): string {
  const order: readonly HelpTopic[] = ['models', 'layers', 'options', 'presets', 'code', 'memory', 'flags'];
  return [usage(lang, place), '', t(lang, msg('help.language')), '', ...order.flatMap((topic) => SECTIONS[topic](lang, place))].join('\n');
}

/** One topic, after the usage line. */
export const renderHelpTopic = (lang: Lang, topic: HelpTopic, place: HelpPlace): string => [usage(lang, place), '', ...SECTIONS[topic](lang, place)].join('\n').trimEnd();

/** A screen's worth: usage, the language in three lines, the topics with what each holds, a few examples. */
export function renderHelpOverview(lang: Lang, place: HelpPlace): string {
  const how = place === 'cli' ? 'paramquiz count --help' : '/help count';
  const topics = HELP_TOPICS.map((topic) => `  ${`${how} ${topic}`.padEnd(how.length + 10)}${t(lang, msg(`helpTopic.${topic}`))}`);
  return [usage(lang, place), '', t(lang, msg('help.language')), '', t(lang, msg('help.topics')), ...topics, '', forPlace(t(lang, msg('help.quickExamples')), place)].join('\n');
}
