/**
 * /review: private practice, scheduled by FSRS. Each skill of a student (a topic × a mistake
 * family) is a card; /review gives a question for the skill most overdue, or, when none is due,
 * one from the weakest topic. The question given is remembered, so `/answer` answers it outside a
 * round and the time taken rates the recall (spaced.ts). Practice answers count toward /stats,
 * never toward a leaderboard, and each is answered once.
 */
import type { Clock } from '../clock.js';
import type { MessageRef } from '../i18n/messages.js';
import type { Card, CardReview, Store, TopicStat } from '../store/store.js';
import { parseAnswer } from './answer.js';
import { certainFamilies, diagnose, diagnosisIds, type Diagnosis } from './diagnose.js';
import { generate, GENERATOR_VERSION } from './generator.js';
import { allowedLevel, levelFor } from './level.js';
import type { Mistake, Question } from './question.js';
import { rng } from './random.js';
import type { Scopes } from './scopes.js';
import type { Player } from './service.js';
import { ratingFor, retrievability, review } from './spaced.js';
import { TOPICS, type Level, type Topic } from './types.js';
import type { Rating } from '../store/store.js';
import type { MistakeFamily } from '../engine/types.js';

export type PracticeOutcome =
  | { readonly kind: 'invalid'; readonly error: MessageRef }
  | { readonly kind: 'duplicate' }
  /** A practice question of an older generator: its seed no longer gives the same question. */
  | { readonly kind: 'stale' }
  | {
      readonly kind: 'recorded';
      readonly question: Question;
      readonly value: bigint;
      readonly correct: boolean;
      readonly diagnosis: Diagnosis;
      readonly rating: Rating;
      /** When the practised skill comes back. */
      readonly due: number;
      readonly family: MistakeFamily;
    };

export interface PracticeQuestion {
  readonly question: Question;
  /** The skill it practises. */
  readonly family: MistakeFamily;
  /** True when the skill was due; false when the question comes from the weakest topic. */
  readonly due: boolean;
}

/** Seeds tried for a question that has a mistake of the skill's family. */
const FAMILY_ATTEMPTS = 20;

/** The family most of a question's named mistakes belong to: what it practises when no card chose it. */
export function primaryFamily(q: Question): MistakeFamily {
  const counts = new Map<MistakeFamily, number>();
  for (const m of q.mistakes) counts.set(m.family, (counts.get(m.family) ?? 0) + 1);
  let best: MistakeFamily = 'structure';
  let most = 0;
  for (const [family, n] of counts) if (n > most) [best, most] = [family, n];
  return best;
}

/** Accuracy with one right and one wrong answer assumed (Laplace): a topic never tried is 50%, not 0%. */
const smoothed = (s: TopicStat | undefined) => ((s?.correct ?? 0) + 1) / ((s?.answered ?? 0) + 2);

export class Practice {
  constructor(
    private readonly store: Store,
    private readonly scopes: Scopes,
    private readonly clock: Clock,
    private readonly seeds: () => number,
  ) {}

  /** The next practice question for the player, remembered as their pending one. */
  async next(scopeId: string, player: Player, channelId: string): Promise<PracticeQuestion> {
    const scope = await this.scopes.get(scopeId);
    const allowed = scope.topics.length > 0 ? scope.topics : TOPICS;
    const member = await this.store.ensureMember(scopeId, player.userId, player.name);
    const now = this.clock.now();
    const stats = new Map((await this.store.topicStats(member)).map((s) => [s.topic, s]));
    const dueCard = (await this.store.cards(member))
      .filter((c) => c.due <= now && allowed.includes(c.topic))
      .sort((a, b) => retrievability(a, now) - retrievability(b, now) || a.due - b.due)[0];
    const seed = this.seeds();
    const topic: Topic = dueCard?.topic ?? weakest(allowed, stats, seed);
    const level = allowedLevel(levelFor(stats.get(topic)), scope.levels);
    let question = generate(seed, level, topic);
    for (let i = 1; dueCard && i < FAMILY_ATTEMPTS && !question.mistakes.some((m) => m.family === dueCard.family); i++) {
      question = generate((seed + i * 7919) % 0x7fffffff, level, topic);
    }
    const family = dueCard && question.mistakes.some((m) => m.family === dueCard.family) ? dueCard.family : primaryFamily(question);
    await this.store.setPendingPractice({ memberId: member, seed: question.seed, generator: GENERATOR_VERSION, level, topic, family, channelId, issuedAt: now });
    return { question, family, due: dueCard !== undefined };
  }

  /**
   * Answers a practice question: the one given by a button (seed, level, topic), or the player's
   * pending one. Undefined when there is none to answer.
   */
  async answer(req: { scopeId: string; player: Player; text: string; seed?: number; level?: Level; topic?: Topic }): Promise<PracticeOutcome | undefined> {
    const member = await this.store.memberId(req.scopeId, req.player.userId);
    const pending = member === undefined ? undefined : await this.store.pendingPractice(member);
    const asked = req.seed !== undefined && req.level !== undefined && req.topic !== undefined ? { seed: req.seed, level: req.level, topic: req.topic } : pending;
    if (!asked) return undefined;
    const isPending = pending !== undefined && pending.seed === asked.seed && pending.level === asked.level && pending.topic === asked.topic;
    if (isPending && pending.generator !== GENERATOR_VERSION) return { kind: 'stale' };
    const question = generate(asked.seed, asked.level, asked.topic);
    const parsed = parseAnswer(req.text, question.choices?.length ?? 0);
    if (!parsed.ok) return { kind: 'invalid', error: parsed.error };
    const value = 'choice' in parsed ? question.choices![parsed.choice]! : parsed.value;
    const correct = value === question.answer;
    const diagnosis: Diagnosis = correct ? { kind: 'none' } : diagnose(question, value, req.text);
    const now = this.clock.now();
    const memberId = member ?? (await this.store.ensureMember(req.scopeId, req.player.userId, req.player.name));
    const family = isPending ? pending.family : primaryFamily(question);
    const durationMs = isPending ? Math.max(0, now - pending.issuedAt) : null;
    const rating = ratingFor(correct, durationMs, asked.level);
    const cards = new Map((await this.store.cards(memberId)).map((c) => [`${c.topic}|${c.family}`, c]));
    const target = review(cards.get(`${asked.topic}|${family}`), rating, now, { durationMs, correct, source: 'practice' });
    const reviews: CardReview[] = [{ topic: asked.topic, family, ...target }, ...lapses(asked.topic, certainFamilies(diagnosis), cards, now, 'practice', family)];
    const recorded = await this.store.recordPractice(
      { memberId, seed: asked.seed, generator: GENERATOR_VERSION, level: asked.level, topic: asked.topic, value, correct, mistake: diagnosisIds(diagnosis).join(',') || null, now, boards: await this.scopes.boards(req.scopeId, now) },
      reviews,
    );
    return recorded ? { kind: 'recorded', question, value, correct, diagnosis, rating, due: target.card.due, family } : { kind: 'duplicate' };
  }

  /** Mistakes made in a round, by family: each family's card is reviewed as Again, so /review brings it back. */
  async lapse(scopeId: string, player: Player, topic: Topic, families: readonly MistakeFamily[]): Promise<void> {
    if (families.length === 0) return;
    const member = await this.store.memberId(scopeId, player.userId);
    if (member === undefined) return;
    const cards = new Map((await this.store.cards(member)).map((c) => [`${c.topic}|${c.family}`, c]));
    await this.store.review(member, lapses(topic, families, cards, this.clock.now(), 'round'));
  }

  /** The player's skills, soonest due first, and whether each is due now. */
  async skills(scopeId: string, player: Player): Promise<Array<Card & { readonly isDue: boolean }>> {
    const member = await this.store.memberId(scopeId, player.userId);
    const now = this.clock.now();
    return member === undefined ? [] : (await this.store.cards(member)).map((c) => ({ ...c, isDue: c.due <= now }));
  }
}

/** An Again review for the card of each family (but `except`, reviewed already). */
function lapses(topic: Topic, families: readonly MistakeFamily[], cards: ReadonlyMap<string, Card>, now: number, source: 'practice' | 'round', except?: MistakeFamily): CardReview[] {
  return families.filter((f) => f !== except).map((family) => ({ topic, family, ...review(cards.get(`${topic}|${family}`), 1, now, { durationMs: null, correct: false, source }) }));
}

/** The allowed topic with the lowest smoothed accuracy; ties drawn by the seed. */
function weakest(allowed: readonly Topic[], stats: ReadonlyMap<Topic, TopicStat>, seed: number): Topic {
  const lowest = Math.min(...allowed.map((t) => smoothed(stats.get(t))));
  const tied = allowed.filter((t) => smoothed(stats.get(t)) === lowest);
  return tied[rng(seed).int(0, tied.length - 1)]!;
}
