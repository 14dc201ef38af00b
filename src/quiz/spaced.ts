/**
 * Spaced repetition with FSRS (ts-fsrs): each skill of a student (a topic × a mistake family) is a
 * card; a practice answer reviews the card of the skill it practised, and a mistake (in practice or
 * in a round) reviews the card of the mistake's own family as Again.
 *
 * The rating follows FSRS's meaning of the four grades (how hard the recall was): a wrong answer is
 * Again, whatever the speed; a right one is Easy when quick, Good in a normal time, Hard when it
 * took long. "Quick" and "long" grow with the level, because a hard question is more arithmetic.
 * When the time is unknown (a practice question answered from an old button) a right answer is Good.
 */
import { createEmptyCard, fsrs, Rating as Grade, type Card as FsrsCard, type Grade as FsrsGrade } from 'ts-fsrs';
import type { CardPhase, CardState, Rating, ReviewLogInput } from '../domain/index.js';
import type { Level } from '../domain/index.js';

/** Fuzz off: the same answers give the same schedule (replayable, testable); the default parameters until fitted. */
const scheduler = fsrs({ enable_fuzz: false });

/** Seconds within which a right answer is Easy, and past which it is Hard, per level. */
export const ANSWER_SECONDS: Readonly<Record<Level, { readonly easy: number; readonly hard: number }>> = {
  easy: { easy: 20, hard: 90 },
  medium: { easy: 45, hard: 180 },
  hard: { easy: 60, hard: 300 },
};

export function ratingFor(correct: boolean, durationMs: number | null, level: Level): Rating {
  if (!correct) return Grade.Again;
  if (durationMs === null) return Grade.Good;
  const { easy, hard } = ANSWER_SECONDS[level];
  if (durationMs <= easy * 1000) return Grade.Easy;
  return durationMs > hard * 1000 ? Grade.Hard : Grade.Good;
}

function toFsrs(c: CardState | undefined, now: number): FsrsCard {
  if (!c) return createEmptyCard(new Date(now));
  return {
    due: new Date(c.due),
    stability: c.stability,
    difficulty: c.difficulty,
    elapsed_days: c.elapsedDays,
    scheduled_days: c.scheduledDays,
    learning_steps: c.learningSteps,
    reps: c.reps,
    lapses: c.lapses,
    state: c.state,
    ...(c.lastReview !== null && { last_review: new Date(c.lastReview) }),
  };
}

function fromFsrs(c: FsrsCard): CardState {
  return {
    due: c.due.getTime(),
    stability: c.stability,
    difficulty: c.difficulty,
    elapsedDays: c.elapsed_days,
    scheduledDays: c.scheduled_days,
    learningSteps: c.learning_steps,
    reps: c.reps,
    lapses: c.lapses,
    state: c.state as CardPhase,
    lastReview: c.last_review ? c.last_review.getTime() : null,
  };
}

/** A card reviewed now with `rating`: its next state, and the log (the state before) that FSRS's optimizer reads. */
export function review(
  card: CardState | undefined,
  rating: Rating,
  now: number,
  o: { durationMs: number | null; correct: boolean; source: 'practice' | 'round' },
): { card: CardState; log: ReviewLogInput } {
  const next = scheduler.next(toFsrs(card, now), new Date(now), rating as FsrsGrade);
  const l = next.log;
  return {
    card: fromFsrs(next.card),
    log: {
      rating,
      state: l.state as CardPhase,
      due: l.due.getTime(),
      stability: l.stability,
      difficulty: l.difficulty,
      elapsedDays: l.elapsed_days,
      lastElapsedDays: l.last_elapsed_days,
      scheduledDays: l.scheduled_days,
      learningSteps: l.learning_steps,
      reviewedAt: now,
      durationMs: o.durationMs,
      correct: o.correct,
      source: o.source,
    },
  };
}

/** How likely the student still recalls the skill now (1 when never reviewed: nothing to forget yet). */
export function retrievability(card: CardState, now: number): number {
  return card.lastReview === null ? 1 : scheduler.get_retrievability(toFsrs(card, now), new Date(now), false);
}
