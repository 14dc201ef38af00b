/** What is read back about a class's answers: the teacher's report, the exports, a student's record. */
import type { Round } from './rounds.js';
import type { Level, Topic } from './vocabulary.js';

/** A window of time, epoch ms: [from, to). */
export interface TimeRange {
  readonly from: number;
  readonly to: number;
}

/** A round as the teacher's report lists it: the question, how many answered, how many were right, and the named mistakes made. */
export interface RoundStat {
  readonly round: Round;
  readonly answered: number;
  readonly correct: number;
  /** Each named mistake with the answers that made it, most made first (an answer naming two counts for both). */
  readonly mistakes: ReadonlyArray<{ readonly id: string; readonly answers: number }>;
}

/** One answer given in a round, as the per-answer export writes it. */
export interface ExportedAnswer {
  readonly roundId: number;
  readonly memberId: number;
  readonly userId: string;
  readonly name: string;
  readonly topic: Topic;
  readonly level: Level;
  readonly value: bigint;
  readonly answer: bigint;
  readonly correct: boolean;
  readonly first: boolean;
  readonly mistakes: readonly string[];
  readonly points: number;
  readonly scored: boolean;
  readonly answeredAt: number;
}

/** Where a page of exported answers ends: the next page starts after this round and member. */
export interface AnswerCursor {
  readonly roundId: number;
  readonly memberId: number;
}

/** A generated question, by what replays it, and the answer given to it. */
export interface SeededAnswer {
  readonly seed: number;
  /** The generator version that made the question (an older one gives another question for the seed). */
  readonly generator: number;
  readonly level: Level;
  readonly topic: Topic;
  readonly value: bigint;
  readonly correct: boolean;
}

/** One answer in a student's history, from a round or from practice. */
export interface HistoryItem extends SeededAnswer {
  readonly source: 'round' | 'practice';
  readonly answeredAt: number;
  /** A teacher's question as it was asked (Round.custom); null for a generated one or practice. */
  readonly custom: string | null;
  /**
   * The key of the question answered (Question.key: `topic|level|template|…`), what a miss is
   * replayed by; null for a practice answer kept before practice kept it.
   */
  readonly questionKey: string | null;
  /** The ids of the named mistakes the value matched. */
  readonly mistakes: readonly string[];
}

export interface TopicStat {
  readonly topic: Topic;
  readonly answered: number;
  readonly correct: number;
}

export interface Accuracy {
  readonly answered: number;
  readonly correct: number;
}
