/**
 * Admin controls, seasons and personal review through the platform-neutral commands (the same
 * dispatch every adapter uses): a non-admin is refused everything and nothing changes.
 */
import { describe, expect, it } from 'vitest';
import { findAction } from '../../commands/index.js';
import { decodeButton, encodeButton, runAction } from '../../src/platforms/dispatch.js';
import { alice, bob, carol, harness, ENGINES, type Harness } from '../support/quiz.js';
import { context, run, silentLog } from '../support/context.js';
import { snapshot as tables } from '../support/snapshot.js';

async function answeredRound(h: Harness) {
  const admin = context(h, alice, { isAdmin: true });
  await run(admin, 'quiz level:hard topic:conv');
  const round = (await h.quiz.openRound('discord:G1', 'C1'))!;
  await h.quiz.answer({ scopeId: 'discord:G1', channelId: 'C1', player: bob, text: String(round.answer) });
  await h.quiz.answer({ scopeId: 'discord:G1', channelId: 'C1', player: carol, text: '7' });
  return round;
}

describe.each(ENGINES)('on %s', (engine) => {
  describe('a non-admin', () => {
    it.each([
      'close',
      'duration 120',
      'settings timezone:Europe/Berlin',
      'settings here:true',
      'schedule action:add day:mon time:10:00',
      'schedule action:remove id:1',
      'season action:start name:spring',
      'remove-scores bob',
    ])('is refused /%s and nothing changes', async (line) => {
      const h = await harness({ engine });
      await answeredRound(h);
      const before = await tables(h.store);
      const reply = await run(context(h, bob), line);
      expect(reply).toMatchObject({ visibility: 'private', tone: 'error' });
      expect(reply.text).toMatch(/is for admins only; nothing was changed/);
      expect(await tables(h.store)).toBe(before);
    });

    it('cannot replay a seed, post in another channel, or press an admin confirmation', async () => {
      const h = await harness({ engine });
      await answeredRound(h);
      const before = await tables(h.store);
      expect((await run(context(h, bob, { channelId: 'C2' }), 'quiz seed:4 topic:dense')).text).toMatch(/Only admins/);
      expect((await run(context(h, bob, { channelId: 'C2' }), 'quiz channel:C9')).text).toMatch(/Only admins/);
      const confirm = decodeButton(encodeButton({ action: 'removeScores', params: ['2', 'U_BOB'] }))!;
      expect((await runAction(confirm.action, confirm.params, context(h, carol), silentLog)).text).toMatch(/Only admins can do this/);
      expect(await tables(h.store)).toBe(before);
    });
  });

  describe('admin controls', () => {
    it('start and stop a round in another channel', async () => {
      const h = await harness({ engine });
      const admin = context(h, alice, { isAdmin: true });
      const reply = await run(admin, 'quiz channel:<#C9|lab> level:medium');
      expect(reply.text).toBe('Question #1 posted in #C9.');
      expect(h.posts).toHaveLength(1);
      expect(h.posts[0]!.channelId).toBe('C9');
      expect(h.posts[0]!.reply.title).toMatch(/^Question #1 · /);
      expect((await h.store.rounds.get(1))!.messageRef).toBe('message-1');
      expect((await run(admin, 'close channel:C9')).text).toBe('Question #1 closed.');
      expect(h.reveals).toHaveLength(1);
    });

    it("change a round's duration", async () => {
      const h = await harness({ engine });
      const admin = context(h, alice, { isAdmin: true });
      await run(admin, 'quiz');
      const round = (await h.quiz.openRound('discord:G1', 'C1'))!;
      expect((await run(admin, 'duration 300')).text).toMatch(/now closes/);
      expect((await h.store.rounds.get(round.id))!.closesAt).toBe(round.openedAt + 300_000);
      h.clock.advance(299_999);
      await h.settle();
      expect(h.reveals).toHaveLength(0);
      h.clock.advance(1);
      await h.settle();
      expect(h.reveals).toHaveLength(1);
    });

    it('set levels, topics, round length, time zone and language', async () => {
      const h = await harness({ engine });
      const admin = context(h, alice, { isAdmin: true });
      const saved = await run(admin, 'settings levels:easy,medium topics:conv,dense seconds:90 timezone:Europe/Berlin language:zh-TW here:true');
      expect(saved.text).toBe('Saved.');
      expect(await h.quiz.scope('discord:G1')).toMatchObject({
        levels: ['easy', 'medium'],
        topics: ['conv', 'dense'],
        roundSeconds: 90,
        timezone: 'Europe/Berlin',
        language: 'zh-TW',
        quizChannel: 'C1',
      });
      expect((await run(context(h, bob), 'quiz level:hard')).text).toBe('The level hard is off in this server; on: easy, medium.');
      expect((await run(context(h, bob), 'quiz topic:recurrent')).text).toBe('The topic recurrent is off in this server; on: conv, dense.');
      await run(context(h, bob), 'quiz');
      const round = (await h.quiz.openRound('discord:G1', 'C1'))!;
      expect(['conv', 'dense']).toContain(round.topic);
      expect(round.closesAt - round.openedAt).toBe(90_000);
      expect((await run(admin, 'settings timezone:Mars/Olympus')).text).toMatch(/`Mars\/Olympus` is not a time zone/);
      expect((await run(admin, 'settings topics:conv,quantum')).text).toMatch(/`quantum` is not a valid topics/);
    });

    it("remove one user's scores after a confirmation (cancel changes nothing)", async () => {
      const h = await harness({ engine });
      await answeredRound(h);
      const admin = context(h, alice, { isAdmin: true });
      const ask = await run(admin, 'remove-scores <@U_BOB>');
      expect(ask.text).toMatch(/Remove every score of @bob from all boards/);
      const [yes, no] = ask.buttons!;
      const before = await tables(h.store);
      await runAction(findAction(no!.action)!, no!.params, admin, silentLog);
      expect(await tables(h.store)).toBe(before);
      const done = await runAction(findAction(yes!.action)!, yes!.params, admin, silentLog);
      expect(done.text).toBe("Removed @bob's scores from 2 board(s).");
      const board = (await h.quiz.leaderboard({ scopeId: 'discord:G1', period: 'all', page: 1 }))!;
      expect(board.rows.map((r) => r.name)).toEqual(['carol']);
      expect((await run(admin, 'remove-scores nobody')).text).toBe('`nobody` has no scores here.');
    });
  });

  describe('seasons', () => {
    it('a new season archives the old one, whose final board stays readable', async () => {
      const h = await harness({ engine });
      const admin = context(h, alice, { isAdmin: true });
      expect((await run(admin, 'season action:start name:2026-spring')).text).toBe('Season 2026-spring has started.');
      await answeredRound(h);
      await h.quiz.close(1, 'admin');
      expect((await run(admin, 'season action:start name:2026-fall')).text).toMatch(/2026-spring is archived/);
      expect((await run(admin, 'season action:start name:2026-fall')).text).toMatch(/exists already/);
      await run(admin, 'quiz level:easy topic:dense');
      const round = (await h.quiz.openRound('discord:G1', 'C1'))!;
      await h.quiz.answer({ scopeId: 'discord:G1', channelId: 'C1', player: carol, text: String(round.answer) });

      const old = await run(context(h, bob), 'leaderboard season:2026-spring');
      expect(old.title).toBe('Final leaderboard: season 2026-spring (archived)');
      expect(old.text).toMatch(/\*\*1\.\*\* @bob: 35 pts/);
      const current = await run(context(h, bob), 'leaderboard season');
      expect(current.title).toBe('Leaderboard: season 2026-fall');
      // carol answered alone: no first-correct bonus
      expect(current.text).toMatch(/\*\*1\.\*\* @carol: 10 pts/);
      expect(current.text).not.toContain('@bob');
      const all = await run(context(h, bob), 'leaderboard all');
      expect(all.text).toContain('@bob');
      expect(all.text).toContain('@carol');
      expect((await run(context(h, bob), 'leaderboard season:1999')).text).toMatch(/no season called `1999`/);
      expect((await run(admin, 'season')).text).toMatch(/2026-spring \(archived; started .*\)\n2026-fall \(current, since/);
    });
  });

  describe('personal review and stats', () => {
    it('/review asks from the weakest topic; practice counts toward /stats, not the boards', async () => {
      const h = await harness({ engine });
      await answeredRound(h); // carol got a conv question wrong
      const carolCtx = context(h, carol);
      const review = await run(carolCtx, 'review');
      expect(review.visibility).toBe('private');
      expect(review.title).toMatch(/^Practice · /);
      // a choice button carries its letter; the form button gets the typed text
      const button = review.buttons!.at(-1)!;
      const action = findAction(button.action)!;
      const answered = await runAction(action, button.params, carolCtx, silentLog, '1');
      expect(answered.text).toMatch(/^(✅|❌)/);
      expect((await runAction(action, button.params, carolCtx, silentLog, '1')).text).toMatch(/answered this practice question already/);
      const stats = await h.quiz.stats('discord:G1', carol);
      expect(stats.reduce((a, s) => a + s.answered, 0)).toBe(2);
      expect((await h.quiz.leaderboard({ scopeId: 'discord:G1', period: 'all', page: 1 }))!.rows.find((r) => r.name === 'carol')!.answered).toBe(1);
    });

    it('/stats shows accuracy per topic, the current and best streak, and recent misses with their formula', async () => {
      const h = await harness({ engine });
      const admin = context(h, alice, { isAdmin: true });
      for (const [i, right] of [true, true, false, true].entries()) {
        await run(admin, `quiz level:medium topic:${i % 2 === 0 ? 'dense' : 'conv'}`);
        const round = (await h.quiz.openRound('discord:G1', 'C1'))!;
        await h.quiz.answer({ scopeId: 'discord:G1', channelId: 'C1', player: bob, text: right ? String(round.answer) : '5' });
        await h.quiz.close(round.id, 'admin');
      }
      const stats = await run(context(h, bob), 'stats');
      expect(stats.text).toContain('3 of 4 right (75%).');
      expect(stats.text).toContain('Streak: 1 right in a row (best 2).');
      expect(stats.text).toContain('Recently missed:');
      expect(stats.text).toMatch(/you said 5; the answer is [\d,]+:\n {2}.*= [\d,]+/);
      expect(stats.code).toMatch(/dense\s+2\s+1\s+50%/);
    });
  });
});
