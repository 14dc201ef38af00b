/** Replies more than one command builds: errors, the question post, feedback and the reveal. */
import { formatInt } from '../src/engine/format.js';
import { msg, t, type Lang, type MessageRef } from '../src/i18n/messages.js';
import type { Question } from '../src/quiz/question.js';
import type { AnswerOutcome, Reveal } from '../src/quiz/service.js';
import { FIRST_BONUS, POINTS } from '../src/quiz/scoring.js';
import type { Round } from '../src/store/store.js';
import type { Context, Reply } from './types.js';

export const errorReply = (lang: Lang, error: MessageRef): Reply => ({ visibility: 'private', tone: 'error', text: t(lang, error) });

const LETTERS = ['A', 'B', 'C', 'D', 'E', 'F'];

export function questionReply(ctx: Context, round: Round, question: Question): Reply {
  const lang = ctx.lang;
  const title = t(lang, msg('quiz.title', {
    id: String(round.id),
    topic: t(lang, msg(`topic.${round.topic}`)),
    level: t(lang, msg(`level.${round.level}`)),
    points: String(POINTS[round.level]),
  }));
  const choices = question.choices;
  return {
    visibility: 'public',
    tone: 'info',
    title,
    text: t(lang, question.prompt),
    fields: choices ? [{ label: t(lang, msg('quiz.choices')), value: choices.map((c, i) => `**${LETTERS[i]}** ${formatInt(c)}`).join('   ') }] : [],
    footer: t(lang, msg(choices ? 'quiz.howToAnswerChoice' : 'quiz.howToAnswer', { closes: ctx.time(round.closesAt), bonus: String(FIRST_BONUS) })),
    buttons: choices
      ? choices.map((c, i) => ({ action: 'choice', params: [String(round.id), LETTERS[i]!], label: `${LETTERS[i]} · ${formatInt(c)}`, style: 'secondary' as const }))
      : [{ action: 'answer', params: [String(round.id)], label: t(lang, msg('quiz.answerButton')), style: 'primary' as const }],
    onPosted: (ref) => ctx.services.quiz.setMessageRef(round.id, ref),
  };
}

/** Private feedback on an answer: at once, and never giving the answer away before the reveal. */
export function feedbackReply(ctx: Context, outcome: AnswerOutcome): Reply {
  const lang = ctx.lang;
  const say = (ref: MessageRef, tone: Reply['tone']): Reply => ({ visibility: 'private', tone, text: t(lang, ref) });
  switch (outcome.kind) {
    case 'noRound':
      return say(msg('answer.noRound'), 'warning');
    case 'invalid':
      return say(outcome.error, 'error');
    case 'closed':
      return say(msg('answer.closed', { id: String(outcome.round.id) }), 'warning');
    case 'duplicate':
      return say(msg('answer.duplicate', { value: formatInt(outcome.previous) }), 'warning');
    case 'recorded': {
      const value = formatInt(outcome.value);
      if (outcome.correct) {
        return say(msg(outcome.first ? 'answer.correctFirst' : 'answer.correct', { value, points: String(outcome.points) }), 'success');
      }
      const why = outcome.mistake ? t(lang, outcome.mistake.why) : t(lang, msg('answer.noDiagnosis'));
      return say(msg('answer.wrong', { value, why, closes: ctx.time(outcome.round.closesAt) }), 'warning');
    }
  }
}

/** The public reveal: the answer, the worked formula, who was right and who was first. */
export function revealReply(reveal: Reveal, lang: Lang, mention: (userId: string, name: string) => string): Reply {
  const { round, question, answers } = reveal;
  const right = answers.filter((a) => a.correct);
  const first = right.find((a) => a.first);
  const wrong = answers.filter((a) => !a.correct);
  const common = mostCommonMistake(wrong.map((a) => a.mistake));
  const lines = [
    t(lang, question.prompt),
    '',
    right.length > 0
      ? t(lang, msg('reveal.right', { names: right.map((a) => mention(a.userId, a.name)).join(', '), n: String(right.length), total: String(answers.length) }))
      : t(lang, msg(answers.length > 0 ? 'reveal.nobodyRight' : 'reveal.noAnswers', { total: String(answers.length) })),
  ];
  if (first) lines.push(t(lang, msg('reveal.first', { name: mention(first.userId, first.name), bonus: String(FIRST_BONUS) })));
  if (common) {
    const example = question.mistakes.find((m) => m.id === common.id);
    if (example) lines.push(t(lang, msg('reveal.commonMistake', { n: String(common.count), value: formatInt(example.value), why: t(lang, example.why) })));
  }
  return {
    visibility: 'public',
    tone: 'success',
    title: t(lang, msg('reveal.title', { id: String(round.id), answer: formatInt(round.answer) })),
    text: lines.join('\n'),
    code: question.working.join('\n'),
    footer: t(lang, msg('reveal.tryIt', { spec: question.spec })),
  };
}

function mostCommonMistake(ids: ReadonlyArray<string | null>): { id: string; count: number } | undefined {
  const counts = new Map<string, number>();
  for (const id of ids) if (id) counts.set(id, (counts.get(id) ?? 0) + 1);
  let best: { id: string; count: number } | undefined;
  for (const [id, count] of counts) if (!best || count > best.count) best = { id, count };
  return best;
}
