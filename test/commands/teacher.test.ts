/**
 * A teacher's own questions, as an admin types them: /quiz model: (a spec or pasted code) asking
 * one layer, the total, the trainable part or the largest layer, checked and diagnosed like a
 * generated question; question sets with /questions add|list|remove|import (a CSV or YAML file,
 * read the way the terminal reads a command's file) and /quiz set:.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Context } from '../../commands/types.js';
import { readLocal } from '../../src/platforms/upload.js';
import { context, run } from '../support/context.js';
import { alice, bob, harness, tempDir, type Harness } from '../support/quiz.js';

const SCOPE = 'discord:G1';
const admin = (h: Harness): Context => ({ ...context(h, alice, { isAdmin: true }), upload: readLocal });

/** Opens a teacher's question, has bob answer `value`, and returns what was recorded and the round's tallies. */
async function askAndAnswer(h: Harness, line: string, value: string) {
  const posted = await run(admin(h), line);
  expect(posted.tone, posted.text).not.toBe('error');
  const outcome = await h.quiz.answer({ scopeId: SCOPE, channelId: 'C1', player: bob, text: value });
  if (outcome.kind !== 'recorded') throw new Error(`not recorded: ${outcome.kind}`);
  await h.quiz.close(outcome.round.id, 'admin');
  const [stats] = await h.store.reports.roundStats(SCOPE, { from: 0, to: Number.MAX_SAFE_INTEGER }, 0, 1);
  return { posted, outcome, stats: stats! };
}

describe('/quiz model:', () => {
  it('asks one layer of a spec and checks the answer with the engine', async () => {
    const h = await harness();
    // conv 3→64, 3×3: (3·3·3 + 1)·64 = 1,792 (the lecture's VGG16 summary, DESIGN.md).
    const { posted, outcome } = await askAndAnswer(h, 'quiz ask:params:1 model:input 224x224x3 > conv 3 64 3 pad=same > conv 64 64 3 pad=same', '1792');
    expect(posted.text).toContain('conv');
    expect(outcome.correct).toBe(true);
    expect(outcome.question.answer).toBe(1792n);
  });

  it("names BatchNorm's moving statistics counted as trainable, in the round's tallies the report reads", async () => {
    const h = await harness();
    // Keras: conv 3→16 3×3 has (27 + 1)·16 = 448; BatchNormalization(16) has γ, β trainable (32) and the
    // moving mean and variance (32) non-trainable (keras.io/api/layers/normalization_layers/batch_normalization).
    const { outcome, stats } = await askAndAnswer(h, 'quiz ask:trainable model:input 32x32x3 > conv 3 16 3 > bn 16 --framework keras', '512');
    expect(outcome.question.answer).toBe(480n);
    expect(outcome.correct).toBe(false);
    expect(outcome.question.mistakes.some((m) => m.value === 512n)).toBe(true);
    expect(stats).toMatchObject({ answered: 1, correct: 0 });
    expect(stats.mistakes.length).toBeGreaterThan(0);
  });

  it('asks about pasted PyTorch code: the largest layer', async () => {
    const h = await harness();
    const code = ['model = nn.Sequential(', '    nn.Linear(784, 256),', '    nn.ReLU(),', '    nn.Linear(256, 10),', ')'].join('\n');
    // Linear(784, 256): 784·256 + 256 = 200,960, the largest; Linear(256, 10): 2,570 (torch.nn.Linear docs: weight out×in, bias out).
    const { outcome } = await askAndAnswer(h, `quiz ask:largest model:${code}`, '1');
    expect(outcome.correct).toBe(true);
  });

  it('refuses a student, an ask it cannot read, and a layer the model does not have, each in one line', async () => {
    const h = await harness();
    const student = await run(context(h, bob), 'quiz model:conv 3 64 3');
    expect(student.tone).toBe('error');
    const bad = await run(admin(h), 'quiz ask:weights model:conv 3 64 3');
    expect(bad.text).toContain('`weights` is not something to ask');
    const missing = await run(admin(h), 'quiz ask:params:9 model:conv 3 64 3');
    expect(missing.tone).toBe('error');
    expect(missing.text!.split('\n')).toHaveLength(1);
  });
});

describe('/questions', () => {
  it('adds, lists and removes a question; /quiz set: asks from the set', async () => {
    const h = await harness();
    const added = await run(admin(h), 'questions action:add set:week3 ask:total model:dense 512 10');
    // Dense(512 → 10): 512·10 + 10 = 5,130.
    expect(added.text).toContain('5,130');
    const listed = await run(admin(h), 'questions action:list');
    expect(listed.text).toMatch(/#\d+ `week3` · total · medium: `dense 512 10`/);
    const { outcome } = await askAndAnswer(h, 'quiz set:week3', '5130');
    expect(outcome.correct).toBe(true);
    const id = /#(\d+)/.exec(listed.text!)![1]!;
    expect((await run(admin(h), `questions action:remove id:${id}`)).tone).toBe('success');
    expect((await run(admin(h), 'quiz set:week3')).tone).toBe('error');
  });

  it('imports a CSV (a BOM, a quoted wording with a comma) and a YAML file, every row built by the engine', async () => {
    const h = await harness();
    const dir = tempDir();
    const csv = join(dir, 'week4.csv');
    writeFileSync(csv, '\ufeffspec,ask,level,wording\n"conv 3 64 3",total,easy,"How many parameters, biases included?"\ndense 100 10,total,hard,\n');
    const imported = await run(admin(h), `questions action:import set:week4 file:${csv}`);
    expect(imported.text).toContain('2 questions imported into `week4`');
    const stored = await h.store.questions.list(SCOPE, 'week4');
    expect(stored.map((q) => [q.spec, q.level, q.wording])).toEqual([
      ['conv 3 64 3', 'easy', 'How many parameters, biases included?'],
      ['dense 100 10', 'hard', null],
    ]);
    const yaml = join(dir, 'week5.yaml');
    writeFileSync(yaml, 'questions:\n  - model: vgg16-lecture\n    ask: params:1\n');
    expect((await run(admin(h), `questions action:import set:week5 file:${yaml}`)).text).toContain('1 questions imported');
  });

  it('imports nothing when one row does not count, and names the row', async () => {
    const h = await harness();
    const csv = join(tempDir(), 'bad.csv');
    writeFileSync(csv, 'spec,ask\nconv 3 64 3,total\nconv 3 x 3,total\n');
    const refused = await run(admin(h), `questions action:import set:week6 file:${csv}`);
    expect(refused.tone).toBe('error');
    expect(refused.text).toContain('Row 3:');
    expect(await h.store.questions.list(SCOPE, 'week6')).toEqual([]);
    const binary = join(tempDir(), 'set.csv');
    writeFileSync(binary, Buffer.from([0xff, 0xfe, 0x00, 0x41]));
    expect((await run(admin(h), `questions action:import set:week6 file:${binary}`)).text).toContain('set.csv is not a text file');
  });
});
