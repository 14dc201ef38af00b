/** The `paramquiz` command as a user runs it: the built bin, real processes, exit codes. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { paramquiz } from './support/bin.js';

describe('paramquiz count', () => {
  it('answers conv 3 64 3 with the worked formula', () => {
    const r = paramquiz(['count', 'conv', '3', '64', '3']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Conv2D (conv 3 64 3): 1,792 parameters');
    expect(r.stdout).toContain('(3×3×3 + 1)×64');
    expect(r.stdout).toContain('weights 1,728 + biases 64');
    expect(r.stderr).toBe('');
  });

  it('prints the DESIGN.md JSON with --json', () => {
    const r = paramquiz(['count', 'input 32x32x3 > conv 16 3 > bn > flatten > dense 10', '--json']);
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ framework: 'keras', total: 448 + 64 + 14401 * 10, trainable: 448 + 32 + 144010, nonTrainable: 32 });
    expect(Object.keys(doc)).toEqual(['framework', 'total', 'trainable', 'nonTrainable', 'macs', 'layers']);
    expect(doc.layers[0]).toEqual({
      name: 'conv2d_1',
      type: 'Conv2D',
      kind: 'conv',
      params: 448,
      trainable: 448,
      nonTrainable: 0,
      outputShape: [30, 30, 16],
      macs: 30 * 30 * 27 * 16,
      formula: '(3×3×3 + 1)×16 = 448',
    });
    expect(doc.layers.map((l: { kind: string }) => l.kind)).toEqual(['conv', 'bn', 'flatten', 'dense']);
  });

  it('writes integers past 2^53 with every digit', () => {
    const r = paramquiz(['count', 'dense 2000000000 2000000000 --json']);
    expect(r.stdout).toContain('"total":4000000002000000000');
  });

  it('speaks Traditional Chinese with --lang zh-TW or the locale', () => {
    expect(paramquiz(['count', 'conv 3 64 3', '--lang', 'zh-TW']).stdout).toContain('Conv2D（conv 3 64 3）：1,792 個參數');
    expect(paramquiz(['count', 'bn 64'], { env: { LANG: 'zh_TW.UTF-8' } }).stdout).toContain('可訓練 128，不可訓練 128');
  });

  it('follows --framework pytorch and says which convention it used', () => {
    const r = paramquiz(['count', 'bn', '64', '--framework', 'pytorch']);
    expect(r.stdout).toContain('BatchNorm1d (bn 64): 128 parameters');
    expect(r.stdout).toContain('PyTorch convention');
  });

  it('reads pasted code, also from standard input', () => {
    const r = paramquiz(['count'], { input: 'model = nn.Sequential(\n  nn.Conv2d(3, 64, kernel_size=3, bias=False),\n  nn.BatchNorm2d(64),\n)\n' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Total params: 1,856');
    expect(r.stdout).toContain('PyTorch conventions');
  });

  it.each([
    // pytorch.org/tutorials/beginner/blitz/neural_networks_tutorial.html; PyTorch 1.13 counts 61,706
    ['tutorial_net.py', '', 'Net, read from the pasted code (PyTorch conventions)', 'Total params: 61,706'],
    // github.com/pytorch/examples mnist/main.py; PyTorch 1.13 counts 1,199,882
    ['mnist_net.py', '', 'Net, read from the pasted code (PyTorch conventions)', 'Total params: 1,199,882'],
    // keras.io/examples/vision/mnist_convnet: "Total params: 34,826"
    ['keras_mnist_convnet.py', '', 'Sequential, read from the pasted code (Keras conventions)', 'Total params: 34,826'],
  ])('counts a pasted %s from standard input', (file, settings, header, totalLine) => {
    const code = readFileSync(new URL(`./engine/code/pastes/${file}`, import.meta.url), 'utf8');
    const r = paramquiz(['count', ...(settings ? [settings] : [])], { input: code });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(header);
    expect(r.stdout).toContain(totalLine);
  });

  it('settings and flags before the code: in= follows forward, --json names the rows', () => {
    const code = readFileSync(new URL('./engine/code/pastes/tutorial_net.py', import.meta.url), 'utf8');
    const r = paramquiz(['count', 'in=1x32x32', '--json'], { input: code });
    const doc = JSON.parse(r.stdout);
    expect(doc.total).toBe(61_706);
    expect(doc.layers.map((l: { name: string }) => l.name)).toEqual(['conv1', 'conv2', 'fc1', 'fc2', 'fc3']);
    // DESIGN.md: outputShape leaves out the batch axis, in the framework's order (C×H×W for PyTorch)
    expect(doc.layers[0]).toMatchObject({ name: 'conv1', type: 'Conv2d', kind: 'conv', params: 156, outputShape: [6, 28, 28], macs: 117_600 });
  });

  it('a bad paste names its line: one line on stderr, exit code 2', () => {
    const r = paramquiz(['count'], {
      input: 'import torch.nn as nn\nclass Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(n_flat, 10)\nnet = Net()\n',
    });
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe(
      'Line 5 (`self.fc = nn.Linear(n_flat, 10)`): `n_flat` is not defined in the paste: give it before the code, e.g. `/count n_flat=10 <code>`. (see `paramquiz count --help`)',
    );
  });

  it('documents every kind and option in --help', () => {
    const r = paramquiz(['count', '--help']);
    expect(r.status).toBe(0);
    for (const usage of [
      'conv CIN COUT K',
      'dwconv C K',
      'sepconv CIN COUT K',
      'deconv CIN COUT K',
      'dense IN OUT',
      'bn C',
      'ln C',
      'gn G C',
      'embedding V D',
      'rnn IN H',
      'lstm IN H',
      'gru IN H',
      'mha HEADS DMODEL',
      'prelu',
      'maxpool K',
      'avgpool K',
      'gap',
      'flatten',
      'dropout P',
    ]) {
      expect(r.stdout).toContain(usage);
    }
    for (const option of ['bias=false', 'stride=', 'pad=', 'dilation=', 'groups=', 'mult=', 'in=', 'trainable=false', '--framework', '--json']) {
      expect(r.stdout).toContain(option);
    }
    expect(r.stdout).toContain('conv 3 64 3');
  });
});

describe('presets, the language and fine-tuning from the built bin (data files found from dist/)', () => {
  it('counts a Hugging Face preset with its source and per-block table', () => {
    const r = paramquiz(['count', 'llama-2-7b']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Total params: 6,738,415,616');
    expect(r.stdout).toContain('meta-llama/Llama-2-7b-hf');
    expect(r.stdout).toMatch(/layers ×32/);
  });
  it("prints PEFT's line for LoRA and the memory figures", () => {
    const r = paramquiz(['count', 'llama-2-7b > lora r=8 targets=q,v', '--memory']);
    expect(r.stdout).toContain('trainable params: 4,194,304 || all params: 6,742,609,920 || trainable%: 0.0622');
    expect(r.stdout).toContain('KV cache at fp16');
  });
  it("shows a preset's data file", () => {
    const r = paramquiz(['count', 'explain-preset', 'gpt2']);
    expect(r.stdout).toContain('h: { gpt2_block 768 12 } x12');
    expect(r.stdout).toContain('if tied { lm_head: lmhead 50257 tie=wte }');
  });
  it('reads a def and groups from standard input', () => {
    const r = paramquiz(['count', '--framework', 'pytorch'], {
      input: 'def basic(c) {\n  residual { conv c 3 pad=1 bias=false > bn > relu > conv c 3 pad=1 bias=false > bn }\n  relu\n}\ninput 56x56x64 > { basic 64 } x2\n',
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Total params: 147,968');
  });
  it('documents the grammar in --help, with examples', () => {
    const r = paramquiz(['count', '--help']);
    for (const text of [
      'residual { main | shortcut }',
      'concat { | a | b }',
      '@name',
      'tie=name',
      'def block(c, s=1)',
      '{ ... } x12',
      'lora r=8',
      '--memory',
      'encoder_layer(d_model, nhead',
      'llama-2-7b',
    ]) {
      expect(r.stdout).toContain(text);
    }
  });
});

describe('bad input: one line on stderr, exit code 2, no stack trace', () => {
  it.each([
    [['count', 'conv2', '3', '64', '3'], /^`conv2` is not a layer kind: did you mean `conv`\?/],
    [['count', 'conv', '3', '64'], /^`conv` on its own takes every number of `conv CIN COUT K`; with 2, K \(the last\) is missing/],
    [['count', 'dense', '10', '5', '5'], /^`dense` takes 1–2 argument\(s\), got 3/],
    [['count', 'conv', '3', '0', '3'], /^`0` is not a valid COUT/],
    [['count', 'conv', '3', '-64', '3'], /^`-64` is not a valid COUT/],
    [['count', 'conv', '3', '6.4', '3'], /^`6\.4` is not a valid COUT: sizes are whole numbers/],
    [['count', 'conv 3 64 9 in=4x4'], /^`conv`: the kernel \(9\) is larger than the input/],
    [['count', 'conv 3 64 3 groups=2'], /channels not divisible by groups/],
    [['count', 'input 784 > conv 8 3'], /the shapes do not chain/],
    [['count', 'input 8x8x3 > { conv 8 3'], /^A `\{` is never closed/],
    [['count', 'gpt2 > lora targets=nothing'], /^No matrix matches targets=nothing/],
    [['count'], /^Nothing to count/],
    [['frobnicate'], /^paramquiz: unknown command `frobnicate`/],
  ])('%j', (args, message) => {
    const r = paramquiz(args);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses a 10 MB spec on standard input', () => {
    const r = paramquiz(['count'], { input: Buffer.alloc(10 * 1024 * 1024, 'conv 3 64 3 > ') });
    expect(r.status).toBe(2);
    // one line: the error, then where the help is
    expect(r.stderr.trim()).toBe('The spec is too long: the limit is 20,000 characters. (see `paramquiz count --help`)');
  });

  it('answers errors in the asked language', () => {
    const r = paramquiz(['count', 'conv', '3', '0', '3', '--lang', 'zh-TW']);
    expect(r.stderr.trim()).toBe('`0` 不是有效的 COUT：至少要是 1。（見 `paramquiz count --help`）');
  });
});

describe('a wall-clock bound', () => {
  it('stops a count past its deadline in its own process, in one line, exit 2', () => {
    // Any count takes more than a millisecond in a fresh process: the deadline, not the spec, decides.
    const r = paramquiz(['count', 'resnet50'], { env: { ...process.env, PARAMQUIZ_DEADLINE_MS: '1' } });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim()).toBe('That spec takes more than 1 ms to count, so it was stopped (nobody else was slowed down): try a smaller model. (see `paramquiz count --help`)');
  });
});
