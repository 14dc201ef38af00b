/** Weekly quizzes: schedules, their runs (each claimed once) and the weekly standings posted. */
import type { NewSchedule, Schedule, ScheduleRun } from '../domain/index.js';
import type { Driver } from './driver.js';
import { toRun, toSchedule, type RunRecord, type ScheduleRecord } from './records.js';
import { sql } from './sql.js';

export interface ScheduleStore {
  add(s: NewSchedule): Promise<Schedule>;
  /** A scope's schedules, oldest first. */
  list(scopeId: string): Promise<Schedule[]>;
  /** Every scope's schedules. */
  active(): Promise<Schedule[]>;
  /** Removes a schedule of this scope (its runs stay as history); false if there is none. */
  remove(id: number, scopeId: string, now: number): Promise<boolean>;
  /** Claims a scheduled occurrence; false if it was already run or skipped (never twice). */
  claimRun(scheduleId: number, slot: number, status: 'running' | 'skipped', startedAt: number): Promise<boolean>;
  run(scheduleId: number, slot: number): Promise<ScheduleRun | undefined>;
  running(): Promise<ScheduleRun[]>;
  /** Claims the run's next question (number `posted`); false if another claim got there first. */
  claimQuestion(run: ScheduleRun, total: number): Promise<boolean>;
  /** Re-bases a run that resumes late, so its remaining questions keep their spacing. */
  restartRun(run: ScheduleRun, startedAt: number): Promise<void>;
  /** Claims the posting of a week's final standings; false if they were posted already. */
  claimStandings(scopeId: string, week: string, channelId: string, now: number): Promise<boolean>;
  standingsPosted(scopeId: string, week: string): Promise<boolean>;
}

const ADD = sql`
  INSERT INTO schedules (scope_id, channel_id, weekday, time, timezone, questions, spacing_min, level, topics, missed, created_at, question_set)
  VALUES (:scopeId, :channelId, :weekday, :time, :timezone, :questions, :spacingMinutes, :level, :topics, :missed, :createdAt, :questionSet)
  RETURNING *`;
const LIST = sql`SELECT * FROM schedules WHERE scope_id = :scope AND removed_at IS NULL ORDER BY id`;
const ACTIVE = sql`SELECT * FROM schedules WHERE removed_at IS NULL ORDER BY id`;
const REMOVE = sql`UPDATE schedules SET removed_at = :now WHERE id = :id AND scope_id = :scope AND removed_at IS NULL`;
const CLAIM_RUN = sql`INSERT INTO schedule_runs (schedule_id, slot, status, posted, started_at) VALUES (:schedule, :slot, :status, 0, :startedAt) ON CONFLICT DO NOTHING`;
const RUN = sql`SELECT * FROM schedule_runs WHERE schedule_id = :schedule AND slot = :slot`;
const RUNNING = sql`SELECT * FROM schedule_runs WHERE status = 'running' ORDER BY started_at`;
const CLAIM_QUESTION = sql`
  UPDATE schedule_runs SET posted = posted + 1, status = CASE WHEN posted + 1 >= :total THEN 'done' ELSE status END
  WHERE schedule_id = :schedule AND slot = :slot AND posted = :posted AND status = 'running'`;
const RESTART_RUN = sql`UPDATE schedule_runs SET started_at = :startedAt WHERE schedule_id = :schedule AND slot = :slot`;
const CLAIM_STANDINGS = sql`INSERT INTO standings_posts (scope_id, week, channel_id, posted_at) VALUES (:scope, :week, :channel, :now) ON CONFLICT DO NOTHING`;
const STANDINGS_POSTED = sql`SELECT 1 AS posted FROM standings_posts WHERE scope_id = :scope AND week = :week`;

export class ScheduleSql implements ScheduleStore {
  constructor(private readonly db: Driver) {}

  async add(s: NewSchedule): Promise<Schedule> {
    return toSchedule((await this.db.get<ScheduleRecord>(ADD, { ...s, topics: s.topics.join(','), questionSet: s.questionSet ?? null }))!);
  }

  async list(scopeId: string): Promise<Schedule[]> {
    return (await this.db.all<ScheduleRecord>(LIST, { scope: scopeId })).map(toSchedule);
  }

  async active(): Promise<Schedule[]> {
    return (await this.db.all<ScheduleRecord>(ACTIVE)).map(toSchedule);
  }

  async remove(id: number, scopeId: string, now: number): Promise<boolean> {
    return (await this.db.run(REMOVE, { id, scope: scopeId, now })) === 1;
  }

  async claimRun(scheduleId: number, slot: number, status: 'running' | 'skipped', startedAt: number): Promise<boolean> {
    return (await this.db.run(CLAIM_RUN, { schedule: scheduleId, slot, status, startedAt })) === 1;
  }

  async run(scheduleId: number, slot: number): Promise<ScheduleRun | undefined> {
    const r = await this.db.get<RunRecord>(RUN, { schedule: scheduleId, slot });
    return r && toRun(r);
  }

  async running(): Promise<ScheduleRun[]> {
    return (await this.db.all<RunRecord>(RUNNING)).map(toRun);
  }

  async claimQuestion(run: ScheduleRun, total: number): Promise<boolean> {
    return (await this.db.run(CLAIM_QUESTION, { total, schedule: run.scheduleId, slot: run.slot, posted: run.posted })) === 1;
  }

  async restartRun(run: ScheduleRun, startedAt: number): Promise<void> {
    await this.db.run(RESTART_RUN, { startedAt, schedule: run.scheduleId, slot: run.slot });
  }

  async claimStandings(scopeId: string, week: string, channelId: string, now: number): Promise<boolean> {
    return (await this.db.run(CLAIM_STANDINGS, { scope: scopeId, week, channel: channelId, now })) === 1;
  }

  async standingsPosted(scopeId: string, week: string): Promise<boolean> {
    return (await this.db.get(STANDINGS_POSTED, { scope: scopeId, week })) !== undefined;
  }
}
