/**
 * The table exercise on Discord, end to end through the real discord.js client: /quiz table posts
 * the lecture's VGG16 with the Param # column blank; a student fills it in modals of five fields,
 * page after page (the earlier pages kept until the last), and is graded row by row; /answer with
 * one line of counts answers a generated table; /check grades a pasted table.
 */
import { describe, expect, it } from 'vitest';
import { exerciseOf } from '../support/table-student.js';
import { buttons, CALLBACK, isEphemeral, shown } from '../support/fake-discord.js';
import { startBot, visible } from './harness.js';

describe('/quiz table on Discord', () => {
  it("posts the lecture's table, takes it in modals of five rows, and grades each row, naming the one mistake", async () => {
    const bot = await startBot();
    const { discord } = bot;
    const teacher = discord.user('teacher', { admin: true });
    const alice = discord.user('alice');
    const posted = visible(await discord.slash(teacher, 'quiz', { kind: 'table', model: 'vgg16-lecture' }));
    expect(isEphemeral(posted)).toBe(false);
    const text = shown(posted);
    for (const drawn of ['3x3 conv, 64, same', 'pool/2', 'dense 4096', 'conv2d_1 (Conv2D)', '(None, 224, 224, 64)', 'Trainable params: ____']) expect(text).toContain(drawn);

    const ex = exerciseOf({ kind: 'spec', level: 'medium', spec: 'vgg16-lecture' });
    // Row 2 counted without its 64 biases: 36,864.
    const cells = [...ex.rows.map((r) => (r.index === 1 ? '36864' : r.counts.total.toString())), '134268738', '134268738', '0'];
    let button = buttons(posted).find((b) => b.label === 'Fill in the table')!;
    let message = posted;
    let reply;
    for (let page = 0; page * 5 < cells.length; page++) {
      const click = await discord.click(alice, message, button.customId);
      expect(click.callback?.type).toBe(CALLBACK.modal);
      const fields = cells.slice(page * 5, page * 5 + 5);
      expect(click.modal).toMatchObject({ title: `Rows ${page * 5 + 1}–${page * 5 + fields.length} of ${cells.length}` });
      reply = visible(await discord.submitModalFields(alice, click.modal!, fields));
      expect(isEphemeral(reply)).toBe(true);
      if ((page + 1) * 5 < cells.length) {
        expect(shown(reply)).toContain(`Rows ${page * 5 + 1}–${page * 5 + 5} kept`);
        message = reply;
        button = buttons(reply).find((b) => b.label.startsWith('Rows '))!;
      }
    }
    const graded = shown(reply!);
    expect(graded).toContain('1. conv2d_1: ✓ Param #: right');
    expect(graded).toMatch(/2\. conv2d_2: ✗ Param #: 36,864: .*64 biases/);
    expect(graded).toContain('24. dense_3: ✓ Param #: right');
    expect(graded).toContain('✓ Non-trainable params: right');
    expect(graded).toContain('26 of 27 cells right: 78 points.');

    const reveal = visible(await discord.click(alice, reply!, buttons(reply!).find((b) => b.label === 'Show the filled table')!.customId));
    expect(shown(reveal)).toContain('dense_1 (Dense)');
    expect(shown(reveal)).toContain('102,764,544');
    expect(shown(reveal)).toContain('(3×3×3 + 1)×64 = 1,792');

    const board = shown(visible(await discord.slash(alice, 'leaderboard')));
    expect(board).toContain('78 pts');
  });

  it('takes one line of counts with /answer for the table posted in the channel, and refuses a line one short', async () => {
    const { discord } = await startBot();
    const teacher = discord.user('teacher', { admin: true });
    const bob = discord.user('bob');
    const posted = visible(await discord.slash(teacher, 'quiz', { kind: 'table', level: 'easy', seed: 11 }));
    expect(shown(posted)).toContain('Fill in the summary table (easy)');
    const ex = exerciseOf({ kind: 'generated', level: 'easy', seed: 11 });
    const short = visible(
      await discord.slash(bob, 'answer', {
        value: ex.rows
          .slice(1)
          .map((r) => r.counts.total)
          .join(', '),
      }),
    );
    expect(shown(short)).toContain(`the table has ${ex.rows.length} rows`);
    const line = [...ex.rows.map((r) => r.counts.total), ex.totals.total, ex.totals.trainable, ex.totals.nonTrainable].join(', ');
    const graded = shown(visible(await discord.slash(bob, 'answer', { value: line })));
    expect(graded).toContain(`${ex.rows.length + 3} of ${ex.rows.length + 3} cells right`);
    expect(graded).toContain('The whole table is right: +10 bonus.');
  });

  it("carries a teacher's long spec in its button by a digest (Discord's ids hold 100 characters)", async () => {
    const { discord } = await startBot();
    const spec = 'input 32x32x3 > conv 16 3 pad=same > bn > maxpool 2 > conv 32 3 pad=same > bn > maxpool 2 > flatten > dense 64 > dropout 0.5 > dense 10';
    const posted = visible(await discord.slash(discord.user('teacher', { admin: true }), 'quiz', { kind: 'table', level: 'hard', model: spec }));
    const fill = buttons(posted).find((b) => b.label === 'Fill in the table')!;
    expect(fill.customId.length).toBeLessThanOrEqual(100);
    const click = await discord.click(discord.user('dana'), posted, fill.customId);
    expect(click.modal).toMatchObject({ title: 'Rows 1–5 of 13' });
  });

  it('/check grades a pasted table with θ for 0', async () => {
    const { discord } = await startBot();
    const pasted = ['conv2d_1 (Conv2D) (None, 26, 26, 8) 80', 'max_pooling2d_1 (MaxPooling2 (None, 13, 13, 8) θ', 'flatten_1 (Flatten) (None, 1352) θ', 'dense_1 (Dense) (None, 10) 13520'].join('\n');
    const reply = visible(await discord.slash(discord.user('carol'), 'check', { model: 'input 28x28x1 > conv 8 3 > maxpool 2 > flatten > dense 10', table: pasted }));
    expect(isEphemeral(reply)).toBe(true);
    const text = shown(reply);
    expect(text).toContain('1. conv2d_1: ✓ Param #: right');
    expect(text).toMatch(/4\. dense_1: ✗ Param #: 13,520: .*10 biases/);
    expect(text).toContain('13,530');
  });
});
