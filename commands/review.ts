/**
 * /review: a private practice question for the skill most due (spaced repetition), or from the
 * weakest topic; `/review misses`: a question the student got wrong, asked again with new numbers
 * until it is answered right twice (quiz/misses.ts). Answered with its buttons or with /answer. A
 * wrong answer gets the worked solution at once: a practice question is the asker's alone, so
 * there is nothing to give away.
 */
import { formatInt } from '../src/engine/format.js';
import { msg, t } from '../src/i18n/messages.js';
import type { PracticeOutcome } from '../src/quiz/practice.js';
import { promptText } from '../src/quiz/text.js';
import { isLevel, isTopic } from '../src/domain/index.js';
import { renderWorking } from '../src/quiz/working.js';
import { diagnosisText } from '../src/quiz/text.js';
import { RIGHT_TO_CLEAR } from '../src/quiz/misses.js';
import { answerButtons, answerForm, choicesField, say } from './replies.js';
import type { Action, Command, Context, Reply } from './types.js';

/** What /review asks from: the skill most due (the default), or the questions the student got wrong. */
export const REVIEW_SOURCES = ['skills', 'misses'] as const;

export const reviewCommand: Command = {
  name: 'review',
  description: msg('cmd.review'),
  options: [{ name: 'from', type: 'string', choices: REVIEW_SOURCES, description: msg('cmdopt.reviewFrom') }],
  async run(ctx, args) {
    if (args.from === 'misses') return reviewMiss(ctx);
    const lang = ctx.lang;
    const { question, family, due } = await ctx.services.practice.next(ctx.scopeId, ctx.player, ctx.channelId);
    const params = [String(question.seed), question.level, question.topic];
    const skill = t(lang, msg('review.skill', { topic: t(lang, msg(`topic.${question.topic}`)), skill: t(lang, msg(`skill.${family}`)) }));
    return {
      visibility: 'private',
      tone: 'info',
      title: t(lang, msg('review.title', { topic: t(lang, msg(`topic.${question.topic}`)), level: t(lang, msg(`level.${question.level}`)) })),
      text: promptText(lang, question),
      fields: choicesField(lang, question),
      footer: [t(lang, msg(due ? 'review.due' : 'review.weakest', { skill })), t(lang, msg('review.footer'))].join('\n'),
      buttons: answerButtons(lang, question, 'practiceChoice', 'practiceAnswer', params),
    };
  },
};

/** /review misses: the oldest open miss with new numbers, or word that none is open. */
async function reviewMiss(ctx: Context): Promise<Reply> {
  const lang = ctx.lang;
  const replay = await ctx.services.practice.nextMiss(ctx.scopeId, ctx.player, ctx.channelId);
  if (!replay) return say(lang, msg('review.noMisses'), 'info');
  const { question, miss } = replay;
  const topic = t(lang, msg(`topic.${question.topic}`));
  const params = [String(question.seed), question.level, question.topic];
  return {
    visibility: 'private',
    tone: 'info',
    title: t(lang, msg('review.missTitle', { topic, level: t(lang, msg(`level.${question.level}`)) })),
    text: promptText(lang, question),
    fields: choicesField(lang, question),
    footer: [
      t(lang, msg('review.missFooter', { when: ctx.time(miss.answer.answeredAt), right: String(miss.rightSince), n: String(RIGHT_TO_CLEAR), open: String(replay.open) })),
      t(lang, msg('review.footer')),
    ].join('\n'),
    buttons: answerButtons(lang, question, 'practiceChoice', 'practiceAnswer', params),
  };
}

/** The reply to a practice answer: right or wrong, the worked solution, and when the skill comes back. */
export function practiceReply(ctx: Context, outcome: PracticeOutcome): Reply {
  const lang = ctx.lang;
  switch (outcome.kind) {
    case 'invalid':
      return say(lang, outcome.error, 'error');
    case 'duplicate':
      return say(lang, msg('review.duplicate'), 'warning');
    case 'stale':
      return say(lang, msg('review.stale'), 'warning');
    case 'recorded': {
      const { question } = outcome;
      const skill = t(lang, msg('review.skill', { topic: t(lang, msg(`topic.${question.topic}`)), skill: t(lang, msg(`skill.${outcome.family}`)) }));
      const verdict = outcome.correct
        ? t(lang, msg('review.correct', { value: formatInt(outcome.value) }))
        : t(lang, msg('review.wrong', { value: formatInt(outcome.value), answer: formatInt(question.answer), why: diagnosisText(lang, question, outcome.diagnosis) }));
      return {
        visibility: 'private',
        tone: outcome.correct ? 'success' : 'warning',
        text: [verdict, t(lang, msg('review.comesBack', { skill, when: ctx.time(outcome.due) }))].join('\n'),
        code: renderWorking(lang, question.working).join('\n'),
        footer: t(lang, msg('review.next')),
      };
    }
  }
}

/** params: [seed, level, topic] (+ letter for a choice) — the question is regenerated from them. */
async function practiceAnswer(ctx: Context, [seed = '', level = '', topic = '']: readonly string[], text: string): Promise<Reply> {
  if (!/^\d+$/.test(seed) || !isLevel(level) || !isTopic(topic)) return say(ctx.lang, msg('review.stale'), 'error');
  const outcome = await ctx.services.practice.answer({ scopeId: ctx.scopeId, player: ctx.player, seed: Number(seed), level, topic, text });
  return outcome ? practiceReply(ctx, outcome) : say(ctx.lang, msg('review.stale'), 'error');
}

export const practiceChoiceAction: Action = {
  name: 'practiceChoice',
  run: (ctx, params) => practiceAnswer(ctx, params.slice(0, 3), params[3] ?? ''),
};

export const practiceAnswerAction: Action = {
  name: 'practiceAnswer',
  modal: answerForm,
  run: (ctx, params, input = '') => practiceAnswer(ctx, params, input),
};
