/**
 * LoRA (Hu et al. 2021, arXiv:2106.09685) as PEFT applies it: the base model is frozen, and every
 * matrix whose module name matches a target gets two trainable factors, A (r×in) and B (out×r):
 * r×(in + out) parameters. Targets follow PEFT's rule (peft/tuners/tuners_utils.py,
 * check_target_module_exists: a module whose full name equals a target or ends with `.target`);
 * `q`, `k`, `v`, `o` also name an attention's projections by role, whatever a library calls them
 * (q_proj, query, c_attn), and `all-linear` every matrix but the LM head, as PEFT's option does.
 */
import { parseRate, parseSize } from './args.js';
import { countTensors } from './counts.js';
import { fail } from './errors.js';
import { lit, product, sum } from './expr.js';
import { volume } from './layers/common.js';
import { summarize, type Report, type Row } from './model.js';
import type { LayerRecord, LinearModule, ProjectionRole } from './types.js';
import { msg } from '../i18n/messages.js';

export interface LoraSpec {
  readonly rank: number;
  readonly targets: readonly string[];
  /** lora_alpha: scales the update (alpha/r); no parameters. */
  readonly alpha: number | undefined;
  readonly dropout: number | undefined;
}

export interface LoraSummary {
  readonly spec: LoraSpec;
  /** Full module names adapted, in model order. */
  readonly modules: readonly string[];
  /** Their last name segments, once each: PEFT's equivalent target_modules. */
  readonly targetModules: readonly string[];
  readonly trainable: bigint;
  readonly all: bigint;
}

const ROLES: readonly ProjectionRole[] = ['q', 'k', 'v', 'o'];
const OPTIONS = ['r', 'targets', 'target_modules', 'alpha', 'lora_alpha', 'dropout', 'lora_dropout'];

/** `lora [R] [r=R] [targets=q,v] [alpha=A] [dropout=P]`: PEFT's defaults are r=8 and, for the common models, q and v. */
export function parseLora(words: readonly string[]): LoraSpec {
  let rank: number | undefined;
  let targets: string[] = ['q', 'v'];
  let alpha: number | undefined;
  let dropout: number | undefined;
  for (const token of words.slice(1)) {
    const eq = token.indexOf('=');
    if (eq < 0) {
      if (rank !== undefined) fail('err.argCount', { kind: 'lora', usage: 'lora [r=R] [targets=a,b]', example: 'lora r=8 targets=q_proj,v_proj', got: '2', expected: '0–1' });
      rank = parseSize(token, 'r');
      continue;
    }
    const key = token.slice(0, eq).toLowerCase();
    const value = token.slice(eq + 1);
    if (!OPTIONS.includes(key)) fail('err.unknownOption', { kind: 'lora', key, allowed: 'r, targets, alpha, dropout' });
    if (key === 'r') rank = parseSize(value, 'r');
    else if (key === 'targets' || key === 'target_modules') targets = value.split(',').map((t) => t.trim()).filter((t) => t !== '');
    else if (key === 'alpha' || key === 'lora_alpha') alpha = parseSize(value, 'alpha');
    else dropout = parseRate(value, 'dropout');
  }
  if (targets.length === 0) fail('err.loraNoTargets');
  return { rank: rank ?? 8, targets, alpha, dropout };
}

export function printLora(spec: LoraSpec): string {
  return ['lora', `r=${spec.rank}`, `targets=${spec.targets.join(',')}`, ...(spec.alpha === undefined ? [] : [`alpha=${spec.alpha}`]), ...(spec.dropout === undefined ? [] : [`dropout=${spec.dropout}`])].join(' ');
}

function matches(target: string, full: string, linear: LinearModule, record: LayerRecord): boolean {
  if ((ROLES as readonly string[]).includes(target) && linear.roles.includes(target as ProjectionRole)) return true;
  if (target === 'all-linear') return record.kind !== 'lmhead';
  return full === target || full.endsWith(`.${target}`);
}

function adapter(base: Row, linear: LinearModule, rank: number): LayerRecord {
  const positions = volume(base.record.outputShape.slice(0, -1));
  const [r, i, o] = [lit(rank, 'r'), lit(linear.inFeatures, 'IN'), lit(linear.outFeatures, 'OUT')];
  return {
    kind: 'lora',
    typeName: 'LoRA',
    spec: `lora r=${rank}`,
    tensors: [
      { name: 'lora_A.weight', shape: [rank, linear.inFeatures], role: 'weight', trainable: true },
      { name: 'lora_B.weight', shape: [linear.outFeatures, rank], role: 'weight', trainable: true },
    ],
    formula: product(r, sum(i, o)),
    outputShape: base.record.outputShape,
    macs: positions === null ? null : positions * BigInt(rank) * BigInt(linear.inFeatures + linear.outFeatures),
    conventionSensitive: false,
    notes: [],
    mistake: msg('mistake.lora'),
    mistakes: () => [],
    shapeWorking: () => [],
    macsFormula: null,
    inputForm: base.record.inputForm,
    linears: [],
    attention: null,
  };
}

/** The model with its base frozen and an adapter row after every matched matrix. */
export function applyLora(report: Report, spec: LoraSpec): { report: Report; summary: LoraSummary } {
  const frozen = new Map<LayerRecord, LayerRecord>();
  const freeze = (r: LayerRecord) => {
    let f = frozen.get(r);
    if (f === undefined) {
      f = { ...r, tensors: r.tensors.map((t) => ({ ...t, trainable: false })) };
      frozen.set(r, f);
    }
    return f;
  };
  const rows: Row[] = [];
  const modules: string[] = [];
  for (const row of report.rows) {
    const record = freeze(row.record);
    rows.push({ ...row, record, counts: row.shared !== null ? row.counts : { total: row.counts.total, trainable: 0n, nonTrainable: row.counts.total } });
    if (row.shared !== null) continue; // a shared use is the same module: adapted once, where it is owned
    for (const linear of row.record.linears) {
      const full = linear.name === '' ? row.module : `${row.module}.${linear.name}`;
      if (!spec.targets.some((t) => matches(t, full, linear, row.record))) continue;
      const record = adapter(row, linear, spec.rank);
      rows.push({ name: `${full}.lora`, module: `${full}.lora`, block: row.block, record, counts: countTensors(record.tensors), shared: null, tied: null });
      modules.push(full);
    }
  }
  if (modules.length === 0) {
    const names = report.rows.flatMap((r) => r.record.linears.map((l) => (l.name === '' ? r.module : `${r.module}.${l.name}`).split('.').pop()!));
    fail('err.loraNoMatch', { targets: spec.targets.join(','), available: [...new Set(names)].slice(0, 8).join(', ') || '-' });
  }
  const result = summarize(report.framework, report.input, report.output, rows, report.blocks, report.reused);
  return {
    report: result,
    summary: {
      spec,
      modules,
      targetModules: [...new Set(modules.map((m) => m.split('.').pop()!))],
      trainable: result.counts.trainable,
      all: result.counts.total,
    },
  };
}
