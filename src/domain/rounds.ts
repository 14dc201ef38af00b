/** Quiz rounds and their answers, as every floor reads and writes them. */
import type { Lang } from '../i18n/messages.js';
import type { MistakeFamily } from '../engine/types.js';
import type { Player } from './scopes.js';
import type { CloseReason, Level, Topic } from './vocabulary.js';

/** What one round's answers count for, fixed when it opens. */
export type RoundScoring = 'scored' | 'capped' | 'practice';

export interface Round {
  readonly id: number;
  readonly scopeId: string;
  readonly channelId: string;
  readonly seed: number;
  readonly generator: number;
  readonly level: Level;
  readonly topic: Topic;
  readonly questionKey: string;
  readonly answer: bigint;
  readonly lang: Lang;
  readonly openedBy: number | null;
  readonly openedAt: number;
  readonly closesAt: number;
  readonly closedAt: number | null;
  readonly closeReason: CloseReason | null;
  readonly revealedAt: number | null;
  readonly messageRef: string | null;
  readonly scoring: RoundScoring;
  /** The process that closes and reveals the round, while its lease lasts (epoch ms). */
  readonly lease: Lease | null;
  /**
   * A teacher's question as built when the round opened (quiz/replay.ts encodes it), so it is
   * shown and checked as asked; null for a generated question, replayed from its seed.
   */
  readonly custom: string | null;
}

/** Who holds a round: its timer and its reveal are that process's until `until`. */
export interface Lease {
  readonly owner: string;
  readonly until: number;
}

export type NewRound = Omit<Round, 'id' | 'closedAt' | 'closeReason' | 'revealedAt' | 'messageRef' | 'lease' | 'custom'> & { readonly lease: Lease; readonly custom?: string | null };

/** A student's scored questions today in capped rounds, and how many they may have. */
export interface DailyCap {
  readonly cap: number;
  /** The scope's local day, epoch ms: [from, to). */
  readonly from: number;
  readonly to: number;
}

/** An answer as the quiz checked it, for the store to record. */
export interface AnswerInput {
  readonly roundId: number;
  /** The answering member, created (or renamed) in the same transaction as the answer. */
  readonly player: Player;
  readonly value: bigint;
  readonly correct: boolean;
  /** The ids of the named mistakes that give this value (two can give the same number); empty when right or unnamed. */
  readonly mistakes: readonly string[];
  /** The skills those mistakes belong to: each one's card is reviewed as Again (a Lapse, kept with the answer). */
  readonly lapses: readonly MistakeFamily[];
  /** Points for a correct answer that scores. */
  readonly points: number;
  readonly now: number;
  /**
   * The ISO week of `now` in the scope's zone ('2026-W48'). The answer counts on the all-time
   * board, this week's and the scope's current season's (read in the answer's own transaction).
   */
  readonly week: string;
  /** The day's cap, checked in the same transaction when the round is capped. */
  readonly daily: DailyCap;
}

/** Why a recorded answer does not score: a practice round, or the day's cap already reached. */
export type Unscored = 'practice' | 'cap';

export type AnswerResult =
  | { readonly status: 'recorded'; readonly first: boolean; readonly points: number; readonly unscored: Unscored | null }
  | { readonly status: 'duplicate'; readonly previous: bigint }
  | { readonly status: 'closed' }
  | { readonly status: 'missing' };

/** How a round closes: when, why, who reveals it, and the first correct answer's bonus. */
export interface Closing {
  readonly now: number;
  readonly reason: CloseReason;
  /** Whoever closes a round holds it, and reveals it. */
  readonly lease: Lease;
  /**
   * Points for the first correct answer that scored, given when at least `minAnswers` people
   * answered, on the boards that answer counted on.
   */
  readonly bonus: { readonly points: number; readonly minAnswers: number };
}

export interface RoundAnswer {
  readonly memberId: number;
  readonly userId: string;
  readonly name: string;
  readonly value: bigint;
  readonly correct: boolean;
  readonly first: boolean;
  /** The named mistakes the value matched; empty when right or unnamed. */
  readonly mistakes: readonly string[];
  /** Points including any first-correct bonus. */
  readonly points: number;
  readonly bonus: number;
  readonly scored: boolean;
  readonly answeredAt: number;
}

/** What a scope was asked recently: the questions' keys and their answers. */
export interface RecentQuestions {
  readonly keys: ReadonlySet<string>;
  readonly answers: ReadonlySet<bigint>;
}
