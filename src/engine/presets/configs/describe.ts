/** What a config.json was read as, in words: the header of its count and the fields behind it. */
import { joinList, msg, t, type Lang } from '../../../i18n/messages.js';
import type { Framework } from '../../types.js';
import type { ConfigOrigin } from './index.js';
import type { Preset } from '../preset.js';

const QUANTIZED: Readonly<Record<string, (q: NonNullable<ConfigOrigin['quantization']>) => string>> = {
  gptq: (q) => (q.method === 'gptq' ? `GPTQ int${q.bits}, group size ${q.groupSize}` : ''),
  awq: (q) => (q.method === 'awq' ? `AWQ int${q.bits}, group size ${q.groupSize}` : ''),
  nf4: (q) => (q.method === 'nf4' ? `bitsandbytes NF4${q.doubleQuant ? ', double quantization' : ''}` : ''),
  other: (q) => (q.method === 'other' ? q.name : ''),
};

export function configHeader(preset: Preset, origin: ConfigOrigin, framework: Framework, lang: Lang): string {
  return t(lang, msg('summary.config', { architecture: origin.architecture, modelType: origin.modelType, source: preset.fileFor(framework).source, framework: t(lang, msg(`fw.${framework}`)) }));
}

/** The fields used, the defaults assumed, the fields ignored; the architecture when config.json names none; the checkpoint's format. */
export function configLines(origin: ConfigOrigin, lang: Lang): string[] {
  const pairs = (list: ReadonlyArray<readonly [string, string]>) =>
    joinList(
      lang,
      list.map(([k, v]) => `${k} ${v}`),
    );
  const r = origin.reading;
  const lines: string[] = [];
  if (!origin.architectureGiven) lines.push(t(lang, msg('summary.configDefaultArchitecture', { architecture: origin.architecture })));
  if (r.used.length > 0) lines.push(t(lang, msg('summary.configUsed', { fields: pairs(r.used) })));
  if (r.assumed.length > 0) lines.push(t(lang, msg('summary.configAssumed', { fields: pairs(r.assumed) })));
  if (r.ignored.length > 0) lines.push(t(lang, msg('summary.configIgnored', { fields: joinList(lang, r.ignored) })));
  if (origin.quantization !== undefined) lines.push(t(lang, msg('summary.configQuantized', { method: QUANTIZED[origin.quantization.method]!(origin.quantization) })));
  lines.push(...origin.notes.map((n) => t(lang, msg('count.note', { text: t(lang, n) }))));
  return lines;
}

/** The reading as data, for --json. */
export function configJson(origin: ConfigOrigin): Record<string, unknown> {
  const r = origin.reading;
  return {
    modelType: origin.modelType,
    architecture: origin.architecture,
    architectureGiven: origin.architectureGiven,
    used: Object.fromEntries(r.used),
    assumed: Object.fromEntries(r.assumed),
    ignored: r.ignored,
    ...(origin.quantization === undefined ? {} : { quantization: origin.quantization }),
  };
}
