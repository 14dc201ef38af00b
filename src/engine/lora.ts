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
import { msg, type MessageRef } from '../i18n/messages.js';
import type { Misreading } from './mistakes.js';
import { groupBy } from '../group.js';

export interface LoraSpec {
  readonly rank: number;
  readonly targets: readonly string[];
  /** lora_alpha: scales the update (alpha/r); no parameters. */
  readonly alpha: number | undefined;
  readonly dropout: number | undefined;
}

/** One adapted matrix: its full module name and the matrix it wraps. */
export interface Adapted {
  readonly module: string;
  readonly linear: LinearModule;
}

export interface LoraSummary {
  readonly spec: LoraSpec;
  /** Full module names adapted, in model order. */
  readonly modules: readonly string[];
  readonly adapted: readonly Adapted[];
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
    else if (key === 'targets' || key === 'target_modules')
      targets = value
        .split(',')
        .map((t) => t.trim())
        .filter((t) => t !== '');
    else if (key === 'alpha' || key === 'lora_alpha') alpha = parseSize(value, 'alpha');
    else dropout = parseRate(value, 'dropout');
  }
  if (targets.length === 0) fail('err.loraNoTargets');
  return { rank: rank ?? 8, targets, alpha, dropout };
}

export function printLora(spec: LoraSpec): string {
  return [
    'lora',
    `r=${spec.rank}`,
    `targets=${spec.targets.join(',')}`,
    ...(spec.alpha === undefined ? [] : [`alpha=${spec.alpha}`]),
    ...(spec.dropout === undefined ? [] : [`dropout=${spec.dropout}`]),
  ].join(' ');
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
    spec: () => `lora r=${rank}`,
    tensors: [
      { name: 'lora_A.weight', shape: [rank, linear.inFeatures], role: 'weight', trainable: true },
      { name: 'lora_B.weight', shape: [linear.outFeatures, rank], role: 'weight', trainable: true },
    ],
    formula: () => product(r, sum(i, o)),
    outputShape: base.record.outputShape,
    macs: positions === null ? null : positions * BigInt(rank) * BigInt(linear.inFeatures + linear.outFeatures),
    conventionSensitive: false,
    notes: () => [],
    mistake: msg('mistake.lora'),
    mistakes: () => [],
    shapeWorking: () => [],
    macsFormula: () => null,
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
  const adapted: Adapted[] = [];
  for (const row of report.rows) {
    const record = freeze(row.record);
    rows.push({ ...row, record, counts: row.shared !== null ? row.counts : { total: row.counts.total, trainable: 0n, nonTrainable: row.counts.total } });
    if (row.shared !== null) continue; // a shared use is the same module: adapted once, where it is owned
    for (const linear of row.record.linears) {
      const full = linear.name === '' ? row.module : `${row.module}.${linear.name}`;
      if (!spec.targets.some((t) => matches(t, full, linear, row.record))) continue;
      const record = adapter(row, linear, spec.rank);
      rows.push({ name: `${full}.lora`, module: `${full}.lora`, block: row.block, call: 'module', record, counts: countTensors(record.tensors), shared: null, tied: null, channels: row.channels });
      adapted.push({ module: full, linear });
    }
  }
  const modules = adapted.map((a) => a.module);
  if (modules.length === 0) {
    const names = report.rows.flatMap((r) => r.record.linears.map((l) => (l.name === '' ? r.module : `${r.module}.${l.name}`).split('.').pop()!));
    fail('err.loraNoMatch', { targets: spec.targets.join(','), available: [...new Set(names)].slice(0, 8).join(', ') || '-' });
  }
  const summarized = summarize(report.framework, report.input, report.output, rows, report.blocks, report.reused, report.classes);
  // Adapters on routed experts are used by a token only with their expert: the active count would
  // need the routing of each adapter, so it is not stated rather than stated wrong.
  const onExperts = adapted.some((a) => a.linear.expert === true);
  const result = onExperts ? { ...summarized, active: null } : summarized;
  return {
    report: result,
    summary: {
      spec,
      modules,
      adapted,
      targetModules: [...new Set(modules.map((m) => m.split('.').pop()!))],
      trainable: result.counts.trainable,
      all: result.counts.total,
    },
  };
}

/** The last segment of a module name: what PEFT's target_modules list says (q_proj). */
const leaf = (module: string) => module.split('.').pop()!;

interface LoraMistakeDef {
  readonly id: string;
  /** The trainable parameters a student who makes the mistake gives; undefined when it cannot happen here. */
  trainable(adapted: readonly Adapted[], r: bigint): bigint | undefined;
  why(adapted: readonly Adapted[]): MessageRef;
}

const each = (adapted: readonly Adapted[], f: (l: LinearModule) => bigint) => adapted.reduce((a, x) => a + f(x.linear), 0n);
const [IN, OUT] = [(l: LinearModule) => BigInt(l.inFeatures), (l: LinearModule) => BigInt(l.outFeatures)];

/** The adapted matrices by target (q_proj, v_proj), in model order. */
function byTarget(adapted: readonly Adapted[]): Adapted[][] {
  return [...groupBy(adapted, (a) => leaf(a.module)).values()];
}

/**
 * How students miscount LoRA: one factor of the two (r×IN, or OUT×r), r×r, the full IN×OUT matrix,
 * one layer's adapters for all, one target's for all, and under grouped-query attention a K or V
 * projection taken to be D wide.
 */
const LORA_MISTAKES: readonly LoraMistakeDef[] = [
  { id: 'loraInOnly', trainable: (a, r) => r * each(a, IN), why: () => msg('why.loraBothFactors') },
  { id: 'loraOutOnly', trainable: (a, r) => r * each(a, OUT), why: () => msg('why.loraBothFactors') },
  { id: 'loraSquare', trainable: (a, r) => r * r * BigInt(a.length), why: () => msg('why.loraSquare') },
  { id: 'loraFullMatrix', trainable: (a) => each(a, (l) => IN(l) * OUT(l)), why: () => msg('why.loraFull') },
  {
    id: 'loraOneLayer',
    trainable(a, r) {
      const groups = byTarget(a);
      return groups.every((g) => g.length > 1) ? r * groups.reduce((s, g) => s + IN(g[0]!.linear) + OUT(g[0]!.linear), 0n) : undefined;
    },
    why: (a) => msg('why.loraEveryLayer', { n: String(byTarget(a)[0]!.length) }),
  },
  {
    id: 'loraOneTarget',
    trainable: (a, r) => {
      const groups = byTarget(a);
      return groups.length > 1 ? r * each(groups[0]!, (l) => IN(l) + OUT(l)) : undefined;
    },
    why: (a) =>
      msg('why.loraEveryTarget', {
        targets: `[${byTarget(a)
          .map((g) => `"${leaf(g[0]!.module)}"`)
          .join(', ')}]`,
      }),
  },
  {
    id: 'loraKvFullWidth',
    trainable: (a, r) => {
      const narrow = (l: LinearModule) => (l.roles.includes('k') || l.roles.includes('v')) && !l.roles.includes('q') && l.outFeatures < l.inFeatures;
      return a.some((x) => narrow(x.linear)) ? r * each(a, (l) => IN(l) + (narrow(l) ? IN(l) : OUT(l))) : undefined;
    },
    why: () => msg('why.loraKvWidth'),
  },
];

/** Every LoRA mistake on an adapted model: its counts with the adapters' trainable parameters misread (the base stays frozen). */
export function loraMisreadings(report: Report, summary: LoraSummary): Misreading[] {
  const r = BigInt(summary.spec.rank);
  const base = report.counts.nonTrainable;
  return LORA_MISTAKES.flatMap((d) => {
    const trainable = d.trainable(summary.adapted, r);
    return trainable === undefined
      ? []
      : [
          {
            id: d.id,
            family: 'structure' as const,
            layer: null,
            why: d.why(summary.adapted),
            counts: { total: base + trainable, trainable, nonTrainable: base },
            macs: report.macs,
            output: report.output,
          },
        ];
  });
}
