/** Replies more than one command (or the scheduler) builds: errors, questions, feedback, reveals, boards. */
import { formatInt } from '../src/engine/format.js';
import { joinList, msg, SENTENCE_SEPARATOR, t, type Lang, type MessageRef } from '../src/i18n/messages.js';
import { diagnose } from '../src/quiz/diagnose.js';
import type { Question } from '../src/quiz/question.js';
import { diagnosisText, promptText } from '../src/quiz/text.js';
import { renderWorking } from '../src/quiz/working.js';
import type { AnswerOutcome, Leaderboard, QuizService, Reveal } from '../src/quiz/service.js';
import { FIRST_BONUS, POINTS } from '../src/quiz/scoring.js';
import type { Round } from '../src/domain/index.js';
import type { Pictures } from '../src/charts/pool.js';
import { picture } from './files.js';
import type { Action, Button, Context, Reply, View } from './types.js';

/** One line: the error and, when given, where the help that fits is. */
export const errorReply = (lang: Lang, error: MessageRef, help?: MessageRef): Reply => ({
  visibility: 'private',
  tone: 'error',
  text: help ? `${t(lang, error)}${SENTENCE_SEPARATOR[lang]}${t(lang, help)}` : t(lang, error),
});
export const say = (lang: Lang, ref: MessageRef, tone: Reply['tone'] = 'info'): Reply => ({ visibility: 'private', tone, text: t(lang, ref) });

export const LETTERS = ['A', 'B', 'C', 'D', 'E', 'F'] as const;

/** The form a button opens for a number answer (a round's or a practice question's). */
export const answerForm: NonNullable<Action['modal']> = (ctx) => ({
  title: t(ctx.lang, msg('quiz.modalTitle')),
  label: t(ctx.lang, msg('quiz.modalLabel')),
  placeholder: t(ctx.lang, msg('quiz.modalPlaceholder')),
});

/**
 * A channel another command option names, checked with the platform: undefined when it may be
 * used, else the refusal to send (it is in another server or workspace, or the bot cannot post there).
 */
export async function refusedChannel(ctx: Context, channelId: string): Promise<Reply | undefined> {
  if (channelId === ctx.channelId) return undefined;
  const check = await ctx.services.channelFor(ctx.scopeId, channelId);
  if (check.ok) return undefined;
  return say(ctx.lang, msg(check.why === 'elsewhere' ? 'channel.elsewhere' : 'channel.notMember', { channel: ctx.channel(channelId) }), 'error');
}

/** Four lettered buttons for a multiple-choice question, or one that opens the answer form. */
export function answerButtons(lang: Lang, question: Question, choice: string, form: string, params: readonly string[]): Button[] {
  return question.choices
    ? question.choices.map((c, i) => ({ action: choice, params: [...params, LETTERS[i]!], label: `${LETTERS[i]} · ${formatInt(c)}`, style: 'secondary' as const }))
    : [{ action: form, params: [...params], label: t(lang, msg('quiz.answerButton')), style: 'primary' as const }];
}

export const choicesField = (lang: Lang, question: Question) =>
  question.choices ? [{ label: t(lang, msg('quiz.choices')), value: question.choices.map((c, i) => `**${LETTERS[i]}** ${formatInt(c)}`).join('   ') }] : [];

/** A round's question as posted in the channel, by /quiz or by a weekly schedule. */
export function questionReply(o: { view: View; lang: Lang; round: Round; question: Question; quiz: QuizService }): Reply {
  const { view, lang, round, question } = o;
  return {
    visibility: 'public',
    tone: 'info',
    title: t(
      lang,
      msg('quiz.title', {
        id: String(round.id),
        topic: t(lang, msg(`topic.${round.topic}`)),
        level: t(lang, msg(`level.${round.level}`)),
        points: String(POINTS[round.level]),
      }),
    ),
    text: promptText(lang, question),
    fields: choicesField(lang, question),
    footer: [
      t(lang, msg(question.choices ? 'quiz.howToAnswerChoice' : 'quiz.howToAnswer', { closes: view.time(round.closesAt), bonus: String(FIRST_BONUS) })),
      ...(round.scoring === 'practice' ? [t(lang, msg('quiz.practiceRound'))] : []),
    ].join('\n'),
    buttons: answerButtons(lang, question, 'choice', 'answer', [String(round.id)]),
    onPosted: (ref) => o.quiz.setMessageRef(round.id, ref),
  };
}

/** Private feedback on an answer: at once, and never giving the answer away before the reveal. */
export function feedbackReply(lang: Lang, view: View, outcome: AnswerOutcome): Reply {
  switch (outcome.kind) {
    case 'noRound':
      return say(lang, msg('answer.noRound'), 'warning');
    case 'invalid':
      return say(lang, outcome.error, 'error');
    case 'closed':
      return say(lang, msg('answer.closed', { id: String(outcome.round.id) }), 'warning');
    case 'elsewhere':
      return say(lang, msg('answer.elsewhere', { id: String(outcome.round.id), channel: view.channel(outcome.round.channelId) }), 'warning');
    case 'duplicate':
      return say(lang, msg('answer.duplicate', { value: formatInt(outcome.previous) }), 'warning');
    case 'recorded': {
      const value = formatInt(outcome.value);
      const unscored =
        outcome.unscored === 'cap' ? [t(lang, msg('answer.unscoredCap', { cap: String(outcome.dailyCap) }))] : outcome.unscored === 'practice' ? [t(lang, msg('answer.unscoredPractice'))] : [];
      if (outcome.correct) {
        const verdict =
          outcome.unscored !== null
            ? msg('answer.correctUnscored', { value })
            : outcome.first
              ? msg('answer.correctFirst', { value, points: String(outcome.points), bonus: String(FIRST_BONUS) })
              : msg('answer.correct', { value, points: String(outcome.points) });
        return { visibility: 'private', tone: 'success', text: [t(lang, verdict), ...unscored].join('\n') };
      }
      const why = diagnosisText(lang, outcome.question, outcome.diagnosis);
      return { visibility: 'private', tone: 'warning', text: [t(lang, msg('answer.wrong', { value, why, closes: view.time(outcome.round.closesAt) })), ...unscored].join('\n') };
    }
  }
}

/** The public reveal: the answer, the worked formula, who was right and who was first. */
export function revealReply(reveal: Reveal, lang: Lang, mention: View['mention'], pictures: Pictures): Reply {
  const { round, question, answers } = reveal;
  const right = answers.filter((a) => a.correct);
  const first = right.find((a) => a.first);
  const common = mostCommonMistake(answers.filter((a) => !a.correct));
  const lines = [
    promptText(lang, question),
    '',
    right.length > 0
      ? t(
          lang,
          msg('reveal.right', {
            names: joinList(
              lang,
              right.map((a) => mention(a.userId, a.name)),
            ),
            n: String(right.length),
            total: String(answers.length),
          }),
        )
      : t(lang, msg(answers.length > 0 ? 'reveal.nobodyRight' : 'reveal.noAnswers', { total: String(answers.length) })),
  ];
  if (first) {
    const name = mention(first.userId, first.name);
    lines.push(t(lang, first.bonus > 0 ? msg('reveal.first', { name, bonus: String(first.bonus) }) : msg('reveal.firstNoBonus', { name })));
  }
  // The most common wrong answer, told again as its diagnosis: the same words its answerers got.
  if (common) lines.push(t(lang, msg('reveal.commonMistake', { n: String(common.count), value: formatInt(common.value), why: diagnosisText(lang, question, diagnose(question, common.value)) })));
  lines.push(t(lang, msg('reveal.hint', { hint: t(lang, question.hint) })));
  return {
    visibility: 'public',
    tone: 'success',
    title: t(lang, msg('reveal.title', { id: String(round.id), answer: formatInt(round.answer) })),
    text: lines.join('\n'),
    code: renderWorking(lang, question.working).join('\n'),
    footer: t(lang, msg('reveal.tryIt', { spec: question.spec })),
    // The question drawn: the layer it asked about, or the model's parameters.
    files: [picture(pictures, { kind: 'question', spec: question.spec, lang })],
  };
}

/** The wrong answer most answerers gave, among those the diagnosis had something to say about, and how many gave it. */
function mostCommonMistake(wrong: ReadonlyArray<{ readonly value: bigint; readonly mistakes: readonly string[] }>): { value: bigint; count: number } | undefined {
  const counts = new Map<bigint, number>();
  for (const a of wrong) if (a.mistakes.length > 0) counts.set(a.value, (counts.get(a.value) ?? 0) + 1);
  let best: { value: bigint; count: number } | undefined;
  for (const [value, count] of counts) if (!best || count > best.count) best = { value, count };
  return best;
}

const percent = (correct: number, answered: number) => (answered === 0 ? '-' : `${Math.round((100 * correct) / answered)}%`);

/** Ranked lines of a board, each name a mention. */
export function boardLines(lang: Lang, view: View, board: Leaderboard): string[] {
  return board.rows.map((r) =>
    t(
      lang,
      msg('board.row', {
        rank: String(r.rank),
        name: view.mention(r.userId, r.name),
        points: String(r.points),
        correct: String(r.correct),
        answered: String(r.answered),
        accuracy: percent(r.correct, r.answered),
      }),
    ),
  );
}

/** Sunday night's post: the week's top ten with accuracy, and the winner congratulated. */
export function standingsReply(lang: Lang, view: View, week: string, board: Leaderboard, pictures: Pictures): Reply {
  const winners = board.rows.filter((r) => r.rank === 1);
  return {
    visibility: 'public',
    tone: 'success',
    title: t(lang, msg('standings.title', { week })),
    text: [
      ...boardLines(lang, view, board),
      '',
      t(lang, msg('standings.winner', { names: winners.map((w) => view.mention(w.userId, w.name)).join(', '), points: String(winners[0]?.points ?? 0) })),
    ].join('\n'),
    footer: t(lang, msg('standings.footer', { players: String(board.players) })),
    files: board.rows.length > 0 ? [picture(pictures, { kind: 'standings', input: { week, rows: board.rows, players: board.players, lang } })] : [],
  };
}
