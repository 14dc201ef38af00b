/** /review's records: a student's cards (FSRS), their reviews, practice answers, the question given last. */
import type { MistakeFamily } from '../engine/types.js';
import type { SeededAnswer } from './reports.js';
import type { Level, Topic } from './vocabulary.js';

export type { MistakeFamily };

/** FSRS states (ts-fsrs State): New, Learning, Review, Relearning. */
export type CardPhase = 0 | 1 | 2 | 3;
/** FSRS ratings (ts-fsrs Rating): Again, Hard, Good, Easy. */
export type Rating = 1 | 2 | 3 | 4;

/** A card's memory state as FSRS keeps it; times in epoch ms. */
export interface CardState {
  readonly due: number;
  readonly stability: number;
  readonly difficulty: number;
  readonly elapsedDays: number;
  readonly scheduledDays: number;
  readonly learningSteps: number;
  readonly reps: number;
  readonly lapses: number;
  readonly state: CardPhase;
  readonly lastReview: number | null;
}

/** One skill of one student: a topic × a mistake family (conv × bias). */
export interface Card extends CardState {
  readonly id: number;
  readonly memberId: number;
  readonly topic: Topic;
  readonly family: MistakeFamily;
}

/** One review as FSRS's optimizer reads it: the rating, and the card's state before it. */
export interface ReviewLogInput {
  readonly rating: Rating;
  readonly state: CardPhase;
  readonly due: number;
  readonly stability: number;
  readonly difficulty: number;
  readonly elapsedDays: number;
  readonly lastElapsedDays: number;
  readonly scheduledDays: number;
  readonly learningSteps: number;
  readonly reviewedAt: number;
  readonly durationMs: number | null;
  readonly correct: boolean;
  readonly source: 'practice' | 'round';
}

export interface ReviewLog extends ReviewLogInput {
  readonly cardId: number;
}

/** A card's new state after a review, with the review's log. */
export interface CardReview {
  readonly topic: Topic;
  readonly family: MistakeFamily;
  readonly card: CardState;
  readonly log: ReviewLogInput;
}

/**
 * A mistake made in a round, kept with its answer (one write, one commit) and reviewed as Again on
 * its card when the student's cards are next read: FSRS's review depends only on the card before
 * it and the time, so applying it later, in order, gives the card it would have had.
 */
export interface Lapse {
  readonly id: number;
  readonly topic: Topic;
  readonly family: MistakeFamily;
  readonly at: number;
}

/** A student's cards, and the lapses not yet applied to them. */
export interface Deck {
  readonly cards: readonly Card[];
  readonly lapses: readonly Lapse[];
}

/** Reviews to save, one transaction: each card's new state and log, and the lapses they apply. */
export interface Reviews {
  readonly reviews: readonly CardReview[];
  /** Lapses these reviews applied: if another process applied one first, nothing is written. */
  readonly applied: readonly Lapse[];
}

/** The practice question a member was given last, until they answer it. */
export interface PendingPractice {
  readonly memberId: number;
  readonly seed: number;
  readonly generator: number;
  readonly level: Level;
  readonly topic: Topic;
  /** The skill the question practises. */
  readonly family: MistakeFamily;
  readonly channelId: string;
  readonly issuedAt: number;
}

/** A practice answer; it counts on the class's mastery (all time and the current season), never on a board. */
export interface PracticeInput extends SeededAnswer {
  readonly memberId: number;
  /** The ids of the named mistakes the value matched. */
  readonly mistakes: readonly string[];
  /** The key of the question answered (Question.key). */
  readonly questionKey: string;
  readonly now: number;
}

/**
 * What saving reviews came to: `saved`; `duplicate` (this practice question was answered
 * already); `stale` (a lapse was applied by someone else meanwhile: read the deck again). Nothing
 * is written unless `saved`.
 */
export type ReviewsSaved = 'saved' | 'duplicate' | 'stale';
