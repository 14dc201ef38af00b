/** Scopes, members and weekly schedules on both store engines: every read and claim, each run and standings post claimed once. */
import { describe, expect, it } from 'vitest';
import { ENGINES, openTestStore } from '../support/quiz.js';

const SCOPE = 'slack:T1';

describe.each(ENGINES)('on %s', (engine) => {
  it("keeps a scope's settings and members, created once and renamed when their name changes", async () => {
    const { store } = await openTestStore(engine);
    expect(await store.scopes.get(SCOPE)).toBeUndefined(); // a read never creates
    const scope = await store.scopes.ensure(SCOPE, { timezone: 'Asia/Taipei', language: 'en' });
    expect(scope).toMatchObject({ id: SCOPE, timezone: 'Asia/Taipei', levels: [], topics: [], scoring: 'capped', dailyCap: 10, quizChannel: null, publicBoard: false });
    expect(await store.scopes.ensure(SCOPE, { timezone: 'Europe/Paris', language: 'zh-TW' })).toEqual(scope);
    const updated = await store.scopes.update(SCOPE, { quizChannel: 'C1', levels: ['easy', 'hard'], topics: ['conv'], publicBoard: true, roundSeconds: 90 });
    expect(await store.scopes.get(SCOPE)).toEqual(updated);
    expect((await store.scopes.withQuizChannel()).map((s) => s.id)).toEqual([SCOPE]);

    const id = await store.scopes.ensureMember(SCOPE, { userId: 'U1', name: 'ana' });
    expect(await store.scopes.ensureMember(SCOPE, { userId: 'U1', name: 'Ana Lin' })).toBe(id);
    expect(await store.scopes.member(SCOPE, id)).toEqual({ id, userId: 'U1', name: 'Ana Lin' });
    expect(await store.scopes.member('slack:T2', id)).toBeUndefined();
    expect(await store.scopes.findMember(SCOPE, 'ana lin')).toEqual({ id, userId: 'U1', name: 'Ana Lin' });
    expect(await store.scopes.findMember(SCOPE, 'U1')).toMatchObject({ id });
    expect(await store.scopes.memberId(SCOPE, 'U9')).toBeUndefined();
  });

  it('claims each scheduled run and each of its questions once, restarts a late run, and posts standings once', async () => {
    const { store } = await openTestStore(engine);
    await store.scopes.ensure(SCOPE, { timezone: 'Asia/Taipei', language: 'en' });
    const schedule = await store.schedules.add({
      scopeId: SCOPE,
      channelId: 'C1',
      weekday: 3,
      time: '14:00',
      timezone: 'Asia/Taipei',
      questions: 2,
      spacingMinutes: 5,
      level: 'medium',
      topics: ['conv', 'dense'],
      missed: 'late',
      createdAt: 1,
    });
    expect(schedule).toMatchObject({ scopeId: SCOPE, weekday: 3, topics: ['conv', 'dense'], questionSet: null });
    expect(await store.schedules.list(SCOPE)).toEqual([schedule]);
    expect(await store.schedules.active()).toEqual([schedule]);

    expect(await store.schedules.claimRun(schedule.id, 1000, 'running', 1000)).toBe(true);
    expect(await store.schedules.claimRun(schedule.id, 1000, 'running', 1001)).toBe(false); // never twice
    const run = (await store.schedules.run(schedule.id, 1000))!;
    expect(run).toEqual({ scheduleId: schedule.id, slot: 1000, status: 'running', posted: 0, startedAt: 1000 });
    await store.schedules.restartRun(run, 5000);
    expect((await store.schedules.run(schedule.id, 1000))!.startedAt).toBe(5000);
    expect(await store.schedules.claimQuestion(run, 2)).toBe(true);
    expect(await store.schedules.claimQuestion(run, 2)).toBe(false); // that question was claimed already
    expect(await store.schedules.claimQuestion({ ...run, posted: 1 }, 2)).toBe(true);
    expect(await store.schedules.run(schedule.id, 1000)).toMatchObject({ status: 'done', posted: 2 });
    expect(await store.schedules.running()).toEqual([]);

    expect(await store.schedules.standingsPosted(SCOPE, '2026-W48')).toBe(false);
    expect(await store.schedules.claimStandings(SCOPE, '2026-W48', 'C1', 9)).toBe(true);
    expect(await store.schedules.claimStandings(SCOPE, '2026-W48', 'C1', 10)).toBe(false);
    expect(await store.schedules.standingsPosted(SCOPE, '2026-W48')).toBe(true);

    expect(await store.schedules.remove(schedule.id, 'slack:other', 20)).toBe(false);
    expect(await store.schedules.remove(schedule.id, SCOPE, 20)).toBe(true);
    expect(await store.schedules.list(SCOPE)).toEqual([]);
    expect(await store.schedules.run(schedule.id, 1000)).toMatchObject({ status: 'done' }); // its runs stay as history
  });
});
