/** The store's summary tables (/quiz table), on both store engines: one answer per student and table, its points on the boards, its rows for the report, its lapses. */
import { describe, expect, it } from 'vitest';
import { ALL_TIME, weekBoard, type TableAnswerInput } from '../../src/domain/index.js';
import { ENGINES, openTestStore } from '../support/quiz.js';

const answer = (userId: string, wrongRow: number | null, points: number): TableAnswerInput => ({
  scopeId: 's',
  player: { userId, name: userId },
  exercise: 's.medium.vgg16-lecture',
  rows: [0, 1, 2].map((index) => ({
    index,
    layer: `layer_${index}`,
    verdict: index === wrongRow ? 'wrong' : index === 2 ? 'carried' : 'right',
    mistake: index === wrongRow ? 'forgotBias@layer_1' : null,
  })),
  points,
  whole: wrongRow === null,
  topic: 'model',
  lapses: wrongRow === null ? [] : ['bias'],
  now: 1_000,
  week: '2026-W48',
});

describe.each(ENGINES)('on %s', (engine) => {
  it('records a table once per student, scores it on every board, and counts its wrong rows (carried ones not)', async () => {
    const { store } = await openTestStore(engine);
    await store.scopes.ensure('s', { timezone: 'Asia/Taipei', language: 'en' });
    expect(await store.tables.record(answer('ana', 1, 12))).toEqual({ status: 'recorded', points: 12 });
    expect(await store.tables.record(answer('ana', null, 40))).toEqual({ status: 'duplicate', points: 12 });
    expect(await store.tables.record(answer('ben', null, 40))).toEqual({ status: 'recorded', points: 40 });
    expect(await store.tables.record(answer('cat', 1, 12))).toEqual({ status: 'recorded', points: 12 });
    for (const board of [ALL_TIME, weekBoard('2026-W48')]) {
      expect((await store.boards.page('s', board, { offset: 0, limit: 10 })).map((r) => [r.name, r.points, r.correct, r.answered])).toEqual([
        ['ben', 40, 1, 1],
        ['ana', 12, 0, 1],
        ['cat', 12, 0, 1],
      ]);
    }
    expect(await store.tables.missedRows('s', 10)).toEqual([{ exercise: 's.medium.vgg16-lecture', index: 1, layer: 'layer_1', wrong: 2, answered: 3 }]);
    const ana = (await store.scopes.memberId('s', 'ana'))!;
    expect((await store.practice.deck(ana)).lapses.map((l) => [l.topic, l.family])).toEqual([['model', 'bias']]);
    expect((await store.reports.classTopics('s', ALL_TIME)).map((t) => [t.topic, t.answered, t.correct])).toEqual([['model', 3, 1]]);
  });
});
