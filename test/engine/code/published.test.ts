/**
 * torchvision.models.<name>() in pasted code is built from the product's preset: for every
 * PyTorch vision preset, the module the reader builds holds exactly the preset's count (the
 * presets themselves are checked against torchvision in test/engine/presets-torchvision-*.test.ts).
 */
import { describe, expect, test } from 'vitest';
import { count } from '../../../src/engine/count.js';
import { PRESETS } from '../../../src/engine/presets/index.js';
import { read, total } from './helpers.js';

const VISION = PRESETS.filter((p) => p.files.pytorch !== undefined && p.params.some((o) => o.name === 'classes')).map((p) => p.name);

describe('torchvision.models.<name>() holds its preset\'s count', () => {
  test.each(VISION)('%s', (name) => {
    const preset = count(`${name} --framework pytorch`).report.counts.total;
    expect(total(read(`import torchvision\nmodel = torchvision.models.${name}(weights=None)\n`))).toBe(preset);
  });
  test('num_classes is the preset\'s classes option', () => {
    expect(total(read('import torchvision\nmodel = torchvision.models.resnet18(num_classes=10)\n'))).toBe(count('resnet18 classes=10 --framework pytorch').report.counts.total);
  });
});
