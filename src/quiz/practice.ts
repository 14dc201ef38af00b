/**
 * /review: private practice questions from the student's weakest topic. Practice answers count
 * toward their stats, never toward a leaderboard. A practice question is its (seed, level,
 * topic), so nothing is stored until it is answered, and each is answered once.
 */
import type { Clock } from '../clock.js';
import type { MessageRef } from '../i18n/messages.js';
import type { Store } from '../store/store.js';
import { parseAnswer } from './answer.js';
import { diagnose } from './diagnose.js';
import { generate, GENERATOR_VERSION } from './generator.js';
import type { Mistake, Question } from './question.js';
import type { Scopes } from './scopes.js';
import type { Player } from './service.js';
import { TOPICS, type Level, type Topic } from './types.js';

export type PracticeOutcome =
  | { readonly kind: 'invalid'; readonly error: MessageRef }
  | { readonly kind: 'duplicate' }
  | { readonly kind: 'recorded'; readonly question: Question; readonly value: bigint; readonly correct: boolean; readonly mistake: Mistake | undefined };

/** Easy while under half right, hard once over four in five. */
function levelFor(answered: number, correct: number): Level {
  if (answered === 0 || correct / answered < 0.5) return 'easy';
  return correct / answered < 0.8 ? 'medium' : 'hard';
}

export class Practice {
  constructor(
    private readonly store: Store,
    private readonly scopes: Scopes,
    private readonly clock: Clock,
    private readonly seeds: () => number,
  ) {}

  /** A question from the player's weakest topic (lowest accuracy; never-tried topics first). */
  async next(scopeId: string, player: Player): Promise<Question> {
    const scope = await this.scopes.get(scopeId);
    const allowed = scope.topics.length > 0 ? scope.topics : TOPICS;
    const member = await this.store.memberId(scopeId, player.userId);
    const stats = new Map((member === undefined ? [] : await this.store.topicStats(member)).map((s) => [s.topic, s]));
    const seed = this.seeds();
    const ranked = [...allowed].sort((a, b) => accuracy(stats.get(a)) - accuracy(stats.get(b)) || (stats.get(b)?.answered ?? 0) - (stats.get(a)?.answered ?? 0));
    const lowest = accuracy(stats.get(ranked[0]!));
    const weakest = ranked.filter((t) => accuracy(stats.get(t)) === lowest);
    const topic: Topic = weakest[seed % weakest.length]!;
    const s = stats.get(topic);
    const level = levelFor(s?.answered ?? 0, s?.correct ?? 0);
    return generate(seed, scope.levels.length > 0 && !scope.levels.includes(level) ? scope.levels[0]! : level, topic);
  }

  async answer(req: { scopeId: string; player: Player; seed: number; level: Level; topic: Topic; text: string }): Promise<PracticeOutcome> {
    const question = generate(req.seed, req.level, req.topic);
    const parsed = parseAnswer(req.text, question.choices?.length ?? 0);
    if (!parsed.ok) return { kind: 'invalid', error: parsed.error };
    const value = 'choice' in parsed ? question.choices![parsed.choice]! : parsed.value;
    const correct = value === question.answer;
    const mistake = correct ? undefined : diagnose(question, value);
    const recorded = await this.store.recordPractice({
      memberId: await this.store.ensureMember(req.scopeId, req.player.userId, req.player.name),
      seed: req.seed,
      generator: GENERATOR_VERSION,
      level: req.level,
      topic: req.topic,
      value,
      correct,
      mistake: mistake?.id ?? null,
      now: this.clock.now(),
    });
    return recorded ? { kind: 'recorded', question, value, correct, mistake } : { kind: 'duplicate' };
  }
}

/** Accuracy in [0, 1]; a topic never tried counts as 0, so it comes up first. */
const accuracy = (s: { answered: number; correct: number } | undefined) => (s && s.answered > 0 ? s.correct / s.answered : 0);
