/**
 * /review: private practice, scheduled by FSRS. Each skill of a student (a topic × a mistake
 * family) is a card; /review gives a question for the skill most overdue, or, when none is due,
 * one from the weakest topic. The question given is remembered, so `/answer` answers it outside a
 * round and the time taken rates the recall (spaced.ts). Practice answers count toward /stats,
 * never toward a leaderboard, and each is answered once.
 */
import type { Clock } from '../clock.js';
import type { MessageRef } from '../i18n/messages.js';
import type { Store } from '../store/store.js';
import { StoreBusyError, type Card, type CardReview, type CardState, type Deck, type Player, type TopicStat } from '../domain/index.js';
import { parseAnswer } from './answer.js';
import { certainFamilies, diagnose, diagnosisIds, type Diagnosis } from './diagnose.js';
import { generate, GENERATOR_VERSION } from './generator.js';
import { allowedLevel, levelFor } from './level.js';
import { missesOf, nextReplay, openMisses, type Miss } from './misses.js';
import type { Question } from './question.js';
import { rng } from './random.js';
import type { Scopes } from './scopes.js';
import { ratingFor, retrievability, review } from './spaced.js';
import { TOPICS, type Level, type MistakeFamily, type Rating, type Topic } from '../domain/index.js';

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

/** /review misses' question: a missed question's skill with new numbers, and how far the student's misses have come. */
export interface MissReplay {
  readonly question: Question;
  readonly family: MistakeFamily;
  /** The miss it replays. */
  readonly miss: Miss;
  /** Misses still open, this one included. */
  readonly open: number;
}

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
    const member = await this.store.scopes.ensureMember(scopeId, player);
    const now = this.clock.now();
    const stats = new Map((await this.store.reports.topicStats(member)).map((s) => [s.topic, s]));
    const dueCard = (await this.cards(member)).filter((c) => c.due <= now && allowed.includes(c.topic)).sort((a, b) => retrievability(a, now) - retrievability(b, now) || a.due - b.due)[0];
    const seed = this.seeds();
    const topic: Topic = dueCard?.topic ?? weakest(allowed, stats, seed);
    const level = allowedLevel(levelFor(stats.get(topic)), scope.levels);
    let question = generate(seed, level, topic);
    for (let i = 1; dueCard && i < FAMILY_ATTEMPTS && !question.mistakes.some((m) => m.family === dueCard.family); i++) {
      question = generate((seed + i * 7919) % 0x7fffffff, level, topic);
    }
    const family = dueCard && question.mistakes.some((m) => m.family === dueCard.family) ? dueCard.family : primaryFamily(question);
    await this.store.practice.setPending({ memberId: member, seed: question.seed, generator: GENERATOR_VERSION, level, topic, family, channelId, issuedAt: now });
    return { question, family, due: dueCard !== undefined };
  }

  /**
   * /review misses: the oldest open miss asked again with new numbers, remembered as the pending
   * question (answered as any practice question, its key kept, so two right answers clear it).
   * Undefined when the player has no miss open.
   */
  async nextMiss(scopeId: string, player: Player, channelId: string): Promise<MissReplay | undefined> {
    const member = await this.store.scopes.memberId(scopeId, player.userId);
    if (member === undefined) return undefined;
    const history = await this.store.reports.history(member);
    const next = nextReplay(history, this.seeds());
    if (!next) return undefined;
    const { question, miss } = next;
    const family = primaryFamily(question);
    await this.store.practice.setPending({
      memberId: member,
      seed: question.seed,
      generator: GENERATOR_VERSION,
      level: question.level,
      topic: question.topic,
      family,
      channelId,
      issuedAt: this.clock.now(),
    });
    return { question, family, miss, open: openMisses(history).length };
  }

  /** Every miss of the player, oldest first, cleared ones included (/export misses). */
  async misses(scopeId: string, player: Player): Promise<Miss[]> {
    const member = await this.store.scopes.memberId(scopeId, player.userId);
    return member === undefined ? [] : missesOf(await this.store.reports.history(member));
  }

  /**
   * Answers a practice question: the one given by a button (seed, level, topic), or the player's
   * pending one. Undefined when there is none to answer.
   */
  async answer(req: { scopeId: string; player: Player; text: string; seed?: number; level?: Level; topic?: Topic }): Promise<PracticeOutcome | undefined> {
    const member = await this.store.scopes.memberId(req.scopeId, req.player.userId);
    const pending = member === undefined ? undefined : await this.store.practice.pending(member);
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
    const memberId = member ?? (await this.store.scopes.ensureMember(req.scopeId, req.player));
    const family = isPending ? pending.family : primaryFamily(question);
    const durationMs = isPending ? Math.max(0, now - pending.issuedAt) : null;
    const rating = ratingFor(correct, durationMs, asked.level);
    const input = {
      memberId,
      seed: asked.seed,
      generator: GENERATOR_VERSION,
      level: asked.level,
      topic: asked.topic,
      value,
      correct,
      mistakes: diagnosisIds(diagnosis),
      questionKey: question.key,
      now,
    };
    for (let attempt = 0; attempt < DECK_ATTEMPTS; attempt++) {
      // The lapses waiting are applied first, in the same transaction: this review follows them.
      const deck = await this.store.practice.deck(memberId);
      const { cards, reviews } = applyLapses(deck);
      const target = review(cards.get(cardKey(asked.topic, family)), rating, now, { durationMs, correct, source: 'practice' });
      reviews.push(
        { topic: asked.topic, family, ...target },
        ...againFor(
          asked.topic,
          certainFamilies(diagnosis).filter((f) => f !== family),
          cards,
          now,
          'practice',
        ),
      );
      const saved = await this.store.practice.record(input, { reviews, applied: deck.lapses });
      if (saved === 'saved') return { kind: 'recorded', question, value, correct, diagnosis, rating, due: target.card.due, family };
      if (saved === 'duplicate') return { kind: 'duplicate' };
    }
    throw new StoreBusyError(0); // another process kept applying this member's lapses first
  }

  /**
   * A member's cards, soonest due first, with the lapses their answers in rounds left applied
   * (and saved): what every reader of cards reads.
   */
  async cards(memberId: number): Promise<Card[]> {
    for (let attempt = 0; attempt < DECK_ATTEMPTS; attempt++) {
      const deck = await this.store.practice.deck(memberId);
      if (deck.lapses.length === 0) return [...deck.cards];
      // Saved, or applied by another process meanwhile: either way the deck is read again.
      await this.store.practice.review(memberId, { reviews: applyLapses(deck).reviews, applied: deck.lapses });
    }
    throw new StoreBusyError(0);
  }

  /** The player's skills, soonest due first, and whether each is due now. */
  async skills(scopeId: string, player: Player): Promise<Array<Card & { readonly isDue: boolean }>> {
    const member = await this.store.scopes.memberId(scopeId, player.userId);
    const now = this.clock.now();
    return member === undefined ? [] : (await this.cards(member)).map((c) => ({ ...c, isDue: c.due <= now }));
  }
}

/** Times a deck is read again when another process applied its lapses first. */
const DECK_ATTEMPTS = 5;

const cardKey = (topic: Topic, family: MistakeFamily) => `${topic}|${family}`;

/** The deck's lapses applied in order, each an Again review at its own time: the cards' states after them, and the reviews. */
function applyLapses(deck: Deck): { cards: Map<string, CardState>; reviews: CardReview[] } {
  const cards = new Map<string, CardState>(deck.cards.map((c) => [cardKey(c.topic, c.family), c]));
  const reviews: CardReview[] = [];
  for (const lapse of deck.lapses) {
    const [again] = againFor(lapse.topic, [lapse.family], cards, lapse.at, 'round');
    cards.set(cardKey(lapse.topic, lapse.family), again!.card);
    reviews.push(again!);
  }
  return { cards, reviews };
}

/** An Again review at `at` for the card of each family. */
function againFor(topic: Topic, families: readonly MistakeFamily[], cards: ReadonlyMap<string, CardState>, at: number, source: 'practice' | 'round'): CardReview[] {
  return families.map((family) => ({ topic, family, ...review(cards.get(cardKey(topic, family)), 1, at, { durationMs: null, correct: false, source }) }));
}

/** The allowed topic with the lowest smoothed accuracy; ties drawn by the seed. */
function weakest(allowed: readonly Topic[], stats: ReadonlyMap<Topic, TopicStat>, seed: number): Topic {
  const lowest = Math.min(...allowed.map((t) => smoothed(stats.get(t))));
  const tied = allowed.filter((t) => smoothed(stats.get(t)) === lowest);
  return tied[rng(seed).int(0, tied.length - 1)]!;
}
