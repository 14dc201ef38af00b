/**
 * The exact bytes of a model's quantized checkpoints (--memory, --json): GPTQ int4 and int8 and AWQ
 * int4 at group size 128, bitsandbytes NF4, GGUF Q8_0 and Q4_K_M. Each figure follows the tool's own
 * layout (formats.ts, gguf.ts); a model or a tensor a format cannot take is a figure refused with why.
 */
import { msg, type MessageRef } from '../../i18n/messages.js';
import type { Report } from '../model.js';
import { awq, formatBytes, gptq, nf4, ShapeRefused, type FormatBytes, type GroupFormat, type QuantReading } from './formats.js';
import { BLOCKS, ggufTensorBytes, ggufType, GgufRefused, type GgmlType, type GgufFile, type GgufModel } from './gguf.js';

/** GGML types listed from the most bits to the fewest, as the breakdown shows them. */
const TYPE_ORDER = (Object.keys(BLOCKS) as GgmlType[]).sort((a, b) => BLOCKS[b][1] / BLOCKS[b][0] - BLOCKS[a][1] / BLOCKS[a][0]);
import { storedModel, tensorName, type StoredGroup } from './stored.js';

export type QuantFormatId = 'gptq-int4' | 'gptq-int8' | 'awq-int4' | 'nf4' | 'gguf-q8_0' | 'gguf-q4_k_m';
export const QUANT_FORMATS: readonly QuantFormatId[] = ['gptq-int4', 'gptq-int8', 'awq-int4', 'nf4', 'gguf-q8_0', 'gguf-q4_k_m'];

/** The group size GPTQ and AWQ checkpoints are published with. */
export const GROUP = 128;

export type QuantFigure =
  | ({ readonly id: QuantFormatId; readonly ok: true; readonly types?: Readonly<Partial<Record<GgmlType, bigint>>> } & FormatBytes)
  | { readonly id: QuantFormatId; readonly ok: false; readonly why: MessageRef };

const groupFormats = (reading: QuantReading): ReadonlyArray<readonly [QuantFormatId, GroupFormat]> => [
  ['gptq-int4', gptq(4, GROUP, reading)],
  ['gptq-int8', gptq(8, GROUP, reading)],
  ['awq-int4', awq(GROUP, reading)],
  ['nf4', nf4(reading)],
];

/** The parameters of each GGML type in a GGUF file, and the bytes. */
function gguf(groups: readonly StoredGroup[], file: GgufFile, m: GgufModel): FormatBytes & { types: Partial<Record<GgmlType, bigint>> } {
  let bytes = 0n;
  let all = 0n;
  const types: Partial<Record<GgmlType, bigint>> = {};
  for (const g of groups) {
    for (const t of g.tensors) {
      if (t.category === 'other') throw new GgufRefused(tensorName(g, t), -1);
      let type: GgmlType;
      try {
        type = ggufType(t, g.layer ?? 0, file, m);
      } catch (e) {
        throw e instanceof GgufRefused ? new GgufRefused(tensorName(g, t), e.rowLength) : e;
      }
      bytes += ggufTensorBytes(t, type);
      types[type] = (types[type] ?? 0n) + t.elements;
      all += t.elements;
    }
  }
  const kept = (types.F32 ?? 0n) + (types.F16 ?? 0n);
  const ordered = Object.fromEntries(TYPE_ORDER.filter((type) => types[type] !== undefined).map((type) => [type, types[type]!]));
  return { bytes, quantized: all - kept, kept, types: ordered };
}

function refusal(e: unknown): MessageRef {
  if (e instanceof ShapeRefused) return msg('quant.shape', { tensor: e.tensor, size: String(e.size), multiple: String(e.multiple) });
  if (e instanceof GgufRefused) return e.rowLength < 0 ? msg('quant.ggufLayout', { tensor: e.tensor }) : msg('quant.ggufRow', { tensor: e.tensor, size: String(e.rowLength) });
  throw e;
}

/** Every format's figure; or, for a model no quantizer takes (not a decoder LM), why there are none. */
export type QuantFigures = { readonly ok: true; readonly figures: readonly QuantFigure[] } | { readonly ok: false; readonly why: MessageRef };

/**
 * Every format's figure as stored; with another reading, the group-wise formats' figures as a
 * student who misreads their layout works them out. `gguf: false` leaves llama.cpp's formats out
 * (a memory question asks about the group-wise ones only).
 */
export function quantizedFigures(report: Report, reading: QuantReading = 'stored', o: { readonly gguf?: boolean } = {}): QuantFigures {
  const stored = storedModel(report);
  if (!stored.ok) return { ok: false, why: msg('quant.notDecoder', { row: stored.row }) };
  const attention = report.rows.filter((r) => r.record.attention !== null).map((r) => r.record.attention!);
  const model: GgufModel = {
    layers: stored.layers,
    experts: stored.experts,
    tiedHead: stored.tiedHead,
    is70B: stored.layers === 80 && attention.some((a) => a.kvHeads < a.heads),
  };
  const attempt = (id: QuantFormatId, figure: () => FormatBytes & { types?: Partial<Record<GgmlType, bigint>> }): QuantFigure => {
    try {
      return { id, ok: true, ...figure() };
    } catch (e) {
      return { id, ok: false, why: refusal(e) };
    }
  };
  const figures = [
    ...groupFormats(reading).map(([id, format]) => attempt(id, () => formatBytes(format, stored.groups))),
    ...(reading === 'stored' && o.gguf !== false ? [attempt('gguf-q8_0', () => gguf(stored.groups, 'Q8_0', model)), attempt('gguf-q4_k_m', () => gguf(stored.groups, 'Q4_K_M', model))] : []),
  ];
  return { ok: true, figures };
}
