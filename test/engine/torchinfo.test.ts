/**
 * torchinfo's footer, checked against what torchinfo prints for torchvision's ResNets: its README
 * (summary(resnet152(), (1, 3, 224, 224), depth=3)) and its own expected outputs,
 * tests/test_output/resnet50.out (batch 2) and resnet18_depth_consistency.out (a 64×64 input), at
 * TylerYep/torchinfo 5c4164f.
 */
import { describe, expect, it } from 'vitest';
import { count } from '../../src/engine/count.js';
import { renderCount } from '../../src/engine/render.js';
import { torchinfoFooter, torchinfoLines, torchinfoNumber } from '../../src/engine/torchinfo.js';
import { msg, t } from '../../src/i18n/messages.js';

const footer = (spec: string, batch = 1) => torchinfoLines(torchinfoFooter(count(spec).report, batch)!);

/** [spec, batch, where torchinfo printed it, the footer it printed]. */
const PRINTED: ReadonlyArray<readonly [string, number, string, readonly string[]]> = [
  // The README's "Input size (MB): 0.60" is from before sizes took their unit by magnitude
  // (params_size_units = Units.AUTO): the same 602,168 bytes print as 602.17 kB now.
  [
    'resnet152 --framework pytorch',
    1,
    'README, (1, 3, 224, 224)',
    ['Total mult-adds (G): 11.51', 'Input size (kB): 602.17', 'Forward/backward pass size (MB): 360.87', 'Params size (MB): 240.77', 'Estimated Total Size (MB): 602.25'],
  ],
  [
    'resnet50 --framework pytorch',
    2,
    'resnet50.out, batch 2',
    ['Total mult-adds (G): 8.18', 'Input size (MB): 1.20', 'Forward/backward pass size (MB): 355.66', 'Params size (MB): 102.23', 'Estimated Total Size (MB): 459.10'],
  ],
  // kB below a megabyte
  [
    'resnet18 in=64x64 --framework pytorch',
    1,
    'resnet18_depth_consistency.out, 64×64',
    ['Total mult-adds (M): 148.57', 'Input size (kB): 49.21', 'Forward/backward pass size (MB): 3.25', 'Params size (MB): 46.76', 'Estimated Total Size (MB): 50.06'],
  ],
];

describe("torchinfo's footer", () => {
  it.each(PRINTED)('%s at batch %i, as torchinfo printed it (%s)', (spec, batch, _where, printed) => {
    expect(footer(spec, batch)).toEqual(printed);
  });
  it('writes numbers as format_output_num does', () => {
    expect(torchinfoNumber(0n, true)).toBe(': 0');
    expect(torchinfoNumber(46_758_048n, true)).toBe(' (MB): 46.76');
    expect(torchinfoNumber(2_000_000n, true)).toBe(' (MB): 2');
  });
});

describe('the footer in a PyTorch answer', () => {
  it('follows the totals, naming the input and the units, in both languages; Keras answers have none', () => {
    const en = renderCount(count('resnet18 --framework pytorch'), 'en');
    expect(en).toContain(t('en', msg('torchinfo.title', { input: '(1, 3, 224, 224)' })));
    expect(en).toContain('  Forward/backward pass size (MB): 39.75\n  Params size (MB): 46.76\n  Estimated Total Size (MB): 87.11');
    expect(en).toContain('Total params: 11,689,512 (44.59 MiB at fp32)');
    expect(renderCount(count('resnet18 --framework pytorch --lang zh-TW'), 'zh-TW')).toContain(t('zh-TW', msg('torchinfo.title', { input: '(1, 3, 224, 224)' })));
    expect(renderCount(count('resnet50'), 'en')).not.toContain('torchinfo');
  });
  it('is not made up for pasted code given no input size, and is printed once one is given', () => {
    const code = 'import torch.nn as nn\nmodel = nn.Sequential(nn.Linear(10, 20), nn.ReLU(), nn.Linear(20, 5))';
    const without = count(code);
    expect(torchinfoFooter(without.report)).toBeNull();
    expect(renderCount(without, 'en')).not.toContain('summary(model, input_size=');
    const given = count(`in=10 ${code}`);
    expect(torchinfoFooter(given.report)).not.toBeNull();
    expect(renderCount(given, 'en')).toContain('summary(model, input_size=(1, 10))');
  });

  it('takes the batch of --batch', () => {
    expect(renderCount(count('resnet50 --framework pytorch --batch 2'), 'en')).toContain('Estimated Total Size (MB): 459.10');
  });
});
