/**
 * Embeddings added to a `T×D` token sequence: a learned position table (BERT, GPT-2: one row per
 * position up to the maximum, whatever T is), a token-type (segment) table (BERT's 2 rows), and
 * the positions that are computed rather than learned (sinusoidal, rotary): no parameters.
 * The token embedding itself is `embedding V D` (dense.ts). Keras and PyTorch count them alike.
 */
import { fail } from '../errors.js';
import { lit, noWeights, product } from '../expr.js';
import { msg, type MessageRef } from '../../i18n/messages.js';
import { expectRank, resolveFeatures, tensor } from './common.js';
import { formatInt } from '../format.js';
import { defineKind, mistake, type Kind, type MistakeDef } from './kind.js';

interface TableConfig {
  readonly rows: number;
  readonly model: number | undefined;
}

type ResolvedTable = TableConfig & { readonly model: number };

/** A position table has a row for every position up to its maximum, however long the sequence asked about. */
const POSITION_MISTAKES: readonly MistakeDef<ResolvedTable>[] = [
  mistake(
    'rowsAsSequence',
    'shape',
    ({ config: c, input }) => {
      const steps = input[0] ?? null;
      return steps !== null && steps < c.rows ? BigInt(steps) * BigInt(c.model) : undefined;
    },
    ({ config: c }) => msg('why.positionRows', { p: formatInt(c.rows) }),
  ),
];

/** A learned table of `rows`×D added to the sequence: positions or token types. */
function addedTable(name: string, keras: string, rowsArg: string, example: string, checkPositions: boolean, note: (rows: number) => MessageRef): Kind {
  return defineKind<TableConfig, ResolvedTable>({
    name,
    aliases: name === 'posembed' ? ['positions', 'position_embedding'] : ['token_type', 'segment'],
    family: 'transformer',
    summary: msg(`kind.${name}` as 'kind.posembed' | 'kind.typeembed'),
    mistake: msg(`mistake.${name}` as 'mistake.posembed' | 'mistake.typeembed'),
    args: [{ name: rowsArg }, { name: 'D', inferable: true }],
    options: [],
    example,
    input: { rank: 2, form: 'T', features: (c) => c.model },
    parse: (a) => ({ rows: a.size(rowsArg), model: a.inferableSize('D') }),
    print: (c) => [name, c.rows, c.model].filter((p) => p !== undefined).join(' '),
    evaluate(c, input, framework) {
      expectRank(input, 2, name, 'T×D');
      const d = resolveFeatures(c.model, input, name, 'D');
      const steps = input[0] ?? null;
      if (checkPositions && steps !== null && steps > c.rows) fail('err.positions', { t: String(steps), p: String(c.rows) });
      return {
        resolved: { ...c, model: d },
        typeName: framework === 'keras' ? keras : 'Embedding',
        tensors: [tensor(framework === 'keras' ? 'embeddings' : 'weight', [c.rows, d], 'weight')],
        formula: () => product(lit(c.rows, rowsArg), lit(d, 'D')),
        outputShape: input,
        macs: 0n, // a lookup and an addition: no multiply-accumulates of weights
        conventionSensitive: false,
        notes: [note(c.rows)],
      };
    },
    ...(checkPositions && { mistakes: POSITION_MISTAKES }),
  });
}

export const posembed = addedTable('posembed', 'PositionEmbedding', 'P', 'posembed 1024 768', true, (rows) => msg('note.positionTable', { p: String(rows) }));
export const typeembed = addedTable('typeembed', 'TokenTypeEmbedding', 'N', 'typeembed 2 768', false, (rows) => msg('note.tokenTypes', { n: String(rows) }));

interface ComputedConfig {
  readonly fn: 'sinusoidal' | 'rope';
}

/** Positions computed from a formula (Vaswani et al.'s sines, RoFormer's rotations): nothing learned. */
function computedPositions(fn: ComputedConfig['fn'], aliases: readonly string[], typeName: string): Kind {
  return defineKind<ComputedConfig>({
    name: fn,
    aliases,
    family: 'transformer',
    summary: msg(`kind.${fn}`),
    mistake: msg(`mistake.${fn}`),
    args: [],
    options: [],
    example: `${fn} in=512x768`,
    input: { rank: 2, form: 'TxD' },
    parse: () => ({ fn }),
    print: () => fn,
    evaluate(c, input) {
      expectRank(input, 2, fn, 'T×D');
      return { resolved: c, typeName, tensors: [], formula: noWeights, outputShape: input, macs: 0n, conventionSensitive: false };
    },
  });
}

export const embeddingKinds: readonly Kind[] = [posembed, typeembed, computedPositions('sinusoidal', ['sinpos'], 'SinusoidalPositions'), computedPositions('rope', ['rotary'], 'RotaryPositions')];
