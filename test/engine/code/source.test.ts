/** What students paste around their code: Markdown fences, sentences, REPL prompts, settings. */
import { describe, expect, it } from 'vitest';
import { count } from '../../../src/engine/count.js';
import { extractSource } from '../../../src/engine/code/source.js';
import { BARE_FLAGS, NUMBER_FLAGS, WORD_FLAGS } from '../../../src/engine/flags.js';
import { paste, read, refusal, total } from './helpers.js';

const net = paste('tutorial_net.py');

describe('Markdown fences and prose', () => {
  it('reads only the ```python block of a chat message, numbering lines from its first line', () => {
    const message = `Hi! Here's my homework model, why does PyTorch say 61706?\n\n\`\`\`python\n${net}\`\`\`\n\nThanks in advance :)`;
    expect(total(read(message))).toBe(61_706n);
    const broken = message.replace('nn.Linear(84, 10)', 'nn.Linear(84, 10');
    expect(refusal(broken)).toMatch(/^Line 17 \(`self.fc3 = nn.Linear\(84, 10`\): the code ends inside the `\(`/);
  });

  it('skips fences that are not Python (a pasted output or shell command)', () => {
    const message = `\`\`\`text\nTotal params: 5\n\`\`\`\n\`\`\`py\nimport torch.nn as nn\nm = nn.Linear(3, 2)\n\`\`\``;
    expect(total(read(message))).toBe(8n);
  });

  it('strips sentences before, between and after unfenced code (English and Chinese)', () => {
    const message = `這是我的模型，請幫我算參數：\n${net}\nIs the count right?\n謝謝`;
    expect(total(read(message))).toBe(61_706n);
    const source = extractSource('My model below.\nimport torch.nn as nn\nm = nn.Linear(3, 2)\nIt fails!');
    expect(source.lines).toEqual(['import torch.nn as nn', 'm = nn.Linear(3, 2)', '']);
  });

  it('sentences only before the code: those lines blanked and the rest read once, whole, as the prose filter reads it', () => {
    const message = 'Here is my homework, why does it not count?\n這是我的模型，用 num_classes=10 算：\n\nimport torch.nn as nn\nm = nn.Linear(3, num_classes)\n';
    const source = extractSource(message);
    expect(source.module?.body).toHaveLength(2); // parsed while the source was taken apart: not lexed twice
    expect(source.lines).toEqual(['import torch.nn as nn', 'm = nn.Linear(3, num_classes)', '']);
    expect(source.outside).toBe('Here is my homework, why does it not count?\n這是我的模型，用 num_classes=10 算：');
    expect(source.bindings).toEqual([{ name: 'num_classes', text: '10' }]);
    expect(total(read(message))).toBe(40n); // (3 + 1)·10
    // prose after the code as well: the filter reads it all, as before
    const after = extractSource(`${message}Thanks!\n`);
    expect(after.module).toBeUndefined();
    expect(after.lines).toEqual(['import torch.nn as nn', 'm = nn.Linear(3, num_classes)', '', '']);
  });

  it('keeps docstrings and comments, which may hold prose of their own', () => {
    const code = '"""My model.\nIt has two layers, and here is why.\n"""\nimport torch.nn as nn\n# a comment: with words\nm = nn.Sequential(nn.Linear(3, 2), nn.Linear(2, 1))\n';
    expect(total(read(code))).toBe(11n);
  });

  it('takes out REPL prompts', () => {
    expect(total(read('>>> import torch.nn as nn\n>>> m = nn.Sequential(\n...     nn.Linear(3, 2),\n... )\n'))).toBe(8n);
  });
});

describe('settings before the code', () => {
  it('key=value settings become Python names, as if assigned first; in= is the input size', () => {
    const source = extractSource('num_classes=47 in=1x28x28 --json\nclass Net: pass');
    expect(source.bindings).toEqual([
      { name: 'num_classes', text: '47' },
      { name: 'in', text: '1x28x28' },
    ]);
    expect(source.outside).toBe('num_classes=47 in=1x28x28 --json');
    expect(source.lines[0]).toBe('class Net: pass');
  });

  it("settings on the code's own first line: the code after them starts the line", () => {
    const source = extractSource('num_classes=10 import torch.nn as nn\nnet = nn.Linear(2, num_classes)');
    expect(source.lines[0]).toBe('import torch.nn as nn');
    expect(total(read('import torch.nn as nn\nnet = nn.Linear(2, num_classes)', 'num_classes=10'))).toBe(30n);
    expect(count('num_classes=10 import torch.nn as nn\nnet = nn.Linear(2, num_classes)').report.counts.total).toBe(30n);
  });

  it('a lone word between lines of code is prose, though Python would read it as a name', () => {
    const code = 'import torch.nn as nn\nnet = nn.Linear(2, 3)\nThanks\n';
    const source = extractSource(code);
    expect(source.lines[2]).toBe(''); // stripped, as the prose filter would
    expect(source.outside).toBe('Thanks');
    expect(source.module?.body).toHaveLength(2); // and the rest read once, whole
    expect(extractSource('Model\nimport torch.nn as nn\nnet = nn.Linear(2, 3)\n').lines[0]).toBe('import torch.nn as nn');
    expect(count(code).report.counts.total).toBe(9n);
    expect(extractSource('import torch.nn as nn\nnet = nn.Linear(2, 3)\n').module?.body).toHaveLength(2); // all Python: parsed once
  });

  it('a tuple may have spaces: input_size=(1, 1, 28, 28)', () => {
    expect(extractSource('input_size=(1, 1, 28, 28) import torch').bindings).toEqual([{ name: 'input_size', text: '(1,1,28,28)' }]);
  });

  it('flags outside the code still apply (--json), the code keeps its own framework', () => {
    const result = count(`--json --framework keras\n${net}`);
    expect(result.request.json).toBe(true);
    expect(result.framework).toBe('pytorch');
  });

  it('a setting the code does not use is named in a note', () => {
    expect(read(net, 'dropout=0.3').report.notes.map((n) => n.key)).toContain('note.unusedBinding');
  });
});

describe('flags on a line of their own after the code', () => {
  it('apply, and the code is read without them, in the same numbering', () => {
    // `--memory` and `--layers --json` alone are Python too (names negated twice): a model never means them
    const result = count(`${net}\n--memory\n`);
    expect([result.request.memory, total(result)]).toEqual([true, 61_706n]);
    const both = count(`${net}--layers --json`);
    expect([both.request.layers, both.request.json]).toEqual([true, true]);
    const source = extractSource(`${net}--depth 2\n`);
    expect(source.outside).toBe('--depth 2');
    expect(source.lines.length).toBe(net.split('\n').length + 1);
  });

  it('on a line of code a flag is Python, and the refusal says where flags go', () => {
    expect(refusal('import torch.nn as nn\nm = nn.Linear(3, 2) --memory')).toMatch(/^Line 2 .*`--memory` is read as Python on a line of code .*a line of their own/);
  });

  it('knows the flags /count reads, and no others', () => {
    const values: Record<string, string> = { framework: 'keras', fw: 'pytorch', lang: 'zh-TW' };
    const lines = [...BARE_FLAGS.map((f) => `--${f}`), ...WORD_FLAGS.map((f) => `--${f} ${values[f]}`), ...NUMBER_FLAGS.map((f) => `--${f} 2`)];
    for (const line of lines) {
      expect(() => count(`input 8 > dense 4 ${line}`), line).not.toThrow();
      expect(extractSource(`import torch.nn as nn\nm = nn.Linear(3, 2)\n${line}`).outside, line).toBe(line);
    }
  });

  it("only /count's own flags: a continuation line of arithmetic stays code", () => {
    const code = 'import torch.nn as nn\nb = 2\nn = (3\n--b\n)\nm = nn.Linear(n, 2)';
    expect(extractSource(code).outside).toBe('');
    expect(total(count(code))).toBe(12n); // n = 3 - -2 = 5: (5 + 1)×2
  });
});

describe('flags on the first line', () => {
  it('a flag that takes no value does not swallow the code after it', () => {
    const source = extractSource('--json import torch.nn as nn\nm = nn.Linear(2, 2)');
    expect(source.outside).toBe('--json');
    expect(source.lines[0]!.trim()).toBe('import torch.nn as nn');
  });
});
