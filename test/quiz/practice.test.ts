/**
 * Practice that adapts: /review follows the cards FSRS says are due (a card per student per topic ×
 * mistake family), else the weakest topic; /answer answers the pending practice question, rated by
 * correctness and time; a round's named mistake brings its skill back; /quiz with no level follows
 * the asker's (or the channel's) recent accuracy.
 */
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { formatInt } from '../../src/engine/format.js';
import { diagnose, diagnosisIds } from '../../src/quiz/diagnose.js';
import { generate } from '../../src/quiz/generator.js';
import { ratingFor } from '../../src/quiz/spaced.js';
import { context, run } from '../support/context.js';
import { alice, bob, ENGINES, harness } from '../support/quiz.js';

const scopeId = 'discord:G1';
const DAY = 86_400_000;

/** A wrong answer the quiz names, for a question. */
/** A mistake of the question the diagnosis names for sure (a value another slip also gives is only "possible": its skill is not reviewed). */
const named = (q: ReturnType<typeof generate>) => q.mistakes.find((m) => diagnose(q, m.value).kind === 'named') ?? q.mistakes[0]!;

describe('the rating of a review', () => {
  it('follows FSRS: wrong is Again; right is Easy when quick, Good in a normal time, Hard when slow; Good when the time is unknown', () => {
    expect(ratingFor(false, 1_000, 'easy')).toBe(1);
    expect(ratingFor(true, 5_000, 'easy')).toBe(4);
    expect(ratingFor(true, 45_000, 'easy')).toBe(3);
    expect(ratingFor(true, 200_000, 'easy')).toBe(2);
    expect(ratingFor(true, 45_000, 'hard')).toBe(4);
    expect(ratingFor(true, null, 'medium')).toBe(3);
  });
});

/** Saving a practice answer with no reviews. */
const NO_REVIEWS = { reviews: [], applied: [] };

describe.each(ENGINES)('on %s', (engine) => {
  describe('/review', () => {
    it('starts from the weakest topic: a topic answered 2 of 10 comes before topics never tried', async () => {
      const h = await harness({ engine });
      await h.quiz.scope(scopeId);
      const member = await h.store.scopes.ensureMember(scopeId, alice);
      for (let i = 0; i < 10; i++) {
        await h.store.practice.record(
          { memberId: member, seed: 1000 + i, generator: 2, level: 'easy', topic: 'conv', value: 1n, correct: i < 2, mistakes: [], questionKey: 'conv|easy|t', now: i },
          NO_REVIEWS,
        );
      }
      const given = await h.services.practice.next(scopeId, alice, 'C1');
      expect(given.question.topic).toBe('conv');
      expect(given.due).toBe(false);
      expect(await h.store.practice.pending(member)).toMatchObject({ seed: given.question.seed, topic: 'conv', channelId: 'C1', family: given.family });
    });

    it('/answer answers the pending question: rated by time, logged, the skill scheduled (later when easy)', async () => {
      const h = await harness({ engine });
      const first = await h.services.practice.next(scopeId, alice, 'C1');
      h.clock.advance(5_000);
      const quick = await h.services.practice.answer({ scopeId, player: alice, text: formatInt(first.question.answer) });
      expect(quick).toMatchObject({ kind: 'recorded', correct: true, rating: 4 });
      const member = (await h.store.scopes.memberId(scopeId, alice.userId))!;
      expect(await h.store.practice.pending(member)).toBeUndefined();
      const logs = await h.store.practice.reviewLogs(member);
      expect(logs).toHaveLength(1);
      expect(logs[0]).toMatchObject({ rating: 4, durationMs: 5_000, correct: true, source: 'practice' });

      const second = await h.services.practice.next(scopeId, bob, 'C1');
      h.clock.advance(200_000);
      const slow = await h.services.practice.answer({ scopeId, player: bob, text: formatInt(second.question.answer) });
      expect(slow).toMatchObject({ kind: 'recorded', correct: true, rating: 2 });
      // FSRS gives the effortless recall the longer interval
      if (quick?.kind === 'recorded' && slow?.kind === 'recorded') expect(quick.due - (h.clock.now() - 200_000)).toBeGreaterThan(slow.due - h.clock.now());
      // nothing pending any more: /answer has nothing to answer
      expect(await h.services.practice.answer({ scopeId, player: bob, text: '1' })).toBeUndefined();
    });

    it('a wrong answer is Again, names the mistake, and its family comes back due first', async () => {
      const h = await harness({ engine });
      const given = await h.services.practice.next(scopeId, alice, 'C1');
      const wrong = named(given.question);
      const outcome = await h.services.practice.answer({ scopeId, player: alice, text: formatInt(wrong.value) });
      expect(outcome).toMatchObject({ kind: 'recorded', correct: false, rating: 1 });
      expect(outcome?.kind === 'recorded' && diagnosisIds(outcome.diagnosis)).toContain(wrong.id);
      const cards = await h.services.practice.skills(scopeId, alice);
      expect(cards.map((c) => c.family)).toContain(wrong.family);
      h.clock.advance(DAY);
      const next = await h.services.practice.next(scopeId, alice, 'C1');
      expect(next.due).toBe(true);
      expect(next.question.topic).toBe(given.question.topic);
      expect(next.question.mistakes.some((m) => m.family === next.family)).toBe(true);
    });

    it("a round's named mistake reviews that skill as Again, so /review brings it back", async () => {
      const h = await harness({ engine });
      const started = await h.quiz.start({ scopeId, channelId: 'C1', opener: { kind: 'admin', player: alice }, lang: 'en', topics: ['dense'], level: 'medium' });
      if (!started.ok) throw new Error('no round');
      const wrong = named(started.question);
      await h.quiz.answer({ scopeId, channelId: 'C1', player: bob, text: formatInt(wrong.value) });
      const cards = await h.services.practice.skills(scopeId, bob);
      expect(cards.map((c) => [c.topic, c.family])).toContainEqual(['dense', wrong.family]);
      const member = (await h.store.scopes.memberId(scopeId, bob.userId))!;
      expect((await h.store.practice.reviewLogs(member))[0]).toMatchObject({ rating: 1, source: 'round', correct: false });
    });
  });

  describe('/review misses and /export misses', () => {
    it("replays a round's missed question with new numbers until two right answers clear it, and exports the misses as a student's own CSV", async () => {
      const h = await harness({ engine });
      const started = await h.quiz.start({ scopeId, channelId: 'C1', opener: { kind: 'schedule' }, lang: 'en', level: 'medium', topics: ['conv'] });
      if (!started.ok) throw new Error('no round');
      const missed = started.question;
      await h.quiz.answer({ scopeId, channelId: 'C1', player: bob, text: named(missed).value.toString() });
      await h.quiz.close(started.round.id, 'admin');
      const asBob = context(h, bob);
      expect((await run(context(h, alice), 'review misses')).text).toMatch(/No missed questions/);

      const asked = new Set([missed.seed]);
      for (const progress of ['0 of 2', '1 of 2']) {
        h.clock.advance(60_000);
        const reply = await run(asBob, 'review misses');
        expect(reply.title).toMatch(/missed question again/);
        expect(reply.footer).toContain(`(${progress} so far)`);
        // the same skill (topic, level, template), numbers not asked before
        const member = (await h.store.scopes.memberId(scopeId, bob.userId))!;
        const pending = (await h.store.practice.pending(member))!;
        const replay = generate(pending.seed, pending.level, pending.topic);
        expect([replay.topic, replay.level, replay.template]).toEqual([missed.topic, missed.level, missed.template]);
        expect(asked.has(replay.seed)).toBe(false);
        asked.add(replay.seed);
        expect(await h.services.practice.answer({ scopeId, player: bob, text: replay.answer.toString() })).toMatchObject({ kind: 'recorded', correct: true });
      }
      expect((await run(asBob, 'review misses')).text).toMatch(/No missed questions/);

      // a student exports their own misses, not the class's files
      expect((await run(asBob, 'export')).text).toMatch(/for admins only/);
      const file = (await run(asBob, 'export misses')).files![0]!;
      const made = await file.make();
      const rows = parse(Buffer.from(made!.bytes), { bom: true, columns: true }) as Array<Record<string, string>>;
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ 'Answer given': named(missed).value.toString(), 'Right with new numbers (of 2)': 'cleared' });
      expect(rows[0]!['Worked solution']).toContain(missed.answer.toLocaleString('en-US'));
      expect((await run(context(h, alice), 'export misses')).text).toMatch(/no missed questions/);
    });
  });

  describe('the transformer topics', () => {
    it('a memory mistake in an llm round brings "LLMs · memory in bytes" back: /stats says so, /review asks it', async () => {
      const h = await harness({ engine });
      // an llm question whose wrong choices include a memory slip (bits for bytes, Adam's moments, the KV cache's 2) the diagnosis names for sure
      const memorySlip = (q: ReturnType<typeof generate>) => q.mistakes.find((m) => m.family === 'memory' && diagnose(q, m.value).kind === 'named');
      const seed = [...Array(200).keys()].find((s) => memorySlip(generate(s, 'easy', 'llm')))!;
      const started = await h.quiz.start({ scopeId, channelId: 'C1', opener: { kind: 'admin', player: alice }, lang: 'en', topics: ['llm'], level: 'easy', seed });
      if (!started.ok) throw new Error('no round');
      const wrong = memorySlip(started.question)!;
      await h.quiz.answer({ scopeId, channelId: 'C1', player: bob, text: formatInt(wrong.value) });
      await h.quiz.close(started.round.id, 'admin');
      expect((await h.services.practice.skills(scopeId, bob)).map((c) => [c.topic, c.family])).toContainEqual(['llm', 'memory']);
      expect((await run(context(h, bob), 'stats')).text).toContain('• LLMs · memory in bytes: comes back');
      h.clock.advance(DAY);
      expect((await run(context(h, bob), 'stats')).text).toContain('• LLMs · memory in bytes: due now (/review)');
      const next = await h.services.practice.next(scopeId, bob, 'C1');
      expect(next).toMatchObject({ due: true, family: 'memory' });
      expect(next.question.topic).toBe('llm');
      expect(next.question.mistakes.some((m) => m.family === 'memory')).toBe(true);
    });
  });

  describe('/quiz with no level', () => {
    it('follows the asker’s recent accuracy, else the channel’s; easy with too few answers', async () => {
      const h = await harness({ engine });
      const start = async (player = alice, channelId = 'C1') => {
        const s = await h.quiz.start({ scopeId, channelId, opener: { kind: 'student', player }, lang: 'en' });
        if (!s.ok) throw new Error('no round');
        await h.quiz.close(s.round.id, 'admin');
        return s;
      };
      expect((await start()).round.level).toBe('easy');
      const member = await h.store.scopes.ensureMember(scopeId, alice);
      for (let i = 0; i < 10; i++)
        await h.store.practice.record(
          { memberId: member, seed: 2000 + i, generator: 2, level: 'easy', topic: 'dense', value: 1n, correct: i < 9, mistakes: [], questionKey: 'dense|easy|t', now: i },
          NO_REVIEWS,
        );
      expect((await start()).round.level).toBe('hard');
      for (let i = 0; i < 10; i++)
        await h.store.practice.record(
          { memberId: member, seed: 3000 + i, generator: 2, level: 'easy', topic: 'dense', value: 1n, correct: i < 3, mistakes: [], questionKey: 'dense|easy|t', now: 100 + i },
          NO_REVIEWS,
        );
      expect((await start()).round.level).toBe('medium');
      // bob has no answers: the channel's decide (none yet in C2: easy)
      expect((await start(bob, 'C2')).round.level).toBe('easy');
    });
  });
});
