/**
 * torchvision.models.<name>() in pasted code is built from the product's preset: for every
 * PyTorch vision preset, the module the reader builds holds exactly the preset's count (the
 * presets themselves are checked against torchvision in test/engine/presets-torchvision-*.test.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { count } from '../../../src/engine/count.js';
import { PRESETS } from '../../../src/engine/presets/index.js';
import { read, total } from './helpers.js';

/** The Keras class each Keras preset was written from (its `# source:` line). */
const KERAS_CLASS = new Map(
  readdirSync(new URL('../../../src/engine/presets/data/keras/', import.meta.url)).flatMap((f) => {
    const text = readFileSync(new URL(`../../../src/engine/presets/data/keras/${f}`, import.meta.url), 'utf8');
    const name = /^# preset: (\S+)/m.exec(text)?.[1];
    const cls = /^# source: keras\.applications\.(\w+)/m.exec(text)?.[1];
    return name && cls ? [[name, cls] as const] : [];
  }),
);

const VISION = PRESETS.filter((p) => p.files.pytorch !== undefined && p.params.some((o) => o.name === 'classes')).map((p) => p.name);

describe("torchvision.models.<name>() holds its preset's count", () => {
  test.each(VISION)('%s', (name) => {
    const preset = count(`${name} --framework pytorch`).report.counts.total;
    expect(total(read(`import torchvision\nmodel = torchvision.models.${name}(weights=None)\n`))).toBe(preset);
  });
  test.each([...KERAS_CLASS.keys()])("keras.applications for %s holds its preset's count", (name) => {
    const preset = count(`${name} --framework keras`).report.counts;
    const cls = KERAS_CLASS.get(name)!;
    const r = read(`import keras\nmodel = keras.applications.${cls}(weights=None)\n`);
    expect([r.report.counts.total, r.report.counts.trainable]).toEqual([preset.total, preset.trainable]);
  });
  test("num_classes is the preset's classes option", () => {
    expect(total(read('import torchvision\nmodel = torchvision.models.resnet18(num_classes=10)\n'))).toBe(count('resnet18 classes=10 --framework pytorch').report.counts.total);
  });
});
