/**
 * /review misses and /export misses, on a student's answers as the store gives them (with each
 * question's key and recorded mistake): a wrong answer is a miss of its skill (topic, level,
 * template); it is replayed with new numbers until two right answers with numbers other than its
 * own clear it; a round of the skill counts; the same numbers again do not; a teacher's question
 * is no miss to replay.
 */
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { diagnose, diagnosisIds } from '../../src/quiz/diagnose.js';
import { generate, GENERATOR_VERSION } from '../../src/quiz/generator.js';
import { missesOf, nextReplay, openMisses, RIGHT_TO_CLEAR, type SkillAnswer } from '../../src/quiz/misses.js';
import type { Question } from '../../src/quiz/question.js';
import { missesCsv } from '../../src/report/misses.js';

let clock = 1_764_000_000_000;

/** An answer to `q`, right or with its first listed mistake, as the store keeps it. */
function answer(q: Question, o: { correct: boolean; source?: 'round' | 'practice'; custom?: string }): SkillAnswer {
  const value = o.correct ? q.answer : q.mistakes[0]!.value;
  clock += 60_000;
  return {
    source: o.source ?? 'practice',
    seed: q.seed,
    generator: GENERATOR_VERSION,
    level: q.level,
    topic: q.topic,
    value,
    correct: o.correct,
    answeredAt: clock,
    custom: o.custom ?? null,
    questionKey: o.custom ? `teacher|${q.level}|layer:1:params|abc` : q.key,
    mistakes: o.correct ? [] : diagnosisIds(diagnose(q, value)),
  };
}

const missed = generate(4242, 'easy', 'conv');

describe('misses', () => {
  it('a wrong answer is a miss of its skill; its replay asks the same template with new numbers', () => {
    const history = [answer(missed, { correct: false })];
    expect(openMisses(history)).toHaveLength(1);
    const next = nextReplay(history, 99)!;
    expect(next.miss.skill).toEqual({ topic: 'conv', level: 'easy', template: missed.template });
    expect(next.question.template).toBe(missed.template);
    expect(next.question.seed).not.toBe(missed.seed);
    expect(next.question.key).not.toBe(missed.key);
  });

  it(`is cleared by ${RIGHT_TO_CLEAR} right answers with new numbers: a round of the skill counts, the same numbers again do not`, () => {
    const history = [answer(missed, { correct: false })];
    const first = nextReplay(history, 1)!.question;
    history.push(answer(first, { correct: true }));
    expect(openMisses(history)[0]!.rightSince).toBe(1);
    // the missed question itself answered right: not new numbers
    history.push(answer(missed, { correct: true }));
    history.push(answer(first, { correct: true }));
    expect(openMisses(history)).toHaveLength(1);
    // the next replay asks none of the numbers answered since the miss
    const second = nextReplay(history, 1)!.question;
    expect([missed.seed, first.seed]).not.toContain(second.seed);
    history.push(answer(second, { correct: true, source: 'round' }));
    expect(openMisses(history)).toEqual([]);
    const [miss] = missesOf(history);
    expect(miss!.clearedAt).toBe(history[history.length - 1]!.answeredAt);
    expect(nextReplay(history, 1)).toBeUndefined();
  });

  it('missed again before it is cleared: one miss, its progress started over', () => {
    const history = [answer(missed, { correct: false })];
    const replay = nextReplay(history, 5)!.question;
    history.push(answer(replay, { correct: true }), answer(replay, { correct: false }));
    expect(openMisses(history)).toHaveLength(1);
    expect(openMisses(history)[0]!.rightSince).toBe(0);
  });

  it('oldest first, one per skill; a teacher question is no miss to replay', () => {
    const other = generate(77, 'medium', 'dense');
    const history = [answer(missed, { correct: false }), answer(other, { correct: false }), answer(other, { correct: false, custom: '{}' })];
    expect(openMisses(history).map((m) => m.skill.topic)).toEqual(['conv', 'dense']);
    expect(nextReplay(history, 3)!.miss.skill.topic).toBe('conv');
  });
});

describe('/export misses', () => {
  it('one row per miss, with the question, both answers, what the answer was told, the worked solution and the progress', () => {
    const history = [answer(missed, { correct: false })];
    history.push(answer(nextReplay(history, 1)!.question, { correct: true }));
    for (const lang of ['en', 'zh-TW'] as const) {
      const text = missesCsv({ lang, timezone: 'Asia/Taipei', misses: missesOf(history) });
      expect(text.startsWith('\uFEFF')).toBe(true);
      const rows = parse(text, { bom: true }) as string[][];
      expect(rows).toHaveLength(2);
      const [header, row] = rows as [string[], string[]];
      expect(row).toHaveLength(header.length);
      expect(row[4]).toBe(missed.mistakes[0]!.value.toString());
      expect(row[5]).toBe(missed.answer.toString());
      expect(row[6]!.length).toBeGreaterThan(10);
      expect(row[7]).toMatch(/=/);
      expect(row[8]).toBe(`1/${RIGHT_TO_CLEAR}`);
    }
  });
});
