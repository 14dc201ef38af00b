/** /review: a private practice question from the asker's weakest topic; answers count toward /stats only. */
import { formatInt } from '../src/engine/format.js';
import { msg, t } from '../src/i18n/messages.js';
import type { PracticeOutcome } from '../src/quiz/practice.js';
import { isLevel, isTopic } from '../src/quiz/types.js';
import { answerForm } from './answer.js';
import { answerButtons, choicesField, say } from './replies.js';
import type { Action, Command, Context, Reply } from './types.js';

export const reviewCommand: Command = {
  name: 'review',
  description: msg('cmd.review'),
  options: [],
  async run(ctx) {
    const lang = ctx.lang;
    const question = await ctx.services.practice.next(ctx.scopeId, ctx.player);
    const params = [String(question.seed), question.level, question.topic];
    return {
      visibility: 'private',
      tone: 'info',
      title: t(lang, msg('review.title', { topic: t(lang, msg(`topic.${question.topic}`)), level: t(lang, msg(`level.${question.level}`)) })),
      text: t(lang, question.prompt),
      fields: choicesField(lang, question),
      footer: t(lang, msg('review.footer')),
      buttons: answerButtons(lang, question, 'practiceChoice', 'practiceAnswer', params),
    };
  },
};

function outcomeReply(ctx: Context, outcome: PracticeOutcome): Reply {
  const lang = ctx.lang;
  switch (outcome.kind) {
    case 'invalid':
      return say(lang, outcome.error, 'error');
    case 'duplicate':
      return say(lang, msg('review.duplicate'), 'warning');
    case 'recorded': {
      const { question } = outcome;
      const verdict = outcome.correct
        ? t(lang, msg('review.correct', { value: formatInt(outcome.value) }))
        : t(lang, msg('review.wrong', { value: formatInt(outcome.value), answer: formatInt(question.answer), why: t(lang, outcome.mistake ? outcome.mistake.why : msg('answer.noDiagnosis')) }));
      return { visibility: 'private', tone: outcome.correct ? 'success' : 'warning', text: verdict, code: question.working.join('\n'), footer: t(lang, msg('review.next')) };
    }
  }
}

/** params: [seed, level, topic] (+ letter for a choice) — the question is regenerated from them. */
async function practiceAnswer(ctx: Context, [seed = '', level = '', topic = '']: readonly string[], text: string): Promise<Reply> {
  if (!/^\d+$/.test(seed) || !isLevel(level) || !isTopic(topic)) return say(ctx.lang, msg('review.stale'), 'error');
  return outcomeReply(ctx, await ctx.services.practice.answer({ scopeId: ctx.scopeId, player: ctx.player, seed: Number(seed), level, topic, text }));
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
