/**
 * The three models students paste most, as their tutorials print them, counted on every way in:
 * the CLI (code on standard input), the shell (a piped paste after /count), Discord (the spec
 * option, an attached .py file, the form /count alone opens) and Slack (the form).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { shown } from '../support/fake-discord.js';
import { paramquiz } from '../support/bin.js';
import { runShell, shellEnv } from '../support/app.js';
import { startBot as startDiscord, visible } from '../discord/harness.js';
import { startBot as startSlack, textOf, USERS } from '../slack/harness.js';

const PASTES = join(import.meta.dirname, '../engine/code/pastes');

const EXAMPLES = [
  // pytorch.org/tutorials/beginner/blitz/neural_networks_tutorial.html, `Net`; PyTorch 1.13: 61,706
  { file: 'tutorial_net.py', total: '61,706' },
  // github.com/pytorch/examples/blob/main/mnist/main.py (the whole script); PyTorch 1.13: 1,199,882
  { file: 'mnist_net.py', total: '1,199,882' },
  // keras.io/examples/vision/mnist_convnet/ (the whole example; its model.summary(): 34,826)
  { file: 'keras_mnist_convnet.py', total: '34,826' },
].map((e) => ({ ...e, code: readFileSync(join(PASTES, e.file), 'utf8') }));

const inTotal = (total: string) => new RegExp(`${total} parameters in total`);

describe.each(EXAMPLES)('$file', ({ file, code, total }) => {
  it(`the CLI counts ${total} from standard input`, () => {
    const r = paramquiz(['count'], { input: code });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`Total params: ${total}`);
  });

  it(`the shell counts ${total} pasted after /count`, () => {
    const r = runShell(['/count', ...code.split('\n'), '/help'], shellEnv());
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(inTotal(total));
    expect(r.stdout).not.toContain('Commands start with /');
  });

  it(`Discord counts ${total} from the option, the attached file and the form`, async () => {
    const bot = await startDiscord();
    const alice = bot.discord.user('alice');
    const option = await bot.discord.slash(alice, 'count', { spec: code });
    expect(shown(visible(option))).toMatch(inTotal(total));
    const attached = await bot.discord.slash(alice, 'count', { file: { file: { name: file, content: code } } });
    expect(shown(visible(attached))).toMatch(inTotal(total));
    const asked = await bot.discord.slash(alice, 'count', {});
    const submitted = await bot.discord.submitModal(alice, asked.modal!, code);
    expect(shown(visible(submitted))).toMatch(inTotal(total));
  });

  it(`Slack counts ${total} from the form`, async () => {
    const bot = await startSlack();
    const { responseUrl } = await bot.command(USERS.alice, '/count');
    const form = (await bot.fake.nextCall('views.open')).args.view as Record<string, unknown>;
    expect(await bot.submit(USERS.alice, form, code)).toEqual({});
    expect(textOf(await bot.privateReply(responseUrl))).toMatch(inTotal(total));
  });
});

describe('a class pasted into a command box that joined its lines', () => {
  it('is refused in one line that says how to send the code whole', async () => {
    const bot = await startDiscord();
    const flattened = EXAMPLES[0]!.code.replace(/\n/g, ' ');
    const reply = shown(visible(await bot.discord.slash(bot.discord.user('erin'), 'count', { spec: flattened })));
    expect(reply).toMatch(/^Line 1 \(.*\): could not read the code .* The code arrived on one line: .*\/count file:/);
  });
});
