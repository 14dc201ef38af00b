/**
 * Weekly quizzes and weekly standings. croner works out when a schedule's next occurrence falls
 * in its time zone (daylight-saving changes included); the injected clock fires it, so tests move
 * time instead of waiting. Every occurrence is claimed in SQLite before anything is posted, so a
 * run happens once at most — after a restart, a missed run is posted late once or skipped, as
 * the admin chose, never twice.
 */
import { Cron } from 'croner';
import type { Reply, View } from '../reply.js';
import type { Clock, Timer } from '../clock.js';
import type { Store } from '../store/store.js';
import type { NewSchedule, Schedule, Scope, ScheduleRun } from '../domain/index.js';
import type { Leaderboard, QuizService } from './service.js';
import type { Question } from './question.js';
import type { Round } from '../domain/index.js';
import { isoWeek } from './week.js';

/** Where the scheduler's posts go: the App routes them to the platform that owns the scope. */
export type Post = (target: { scopeId: string; channelId: string }, compose: (view: View) => Reply) => Promise<void>;

/** How scheduled posts look; commands/ owns the wording, the scheduler only the timing. */
export interface ScheduledReplies {
  question(view: View, scope: Scope, round: Round, question: Question): Reply;
  standings(view: View, scope: Scope, week: string, board: Leaderboard): Reply;
}

export interface SchedulerLog {
  warn(obj: object, msg: string): void;
}

/** ISO weekday 1..7 (Monday..Sunday) and HH:MM as a cron pattern (cron: 0 = Sunday). */
const pattern = (weekday: number, time: string) => `${Number(time.slice(3, 5))} ${Number(time.slice(0, 2))} * * ${weekday % 7}`;
const cron = (p: string, timezone: string) => new Cron(p, { timezone, paused: true });

/** Sunday 23:59 local: the standings go out before the week rolls over at midnight. */
const STANDINGS = '59 23 * * 0';

export class Scheduler {
  private readonly timers = new Map<string, Timer>();
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly o: {
      store: Store;
      quiz: QuizService;
      clock: Clock;
      post: Post;
      replies: ScheduledReplies;
      log: SchedulerLog;
    },
  ) {}

  /** Catches up what was missed while the bot was down, then arms every schedule and standings post. */
  async start(): Promise<void> {
    const { store } = this.o;
    const schedules = await store.schedules.active();
    for (const run of await store.schedules.running()) {
      const schedule = schedules.find((s) => s.id === run.scheduleId);
      if (schedule) await this.resumeRun(schedule, run);
    }
    for (const schedule of schedules) {
      await this.catchUp(schedule);
      await this.armSchedule(schedule);
    }
    for (const scope of await store.scopes.withQuizChannel()) {
      await this.catchUpStandings(scope);
      await this.armStandings(scope.id);
    }
  }

  /** Resolves once the work timers started (posting questions and standings) has finished, including work it started. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** Cancels the timers and waits for jobs already under way. */
  async stop(): Promise<void> {
    for (const timer of this.timers.values()) timer.cancel();
    this.timers.clear();
    await Promise.allSettled(this.inFlight);
  }

  async add(schedule: Omit<NewSchedule, 'createdAt'>): Promise<Schedule> {
    await this.o.quiz.scope(schedule.scopeId);
    const added = await this.o.store.schedules.add({ ...schedule, createdAt: this.o.clock.now() });
    await this.armSchedule(added);
    return added;
  }

  async remove(id: number, scopeId: string): Promise<boolean> {
    if (!(await this.o.store.schedules.remove(id, scopeId, this.o.clock.now()))) return false;
    this.cancel(`schedule:${id}`);
    return true;
  }

  list(scopeId: string): Promise<Schedule[]> {
    return this.o.store.schedules.list(scopeId);
  }

  /** When a schedule next fires (epoch ms). */
  nextRun(schedule: Pick<Schedule, 'weekday' | 'time' | 'timezone'>): number {
    return cron(pattern(schedule.weekday, schedule.time), schedule.timezone).nextRun(new Date(this.o.clock.now()))!.getTime();
  }

  /** (Re)arms a scope's standings post; called when its quiz channel or time zone changes. */
  async armStandings(scopeId: string): Promise<void> {
    const scope = await this.o.quiz.scope(scopeId);
    if (scope.quizChannel === null) return this.cancel(`standings:${scopeId}`);
    const at = cron(STANDINGS, scope.timezone).nextRun(new Date(this.o.clock.now()))!.getTime();
    this.arm(`standings:${scopeId}`, at, async () => {
      await this.postStandings(scopeId, at);
      await this.armStandings(scopeId);
    });
  }

  private async armSchedule(schedule: Schedule): Promise<void> {
    const slot = this.nextRun(schedule);
    this.arm(`schedule:${schedule.id}`, slot, async () => {
      if (await this.o.store.schedules.claimRun(schedule.id, slot, 'running', slot)) await this.advance(schedule.id, slot);
      await this.armSchedule(schedule);
    });
  }

  /** The latest occurrence at or before now, if it came after the schedule was made and never ran. */
  private async catchUp(schedule: Schedule): Promise<void> {
    const now = this.o.clock.now();
    const [previous] = cron(pattern(schedule.weekday, schedule.time), schedule.timezone).previousRuns(1, new Date(now));
    const slot = previous?.getTime();
    if (slot === undefined || slot < schedule.createdAt || (await this.o.store.schedules.run(schedule.id, slot))) return;
    // Only the latest missed occurrence is looked at: a bot down for three weeks posts one late quiz, not three.
    if (schedule.missed === 'skip') {
      await this.o.store.schedules.claimRun(schedule.id, slot, 'skipped', now);
      this.o.log.warn({ schedule: schedule.id, slot }, 'missed weekly quiz skipped');
    } else if (await this.o.store.schedules.claimRun(schedule.id, slot, 'running', now)) {
      this.o.log.warn({ schedule: schedule.id, slot }, 'missed weekly quiz posted late');
      await this.advance(schedule.id, slot);
    }
  }

  /** A run that was under way when the bot stopped: its next question now, the rest spaced as planned. */
  private async resumeRun(schedule: Schedule, run: ScheduleRun): Promise<void> {
    const spacing = schedule.spacingMinutes * 60_000;
    const due = run.startedAt + run.posted * spacing;
    const now = this.o.clock.now();
    if (due < now) await this.o.store.schedules.restartRun(run, now - run.posted * spacing);
    this.arm(`run:${schedule.id}:${run.slot}`, Math.max(due, now), () => this.advance(schedule.id, run.slot));
  }

  /** Posts the run's next question (once: claimed first), then arms the one after. */
  private async advance(scheduleId: number, slot: number): Promise<void> {
    const { store, quiz, clock } = this.o;
    const schedule = (await store.schedules.active()).find((s) => s.id === scheduleId);
    const run = await store.schedules.run(scheduleId, slot);
    if (!schedule || !run || run.status !== 'running') return;
    const open = await quiz.openRound(schedule.scopeId, schedule.channelId);
    if (open && open.closesAt > clock.now()) {
      // Someone's question is still open in the channel: ask ours right after it closes.
      this.arm(`run:${scheduleId}:${slot}`, open.closesAt + 1000, () => this.advance(scheduleId, slot));
      return;
    }
    if (!(await store.schedules.claimQuestion(run, schedule.questions))) return;
    const scope = await quiz.scope(schedule.scopeId);
    const spacing = schedule.spacingMinutes * 60_000;
    const seconds = Math.min(scope.roundSeconds ?? Number.POSITIVE_INFINITY, schedule.spacingMinutes * 60);
    const started = await quiz.start({
      scopeId: schedule.scopeId,
      channelId: schedule.channelId,
      opener: { kind: 'schedule' },
      lang: scope.language,
      level: schedule.level,
      topics: schedule.topics.length > 0 ? schedule.topics : undefined,
      seconds: Number.isFinite(seconds) ? seconds : undefined,
      source: schedule.questionSet === null ? undefined : { kind: 'set', set: schedule.questionSet },
    });
    if (started.ok) {
      await this.o
        .post({ scopeId: schedule.scopeId, channelId: schedule.channelId }, (view) => this.o.replies.question(view, scope, started.round, started.question))
        .catch((err: unknown) => this.o.log.warn({ err, schedule: scheduleId }, 'scheduled question not posted'));
    } else {
      this.o.log.warn({ schedule: scheduleId, result: started }, 'scheduled question not started');
    }
    if (run.posted + 1 < schedule.questions) {
      this.arm(`run:${scheduleId}:${slot}`, run.startedAt + (run.posted + 1) * spacing, () => this.advance(scheduleId, slot));
    }
  }

  /** The week's final standings, posted once per scope and week. */
  private async postStandings(scopeId: string, at: number): Promise<void> {
    const { store, quiz } = this.o;
    const scope = await quiz.scope(scopeId);
    if (scope.quizChannel === null) return;
    const week = isoWeek(at, scope.timezone);
    const board = await quiz.leaderboard({ scopeId, period: 'week', week, page: 1 });
    if (!board || board.players === 0) return; // a week without answers needs no post
    if (!(await store.schedules.claimStandings(scopeId, week, scope.quizChannel, this.o.clock.now()))) return;
    await this.o
      .post({ scopeId, channelId: scope.quizChannel }, (view) => this.o.replies.standings(view, scope, week, board))
      .catch((err: unknown) => this.o.log.warn({ err, scopeId, week }, 'weekly standings not posted'));
  }

  private async catchUpStandings(scope: Scope): Promise<void> {
    const [previous] = cron(STANDINGS, scope.timezone).previousRuns(1, new Date(this.o.clock.now()));
    if (previous && !(await this.o.store.schedules.standingsPosted(scope.id, isoWeek(previous.getTime(), scope.timezone)))) {
      await this.postStandings(scope.id, previous.getTime());
    }
  }

  private arm(key: string, at: number, fn: () => Promise<void>): void {
    this.cancel(key);
    this.timers.set(
      key,
      this.o.clock.at(at, () => {
        this.timers.delete(key);
        const job = fn()
          .catch((err: unknown) => this.o.log.warn({ err, key }, 'scheduled job failed'))
          .finally(() => this.inFlight.delete(job));
        this.inFlight.add(job);
      }),
    );
  }

  private cancel(key: string): void {
    this.timers.get(key)?.cancel();
    this.timers.delete(key);
  }
}
