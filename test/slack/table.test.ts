/**
 * The table exercise on Slack, end to end through the real Bolt app (signed HTTP requests): one
 * form with an input block per row and the three totals, graded row by row with a mistake carried
 * down the table told apart; /answer with one line of counts; /check of a pasted table.
 */
import { describe, expect, it } from 'vitest';
import { count, evaluatedNodes } from '../../src/engine/count.js';
import { evaluateModel } from '../../src/engine/model.js';
import { exerciseOf as exercise } from '../support/table-student.js';
import { USERS, button, startBot, textOf } from './harness.js';

const { alice, bob, teacher } = USERS;

describe('/quiz table on Slack', () => {
  it('opens one form with a field per row, and tells a carried mistake from a fresh one', async () => {
    const bot = await startBot();
    const spec = 'input 28x28x1 > conv 8 3 > maxpool 2 > flatten > dense 10';
    await bot.command(teacher, `/quiz table hard model: ${spec}`);
    const posted = (await bot.fake.nextCall('chat.postMessage')).args;
    expect(textOf(posted)).toContain('Fill in the summary table (hard)');
    expect(textOf(posted)).toContain('3x3 conv, 8');
    const ex = exercise({ kind: 'spec', level: 'hard', spec });

    const click = await bot.click(alice, button(posted, 'Fill in the table'));
    const form = (await bot.fake.nextCall('views.open')).args.view as Record<string, unknown>;
    const inputs = (form.blocks as Array<{ type: string; label: { text: string } }>).filter((b) => b.type === 'input');
    expect(inputs.map((b) => b.label.text)).toEqual([...ex.rows.map((r) => `${r.index + 1}. ${r.name} (${r.typeName})`), 'Total params', 'Trainable params', 'Non-trainable params']);

    // The pooling's output written 14x14x8 (not 13x13x8): the Flatten and the Dense worked out from it.
    const nodes = evaluatedNodes(count(spec))!;
    const own = evaluateModel(nodes.nodes, nodes.input, 'keras', { at: 1, output: [14, 14, 8] });
    const cells = ex.rows.map((r, i) => {
      const row = i < 2 ? r : { shape: own.rows[i]!.record.outputShape, counts: own.rows[i]!.counts };
      return `${(i === 1 ? [14, 14, 8] : row.shape).join('x')} ${row.counts.total}`;
    });
    expect(await bot.submit(alice, form, [...cells, '', '', ''])).toEqual({});
    const graded = textOf(await bot.privateReply(click.responseUrl));
    expect(graded).toContain('1. conv2d_1: ✓ Param #: right; ✓ output shape: right');
    expect(graded).toMatch(/2\. max_pooling2d_1: ✓ Param #: right; ✗ output shape: 14x14x8/);
    expect(graded).toContain("3. flatten_1: ✓ Param #: right; ↪ output shape: right formula, carried from row 2's shape");
    expect(graded).toContain("4. dense_1: ↪ Param #: right formula, carried from row 2's shape; ✓ output shape: right");
    expect(graded).toContain('· Total params: left blank');
  });

  it('grades one line of counts sent with /answer, and /check a pasted column of numbers', async () => {
    const bot = await startBot();
    await bot.command(teacher, '/quiz table medium seed:5');
    await bot.fake.nextCall('chat.postMessage');
    const ex = exercise({ kind: 'generated', level: 'medium', seed: 5 });
    const line = [...ex.rows.map((r) => r.counts.total.toLocaleString('en-US')), ex.totals.total, ex.totals.trainable, ex.totals.nonTrainable].join(', ');
    expect(textOf(await bot.privately(bob, `/answer ${line}`))).toContain('The whole table is right: +10 bonus.');

    const checked = textOf(await bot.privately(alice, `/check model:vgg16-lecture table: ${['1792', '36928', 'θ'].join(' ')}`));
    expect(checked).toContain('Your table has 3 numbers without layer names, and the model has 24 rows');
    const pasted = ['conv2d_1 (Conv2D)	(None,	224, 224,	64)	1792', 'conv2d_2 (Conv2D)	(None,	224, 224,	64)	36928', 'max_pooling2d_1 (MaxPooling2	(None,	112, 112,	64)	Θ'].join('\n');
    const lecture = textOf(await bot.privately(alice, `/check model:vgg16-lecture table:\n${pasted}`));
    expect(lecture).toContain('3. max_pooling2d_1: ✓ Param #: right');
    expect(lecture).toContain('Your table has no number for: conv2d_3');
    expect(lecture).toContain('134,268,738');
  });
});
