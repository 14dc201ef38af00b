/** Bad input: one clear line that names the bad token and the expected form. */
import { describe, expect, it } from 'vitest';
import { errorOf } from '../support/count.js';
import { count } from '../../src/engine/count.js';
import { SpecError } from '../../src/engine/errors.js';
import { t } from '../../src/i18n/messages.js';
import { cpuMs } from '../support/cpu.js';

const BAD: ReadonlyArray<readonly [string, string, RegExp]> = [
  ['unknown kind', 'conv2 3 64 3', /`conv2` is not a layer kind: did you mean `conv`\?/],
  ['unknown kind, nothing close', 'transformerblock 12', /`transformerblock` is not a layer kind/],
  ['missing argument', 'conv 3 64', /`conv` on its own takes every number of `conv CIN COUT K`; with 2, K \(the last\) is missing: e\.g\. `conv 3 64 3`/],
  ['missing arguments', 'conv 3', /`conv` takes 2–3 argument\(s\), got 1: expected `conv CIN COUT K`, e.g. `conv 3 64 3`/],
  ['extra argument', 'dense 512 10 7', /`dense` takes 1–2 argument\(s\), got 3: expected `dense IN OUT`/],
  ['zero size', 'conv 3 0 3', /`0` is not a valid COUT: it must be at least 1/],
  ['negative size', 'dense -5 10', /`-5` is not a valid IN: it must be at least 1/],
  ['fractional size', 'conv 3 64.5 3', /`64\.5` is not a valid COUT: sizes are whole numbers/],
  ['not a number', 'conv 3 sixty 3', /`sixty` is not a valid COUT: expected a whole number/],
  ['too large', 'dense 99999999999 10', /`99999999999` is too large for IN/],
  ['kernel larger than input', 'conv 3 64 7 in=5x5', /kernel \(7\) is larger than the input \(5, 5 after padding\)/],
  ['kernel larger inside a model', 'input 4x4x3 > conv 8 3 > conv 8 3', /kernel \(3\) is larger than the input \(2/],
  ['groups do not divide', 'conv 3 64 3 groups=2', /C_in=3 and C_out=64 must both be multiples of groups=2/],
  ['shapes do not chain (rank)', 'input 784 > conv 32 3', /`conv` expects an input of shape H×W×C, but receives 784/],
  ['shapes do not chain (channels)', 'input 32x32x3 > conv 16 32 3', /declares CIN=16 but its input has 3/],
  ['unknown option', 'conv 3 64 3 strides=2', /`strides=` is not an option of `conv`; it takes: bias, stride/],
  ['bad option value', 'conv 3 64 3 pad=middle', /`middle` is not a valid pad: expected one of same\|valid\|N\|NxM/],
  ['bad boolean', 'dense 5 5 bias=maybe', /`maybe` is not a valid bias: expected true or false/],
  ['dropout rate', 'dropout 1.5', /`1.5` is not a valid P/],
  ['kernel tuple rank', 'conv 3 64 3x3x3', /`3x3x3` does not fit K: give one number or 2/],
  ['in= on a later layer', 'input 8x8x3 > conv 4 3 in=8x8', /in= is for a single layer/],
  ['input not first', 'conv 3 8 3 > input 8x8x3', /`input` must come first/],
  ['unknown flag', 'conv 3 64 3 --frmework keras', /`--frmework` is not a known flag/],
  ['flag without value', 'conv 3 64 3 --framework', /`--framework` needs a value/],
  ['unknown framework', 'conv 3 64 3 --framework jax', /`jax` is not a valid --framework: expected one of keras\|pytorch/],
  ['empty', '   ', /Nothing to count/],
  ['channels unknown in a chain', 'maxpool 2 > conv 64 3', /`conv` cannot tell its CIN/],
  ['PyTorch same with stride', 'conv 3 64 3 stride=2 pad=same --framework pytorch', /PyTorch does not allow padding='same' with stride > 1/],
  ['preset not first', 'dense 4 4 > vgg16', /`vgg16` is a whole model: it can only come first/],
  ['reshape size', 'reshape 3x3 in=10', /10 cannot become 3×3/],
];

describe.each(BAD)('%s', (_what, spec, message) => {
  it(`refuses ${JSON.stringify(spec)}`, () => {
    const text = errorOf(spec);
    expect(text).toMatch(message);
    expect(text.split('\n')).toHaveLength(1);
  });
});

describe('limits', () => {
  it('a 10 MB spec is refused at once, before any parsing', () => {
    const huge = 'conv 3 64 3 > '.repeat(750_000);
    const { result, ms } = cpuMs(() => errorOf(huge));
    expect(result).toMatch(/too long: the limit is 20,000 characters/);
    expect(ms).toBeLessThan(1_000); // a guard against parsing it, not a benchmark
  });
  it('refuses a model of more than 2,000 layers once expanded, typed or repeated', () => {
    expect(errorOf(`input 8 > { dense 8 } x2001`)).toMatch(/Too many layers: a model may have at most 2,000 once expanded/);
    expect(errorOf(`input 8 > { { dense 8 > relu } x20 } x51`)).toMatch(/at most 2,000/);
    expect(count(`input 8 > { dense 8 } x2000`).report.rows).toHaveLength(2_000);
  });
});

describe('errors are localized', () => {
  it('speaks Traditional Chinese', () => {
    try {
      count('conv 3');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(SpecError);
      expect(t('zh-TW', (e as SpecError).ref)).toBe('`conv` 需要 2–3 個引數，卻收到 1 個：格式為 `conv CIN COUT K`，例如 `conv 3 64 3`。');
    }
  });
});
