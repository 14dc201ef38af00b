/**
 * The --json output of DESIGN.md. Counts are exact: integers are written as JSON number literals
 * with all their digits, also past 2^53 (JSON has no limit; readers that need exactness there can
 * parse them as big integers).
 *
 * Fields beyond DESIGN.md's are added, never changed: every layer has its `name` (and `sharedWith`
 * or `tiedTo` when it does not own its weights: its `params` are then what it adds, so the
 * layers still sum to `total`); `scoreMacs` (the attention-score part of `macs`) with attention;
 * `preset` and `blocks` for a preset; `active` (and `activeWithoutInputEmbedding`) with a mixture of
 * experts; `lora` after `lora ...`; `memory` with --memory; `text`
 * (the data file or def) for explain-preset.
 */
import { activeCounts } from './active.js';
import { activationsOf } from './activations.js';
import { flopsPerToken } from './flops.js';
import { quantizedFigures } from './quant/index.js';
import { t } from '../i18n/messages.js';
import { configJson } from './presets/configs/describe.js';
import { countTensors } from './counts.js';
import type { CountResult } from './count.js';
import { memoryOf } from './memory.js';
import { blockTable, type Report } from './model.js';
import { rowFormulas } from './render.js';
import { inOrder } from './naming.js';
import type { ChannelsAt, Shape } from './types.js';

/** A shape without its batch axis in the framework's order (DESIGN.md: C×H×W for PyTorch; H×W×C after a permute), or null when a size is unknown. */
const knownShape = (s: Shape, channels: ChannelsAt): number[] | null => {
  const ordered = inOrder(s, channels);
  return ordered.every((d): d is number => d !== null) ? [...ordered] : null;
};

export function toJson(result: CountResult): string {
  const { report, request } = result;
  const formula = rowFormulas();
  const doc: Record<string, unknown> = {
    framework: result.framework,
    total: report.counts.total,
    trainable: report.counts.trainable,
    nonTrainable: report.counts.nonTrainable,
    macs: report.macs,
    layers: report.rows.map((row) => {
      const own = countTensors(row.record.tensors);
      return {
        kind: row.record.kind,
        params: row.counts.total,
        trainable: row.counts.trainable,
        nonTrainable: row.counts.nonTrainable,
        outputShape: result.code && !result.code.shapes.known ? null : knownShape(row.record.outputShape, row.channels),
        macs: row.record.macs,
        formula: formula(row.record),
        name: row.name,
        type: row.record.typeName,
        ...(row.shared !== null ? { sharedWith: row.shared, ownParams: own.total } : {}),
        ...(row.tied !== null ? { tiedTo: row.tied, ownParams: own.total } : {}),
      };
    }),
  };
  if (report.scoreMacs !== 0n) doc.scoreMacs = report.scoreMacs;
  const active = activeCounts(report);
  if (active !== null) {
    doc.active = active.active;
    if (active.withoutInputEmbedding !== undefined) doc.activeWithoutInputEmbedding = active.withoutInputEmbedding;
  }
  if (result.preset) {
    const file = result.preset.fileFor(result.framework);
    doc.preset = { name: result.preset.name, source: file.source, paper: file.paper ?? null, native: result.preset.files[result.framework] !== undefined };
    if (result.preset.config !== undefined) doc.config = configJson(result.preset.config);
    doc.blocks = blockTable(report).map((b) => ({
      name: b.name,
      repeat: b.repeat ?? null,
      params: b.counts.total,
      trainable: b.counts.trainable,
      nonTrainable: b.counts.nonTrainable,
      outputShape: knownShape(b.output, b.channels),
      macs: b.macs,
    }));
  }
  if (report.reused > 0n) doc.reused = report.reused;
  if (request.explain?.t === 'def') doc.text = request.explain.def.text;
  if (request.explain?.t === 'preset') doc.text = result.preset!.fileFor(result.framework).file.read();
  if (result.lora) {
    const l = result.lora;
    doc.lora = { r: l.spec.rank, targets: l.spec.targets, targetModules: l.targetModules, modules: l.modules.length, trainable: l.trainable, all: l.all };
  }
  if (request.memory || request.batch !== undefined) {
    const m = memoryOf(report, request.batch);
    doc.memory = {
      weights: Object.fromEntries(m.weights.map((w) => [w.precision, w.bytes])),
      adamFp32: m.fp32.bytes,
      adamMixed: m.mixed.bytes,
      kvCache: m.kv === null ? null : { bytesPerToken: m.kv.elementsPerToken * BigInt(m.kv.bytesPerElement), seq: m.kv.seq, batch: m.kv.batch, bytes: m.kv.bytes },
      quantized: quantizedJson(report),
      activations: activationsJson(report, request.batch ?? 1),
    };
  }
  const flops = flopsPerToken(report);
  if (flops !== null) doc.flopsPerToken = flops;
  // bigint -> a marker string, then the marker's quotes removed: exact digits, valid JSON.
  return JSON.stringify(doc, (_k, v: unknown) => (typeof v === 'bigint' ? `\u0000${v}\u0000` : v)).replace(/"\\u0000(-?\d+)\\u0000"/g, '$1');
}

/** Each format's bytes (or why there are none), as --memory states them. */
function quantizedJson(report: Report): Record<string, unknown> {
  const all = quantizedFigures(report);
  if (!all.ok) return { why: t('en', all.why) };
  return Object.fromEntries(
    all.figures.map((f) => [f.id, f.ok ? { bytes: f.bytes, quantizedParams: f.quantized, keptParams: f.kept, ...(f.types && { ggmlTypes: f.types }) } : { bytes: null, why: t('en', f.why) }]),
  );
}

/** Training's activations in bytes (memory.activations), null when the model is no token sequence with attention. */
function activationsJson(report: Report, batch: number): Record<string, unknown> | null {
  const steps = report.input.length <= 2 ? report.input[0] : null;
  const a = steps === null || steps === undefined ? null : activationsOf(report, steps, batch);
  if (a === null) return null;
  return {
    seq: a.seq,
    batch: a.batch,
    layers: a.layers,
    perLayerBytesPerToken: a.typical.perToken,
    perLayerScoreBytesPerTokenPair: a.typical.perScore,
    stored: a.stored,
    flashAttention: a.flash,
    checkpointed: a.checkpointed,
    outsideLayers: a.outside,
  };
}
