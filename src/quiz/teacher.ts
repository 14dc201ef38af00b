/**
 * A teacher's own question: about the model they give (the lecture's VGG16, this week's homework
 * network, pasted Keras or PyTorch code), asking one layer's parameters, an output's height or
 * size, the total, the trainable part, or which layer holds the most. It is built the way a
 * generated question is: counted by the engine through the same entry point /count uses (so
 * pasted code is read as /count reads it), its wrong answers named from the same mistake library,
 * its working shown the same way. Nothing about the answer is ever typed by the teacher.
 */
import { createHash } from 'node:crypto';
import { count } from '../engine/count.js';
import { SpecError } from '../engine/errors.js';
import { msg, type MessageRef } from '../i18n/messages.js';
import { modelHint } from './forms.js';
import { encodeAsk, MAX_QUESTION_LAYERS, type ResolvedAsk, type TeacherAsk, type TeacherQuestion } from '../domain/index.js';
import { build } from './build.js';
import { CHOICES, choicesAt } from './generator.js';
import type { Ask, Question } from './question.js';
import { rng } from './random.js';

export type TeacherBuilt = { readonly ok: true; readonly question: Question } | { readonly ok: false; readonly error: MessageRef };

/** The model as the question shows it: long pasted code is cut, the reveal's /count has it whole. */
export const SHOWN_SPEC = 1_500;
/** A teacher's own wording. */
export const MAX_WORDING = 500;

/** The question the teacher's ask is, with `any` drawn by the seed among what this model allows. */
function resolve(ask: TeacherAsk, rows: ReadonlyArray<{ readonly weighted: boolean; readonly sized: boolean }>, seed: number): ResolvedAsk {
  if (ask.kind !== 'any') return ask;
  const weighted = rows.flatMap((r, i) => (r.weighted ? [i + 1] : []));
  const sized = rows.flatMap((r, i) => (r.sized ? [i + 1] : []));
  const options: ResolvedAsk[] = [
    { kind: 'total' },
    ...weighted.map((layer) => ({ kind: 'params', layer }) as const),
    ...(weighted.length >= 2 ? [{ kind: 'largest' } as const] : []),
    ...sized.slice(0, -1).map((layer) => ({ kind: 'size', layer }) as const),
  ];
  return rng(seed ^ 0x2545f491).pick(options);
}

function quizAsk(ask: ResolvedAsk): Ask {
  switch (ask.kind) {
    case 'total':
      return { kind: 'read', quantity: 'params' };
    case 'trainable':
      return { kind: 'read', quantity: 'trainable' };
    case 'largest':
      return { kind: 'largest' };
    default:
      return { kind: 'layer', index: ask.layer - 1, quantity: ask.kind };
  }
}

/** The model as a code block, cut when it is long (the reveal's /count has it whole). */
function shownModel(text: string): MessageRef[] {
  const spec = text.trim();
  // Pasted code is Python; a /count spec is shown as it is.
  const key = /\b(nn|layers|keras|tf)\.\w+\s*\(/.test(spec) ? 'q.code' : 'q.model';
  if (spec.length <= SHOWN_SPEC) return [msg(key, { code: spec })];
  return [msg(key, { code: `${spec.slice(0, SHOWN_SPEC)}…` }), msg('q.codeClipped', { shown: String(SHOWN_SPEC), total: String(spec.length) })];
}

/** The question itself, naming the layer it asks about as the summary names it. */
function askText(ask: ResolvedAsk, rows: ReadonlyArray<{ readonly name: string; readonly record: { readonly typeName: string } }>): MessageRef {
  switch (ask.kind) {
    case 'total':
      return msg('ask.params', { v: '0', of: 'model' });
    case 'trainable':
      return msg('ask.trainable', { v: '0', of: 'model' });
    case 'largest':
      return msg('ask.largest');
    default: {
      const row = rows[ask.layer - 1]!;
      const layer = { n: String(ask.layer), layer: `${row.name} (${row.record.typeName})` };
      return msg(ask.kind === 'params' ? 'ask.layerParams' : ask.kind === 'height' ? 'ask.layerHeight' : 'ask.layerSize', layer);
    }
  }
}

export function teacherQuestion(def: TeacherQuestion, seed: number): TeacherBuilt {
  let result;
  try {
    result = count(def.spec);
  } catch (e) {
    if (e instanceof SpecError) return { ok: false, error: e.ref };
    throw e;
  }
  const rows = result.report.rows;
  if (rows.length > MAX_QUESTION_LAYERS) return { ok: false, error: msg('teacher.tooManyLayers', { layers: String(rows.length), max: String(MAX_QUESTION_LAYERS) }) };
  const resolved = resolve(
    def.ask,
    rows.map((r) => ({ weighted: r.counts.total > 0n, sized: r.record.outputShape.every((d) => d !== null) })),
    seed,
  );
  if ('layer' in resolved && resolved.layer > rows.length) return { ok: false, error: msg('teacher.noSuchLayer', { layer: String(resolved.layer), layers: String(rows.length) }) };
  const ask = quizAsk(resolved);
  const hint = modelHint(rows.map((r) => r.record.kind));
  const built = build({ spec: def.spec, ask, prompt: [], hint, variant: 'teacher' });
  if (!built) return { ok: false, error: msg('teacher.cannotAsk', { ask: encodeAsk(resolved) }) };
  const random = rng(seed);
  let choices: bigint[] | null = null;
  if (def.level === 'easy') {
    // The answer's rank drawn first, as for generated questions; the nearest rank the mistakes allow otherwise.
    const rank = random.int(0, CHOICES - 1);
    for (const r of [...Array(CHOICES).keys()].sort((a, b) => Math.abs(a - rank) - Math.abs(b - rank))) {
      choices = choicesAt(built, r, random) ?? null;
      if (choices) break;
    }
  }
  const prompt: MessageRef[] = [def.wording ? msg('q.teacher', { text: def.wording }) : msg('lead.teacherModel'), ...shownModel(def.spec), askText(resolved, rows)];
  const spec = def.spec.trim();
  const hash = createHash('sha256').update(spec).digest('hex').slice(0, 16);
  return {
    ok: true,
    question: {
      topic: 'model',
      level: def.level,
      seed,
      key: `teacher|${def.level}|${encodeAsk(resolved)}|${hash}`,
      template: 'teacher',
      prompt,
      spec,
      ask,
      answer: built.answer,
      mistakes: built.mistakes,
      differences: built.differences(),
      choices,
      working: built.working(),
      hint,
    },
  };
}
