/** The quantized checkpoints' figures in words: each format's bytes with its formula and source, or why it has none. */
import { joinList, msg, t, type Lang, type MessageKey } from '../../i18n/messages.js';
import { formatBytes, formatInt } from '../format.js';
import type { CheckpointQuantization } from '../presets/configs/quantization.js';
import { GROUP, type QuantFigures, type QuantFormatId } from './index.js';

/** The format a config.json's quantization_config names, among those figured (at the same group size). */
export function checkpointFormat(q: CheckpointQuantization | undefined): QuantFormatId | undefined {
  if (q === undefined) return undefined;
  if (q.method === 'gptq' && q.groupSize === GROUP && (q.bits === 4 || q.bits === 8)) return q.bits === 4 ? 'gptq-int4' : 'gptq-int8';
  if (q.method === 'awq' && q.groupSize === GROUP && q.bits === 4) return 'awq-int4';
  if (q.method === 'nf4' && q.doubleQuant) return 'nf4';
  return undefined;
}

const LABELS: Readonly<Record<QuantFormatId, MessageKey>> = {
  'gptq-int4': 'quant.gptq4',
  'gptq-int8': 'quant.gptq8',
  'awq-int4': 'quant.awq',
  nf4: 'quant.nf4',
  'gguf-q8_0': 'quant.q8_0',
  'gguf-q4_k_m': 'quant.q4_k_m',
};

export function quantizedLines(all: QuantFigures, lang: Lang, own: QuantFormatId | undefined): string[] {
  if (!all.ok) return [t(lang, msg('quant.none', { why: t(lang, all.why) }))];
  const lines = [t(lang, msg('quant.title'))];
  for (const f of all.figures) {
    const label = t(lang, msg(LABELS[f.id] as 'quant.gptq4'));
    if (!f.ok) {
      lines.push(`  ${label}: ${t(lang, f.why)}`);
      continue;
    }
    const types =
      f.types === undefined
        ? ''
        : ` [${joinList(
            lang,
            Object.entries(f.types).map(([type, n]) => `${type} ${formatInt(n)}`),
          )}]`;
    lines.push(
      `  ${t(lang, msg('quant.line', { label, total: formatInt(f.bytes), scaled: formatBytes(f.bytes), quantized: formatInt(f.quantized), kept: formatInt(f.kept) }))}${types}${f.id === own ? t(lang, msg('quant.own')) : ''}`,
    );
  }
  return lines;
}
