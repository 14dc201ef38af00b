/**
 * Weekly quizzes and standings with an injected clock: local times across a daylight-saving
 * change, exactly-once runs across restarts, missed runs posted late once or skipped, and the
 * final standings posted before the week rolls over.
 */
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import type { NewSchedule } from '../../src/domain/index.js';
import { alice, bob, harness, ENGINES, type Harness } from '../support/quiz.js';

const scopeId = 'discord:G1';

type NewWeekly = Omit<NewSchedule, 'createdAt'>;

function weekly(extra: Partial<NewWeekly> = {}): NewWeekly {
  return {
    scopeId,
    channelId: 'quiz',
    weekday: 1,
    time: '10:00',
    timezone: 'Europe/Berlin',
    questions: 3,
    spacingMinutes: 10,
    level: 'medium',
    topics: ['conv', 'batchnorm'],
    missed: 'late',
    ...extra,
  };
}

const questions = (h: Harness) => h.posts.filter((p) => p.reply.title?.startsWith('Question #'));

describe.each(ENGINES)('on %s', (engine) => {
  describe('weekly schedules', () => {
    it('fire at 10:00 local time on both sides of a daylight-saving change', async () => {
      // Europe/Berlin moves to summer time on Sunday 2026-03-29.
      const h = await harness({ engine, clock: new ManualClock(Date.UTC(2026, 2, 16, 12)) });
      await h.quiz.scope(scopeId);
      const schedule = await h.scheduler.add(weekly({ questions: 1 }));
      expect(h.scheduler.nextRun(schedule)).toBe(Date.UTC(2026, 2, 23, 9)); // 10:00 CET = 09:00 UTC
      h.clock.set(Date.UTC(2026, 2, 23, 8, 59, 59));
      await h.settle();
      expect(questions(h)).toHaveLength(0);
      h.clock.set(Date.UTC(2026, 2, 23, 9));
      await h.settle();
      expect(questions(h).map((p) => p.at)).toEqual([Date.UTC(2026, 2, 23, 9)]);
      h.clock.set(Date.UTC(2026, 2, 30, 8)); // 10:00 CEST = 08:00 UTC
      await h.settle();
      expect(questions(h).map((p) => p.at)).toEqual([Date.UTC(2026, 2, 23, 9), Date.UTC(2026, 2, 30, 8)]);
    });

    it("post the run's questions spaced as asked, in the schedule's channel, level and topics", async () => {
      const h = await harness({ engine, clock: new ManualClock(Date.UTC(2026, 10, 23, 8)) });
      await h.scheduler.add(weekly());
      const slot = Date.UTC(2026, 10, 23, 9); // Monday 10:00 CET
      for (let k = 0; k < 3; k++) {
        h.clock.set(slot + k * 600_000);
        await h.settle();
      }
      const posted = questions(h);
      expect(posted.map((p) => p.at)).toEqual([slot, slot + 600_000, slot + 1_200_000]);
      expect(posted.every((p) => p.channelId === 'quiz')).toBe(true);
      const rounds = await Promise.all([1, 2, 3].map(async (id) => (await h.store.rounds.get(id))!));
      expect(rounds.map((r) => r.level)).toEqual(['medium', 'medium', 'medium']);
      expect(rounds.every((r) => ['conv', 'batchnorm'].includes(r.topic))).toBe(true);
      // each question closes before the next one comes
      expect(rounds.every((r) => r.closesAt - r.openedAt <= 600_000)).toBe(true);
      h.clock.set(slot + 7 * 86_400_000 - 1);
      await h.settle();
      expect(questions(h)).toHaveLength(3);
    });

    it('fire once after a restart, never twice', async () => {
      const h = await harness({ engine, clock: new ManualClock(Date.UTC(2026, 10, 23, 8)) });
      await h.scheduler.add(weekly());
      const slot = Date.UTC(2026, 10, 23, 9);
      h.clock.set(slot);
      await h.settle();
      expect(questions(h)).toHaveLength(1);
      // The process dies right after the first question; it comes back two minutes later.
      h.clock.set(slot + 120_000);
      const after = await h.restart();
      await after.scheduler.start();
      await after.settle();
      expect(questions(after)).toHaveLength(0); // the slot is not run again
      after.clock.set(slot + 600_000);
      await after.settle();
      after.clock.set(slot + 1_200_000);
      await after.settle();
      expect(questions(after)).toHaveLength(2); // the rest of the run, on time
      const again = await after.restart();
      await again.scheduler.start();
      await again.settle();
      again.clock.set(slot + 3_600_000);
      await again.settle();
      expect(questions(again)).toHaveLength(0);
      expect(await again.store.schedules.run(1, slot)).toMatchObject({ status: 'done', posted: 3 });
    });

    it('post a run missed while the bot was down late, once', async () => {
      const h = await harness({ engine, clock: new ManualClock(Date.UTC(2026, 10, 20, 8)) });
      await h.scheduler.add(weekly({ questions: 2 }));
      await h.scheduler.stop();
      // Down over Monday 10:00; back at 11:30.
      h.clock.set(Date.UTC(2026, 10, 23, 10, 30));
      const after = await h.restart();
      await after.scheduler.start();
      await after.settle();
      expect(questions(after).map((p) => p.at)).toEqual([Date.UTC(2026, 10, 23, 10, 30)]);
      after.clock.advance(600_000);
      await after.settle();
      expect(questions(after)).toHaveLength(2);
      const again = await after.restart();
      await again.scheduler.start();
      await again.settle();
      expect(questions(again)).toHaveLength(0);
    });

    it('skip a missed run when the admin chose to', async () => {
      const h = await harness({ engine, clock: new ManualClock(Date.UTC(2026, 10, 20, 8)) });
      await h.scheduler.add(weekly({ missed: 'skip' }));
      await h.scheduler.stop();
      h.clock.set(Date.UTC(2026, 10, 23, 10, 30));
      const after = await h.restart();
      await after.scheduler.start();
      await after.settle();
      expect(questions(after)).toHaveLength(0);
      expect(await after.store.schedules.run(1, Date.UTC(2026, 10, 23, 9))).toMatchObject({ status: 'skipped' });
      after.clock.set(Date.UTC(2026, 10, 30, 9)); // next Monday runs as usual
      await after.settle();
      expect(questions(after)).toHaveLength(1);
    });

    it('stop when removed', async () => {
      const h = await harness({ engine, clock: new ManualClock(Date.UTC(2026, 10, 23, 8)) });
      const s = await h.scheduler.add(weekly());
      expect(await h.scheduler.remove(s.id, 'slack:OTHER')).toBe(false); // another scope cannot remove it
      expect(await h.scheduler.remove(s.id, scopeId)).toBe(true);
      h.clock.set(Date.UTC(2026, 10, 23, 12));
      await h.settle();
      expect(questions(h)).toHaveLength(0);
    });
  });

  describe('weekly standings', () => {
    it('are posted once, on Sunday 23:59 in the scope time zone, before the week rolls over', async () => {
      const monday = Date.UTC(2026, 10, 23, 2); // Monday 10:00 in Taipei
      const h = await harness({ engine, clock: new ManualClock(monday) });
      await h.quiz.scopes.update(scopeId, { quizChannel: 'quiz' });
      await h.scheduler.armStandings(scopeId);
      const started = await h.quiz.start({ scopeId, channelId: 'quiz', opener: { kind: 'admin', player: alice }, lang: 'en', level: 'hard', topics: ['conv'] });
      if (!started.ok) throw new Error('no round');
      await h.quiz.answer({ scopeId, channelId: 'quiz', player: bob, text: String(started.question.answer) });
      await h.quiz.answer({ scopeId, channelId: 'quiz', player: alice, text: '1' });
      h.clock.set(Date.UTC(2026, 10, 29, 15, 58)); // Sunday 23:58 Taipei
      await h.settle();
      const standings = () => h.posts.filter((p) => p.reply.title?.startsWith('Final standings'));
      expect(standings()).toHaveLength(0);
      h.clock.set(Date.UTC(2026, 10, 29, 15, 59)); // 23:59
      await h.settle();
      expect(standings()).toHaveLength(1);
      const post = standings()[0]!;
      expect(post.channelId).toBe('quiz');
      expect(post.reply.title).toBe('Final standings of week 2026-W48');
      expect(post.reply.text).toContain('**1.** bob: 35 pts (1/1 right, 100%)');
      expect(post.reply.text).toContain('**2.** alice: 0 pts (0/1 right, 0%)');
      expect(post.reply.text).toContain('Congratulations bob');
      // A restart in the same minute does not post them again.
      const after = await h.restart();
      await after.scheduler.start();
      await after.settle();
      expect(after.posts).toHaveLength(0);
      expect(await after.store.schedules.standingsPosted(scopeId, '2026-W48')).toBe(true);
    });

    it('missed while down are posted late once after the restart', async () => {
      const h = await harness({ engine, clock: new ManualClock(Date.UTC(2026, 10, 23, 2)) });
      await h.quiz.scopes.update(scopeId, { quizChannel: 'quiz' });
      const started = await h.quiz.start({ scopeId, channelId: 'quiz', opener: { kind: 'admin', player: alice }, lang: 'en', level: 'easy', topics: ['dense'] });
      if (!started.ok) throw new Error('no round');
      await h.quiz.answer({ scopeId, channelId: 'quiz', player: bob, text: String(started.question.answer) });
      h.clock.set(Date.UTC(2026, 10, 30, 3)); // down over Sunday night; back Monday 11:00 Taipei
      const after = await h.restart();
      await after.scheduler.start();
      await after.settle();
      expect(after.posts.map((p) => p.reply.title)).toEqual(['Final standings of week 2026-W48']);
      const again = await after.restart();
      await again.scheduler.start();
      await again.settle();
      expect(again.posts).toHaveLength(0);
    });
  });
});
