/** A scope (a Discord server, a Slack workspace, the shell), its settings, members and seasons. */
import type { Lang } from '../i18n/messages.js';
import type { Level, Topic } from './vocabulary.js';

export type { Lang };

/**
 * How the rounds a student starts are scored in a scope: `capped` (the default) up to a daily
 * number of questions per student, `all` every round, `scheduled` only scheduled and
 * admin-started rounds. Answers that do not score still count in /stats, as practice.
 */
export const SCORING_MODES = ['capped', 'all', 'scheduled'] as const;
export type ScoringMode = (typeof SCORING_MODES)[number];

export interface Scope {
  readonly id: string;
  readonly timezone: string;
  readonly language: Lang;
  /** Where weekly standings and scheduled quizzes are posted; null until an admin sets it. */
  readonly quizChannel: string | null;
  /** Levels and topics /quiz may use; empty means all. */
  readonly levels: readonly Level[];
  readonly topics: readonly Topic[];
  /** A scope's own default round length; null for the configured default. */
  readonly roundSeconds: number | null;
  readonly scoring: ScoringMode;
  /** Scored questions per student per day in rounds students start (scoring=capped). */
  readonly dailyCap: number;
  /** The class board is on the web for anyone with its address (it shows names: off until an admin turns it on). */
  readonly publicBoard: boolean;
}

export type ScopeSettings = Partial<Pick<Scope, 'timezone' | 'language' | 'quizChannel' | 'levels' | 'topics' | 'roundSeconds' | 'scoring' | 'dailyCap' | 'publicBoard'>>;

/** Someone who took part in a scope: the store's own id, the platform's user id, the name last seen. */
export interface Member {
  readonly id: number;
  readonly userId: string;
  readonly name: string;
}

/** Who is acting, as a platform names them: created as a member on first sight, renamed when their name changed. */
export interface Player {
  readonly userId: string;
  readonly name: string;
}

export interface Season {
  readonly id: number;
  readonly scopeId: string;
  readonly name: string;
  readonly startedAt: number;
  readonly endedAt: number | null;
}
