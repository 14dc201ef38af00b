/**
 * Every picture, drawn in both languages: its structure read from the SVG (titles, labels, the
 * shapes that carry the numbers), and the PNG decoded and measured. Counts on the pictures are the
 * engine's; published accuracies are the ones src/engine/presets/accuracy.ts cites.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareModels, parseModels } from '../../commands/compare.js';
import { countDrawing, modelDrawing } from '../../src/charts/count.js';
import { compareDrawing, MAX_MODELS, placeLabels } from '../../src/charts/compare.js';
import { MAX_SIDE, toSvg, svgToPng, type Drawing } from '../../src/charts/draw.js';
import { bars, chartScale, groupLabel, MAX_BARS } from '../../src/charts/parameters.js';
import { standingsDrawing, statsDrawing } from '../../src/charts/progress.js';
import { COLOUR } from '../../src/charts/theme.js';
import { count } from '../../src/engine/count.js';
import { PUBLISHED_MODELS } from '../../src/engine/presets/accuracy.js';
import { findPreset } from '../../src/engine/presets/index.js';
import { msg, t, type Lang } from '../../src/i18n/messages.js';
import { decodePng } from '../support/png.js';

const LANGS: readonly Lang[] = ['en', 'zh-TW'];

/** The text of every <text> element, entities decoded. */
function texts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([\s\S]*?)<\/text>/g)].map((m) =>
    m[1]!
      .replace(/<[^>]+>/g, '')
      .replace(/&amp;/g, '&')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#39;/g, "'"),
  );
}

const filled = (svg: string, colour: string): number => [...svg.matchAll(new RegExp(`fill="${colour}"`, 'gi'))].length;

async function drawn(drawing: Drawing): Promise<{ svg: string; text: string }> {
  const svg = await toSvg(drawing);
  const png = decodePng(await svgToPng(svg));
  expect([png.width, png.height]).toEqual([Math.min(drawing.width, MAX_SIDE), Math.min(drawing.height, MAX_SIDE)]);
  // Something is drawn: not every scanline is blank white.
  expect(png.rows.some((b, i) => i % (1 + png.width * png.channels) !== 0 && b !== 0xff && b !== 0)).toBe(true);
  return { svg, text: texts(svg).join('\n') };
}

describe('where the parameters are', () => {
  for (const lang of LANGS) {
    it(`VGG16 per block, fc1 labelled with its share (${lang})`, async () => {
      const result = count('vgg16');
      const drawing = modelDrawing(result, lang)!;
      const { svg, text } = await drawn(drawing);
      // keras.applications.VGG16: 138,357,544 parameters, fc1 102,764,544 of them (keras.io/api/applications).
      expect(text).toContain(t(lang, msg('chart.params.share', { name: 'fc1', percent: '74%', model: 'VGG16' })));
      expect(text).toContain('138,357,544');
      for (const block of ['block1', 'block5', 'fc1', 'fc2', 'predictions']) expect(text).toContain(block);
      expect(filled(svg, COLOUR.trainable)).toBeGreaterThanOrEqual(8);
      expect(drawing.alt).toContain('102,764,544');
    });
  }

  it('tells trainable from non-trainable (ResNet50 BatchNorm statistics), on a log scale too', async () => {
    for (const spec of ['resnet50', 'resnet50 --log']) {
      const { svg, text } = await drawn(modelDrawing(count(spec), 'zh-TW')!);
      expect(filled(svg, COLOUR.nonTrainable)).toBeGreaterThan(0);
      expect(text).toContain(t('zh-TW', msg('chart.nonTrainable')));
      expect(text).toContain(t('zh-TW', msg(spec.includes('--log') ? 'chart.scale.log' : 'chart.scale.linear')));
    }
  });

  it("names a pasted model by its class, and a typed one's biggest bar by its share of all", async () => {
    // PyTorch's 60-minute blitz Net: fc1 48,120 of 61,706 (78%)
    const pasted = await drawn(modelDrawing(count(readFileSync(join(import.meta.dirname, '../engine/code/pastes/tutorial_net.py'), 'utf8')), 'zh-TW')!);
    expect(pasted.text).toContain(t('zh-TW', msg('chart.params.title', { model: 'Net', total: '61,706' })));
    expect(pasted.text).toContain(t('zh-TW', msg('chart.params.share', { name: 'fc1', percent: '78%', model: 'Net' })));
    const typed = await drawn(modelDrawing(count('input 32x32x3 > conv 16 3 > flatten > dense 10'), 'en')!);
    expect(typed.text).toContain(t('en', msg('chart.params.shareOfAll', { name: 'dense_1', percent: '100%' })));
  });

  it('groups neighbouring layers past MAX_BARS bars, each group named by what its layers share', () => {
    const grouped = bars(count('mobilenetv2 --layers').report, true);
    expect(grouped.grouping).toBe('groups');
    // Keras MobileNetV2's blocks: a bar is one block's layers (block_13) or a run across two; a
    // block split over two bars, whose layers have only type names, is numbered
    expect(grouped.bars.map((b) => b.label)).toEqual(expect.arrayContaining(['block_13 Conv2D (1/2)', 'block_13 Conv2D (2/2)']));
    expect(new Set(grouped.bars.map((b) => b.label)).size).toBe(grouped.bars.length);
    expect(grouped.bars.every((b) => !b.label.startsWith('#'))).toBe(true);
    expect(groupLabel(['features.13.conv.0.0', 'features.13.conv.1', 'features.14.conv.0.0'])).toBe('features');
    expect(groupLabel(['features.13.conv.0.0', 'features.13.conv.1'])).toBe('features.13.conv');
    expect(groupLabel(['block_13.conv2d_30', 'block_14.conv2d_31'])).toBe('block_13–block_14');
    expect(groupLabel(['conv2d_7', 'dense_1'])).toBe('conv2d_7–dense_1');
    expect(grouped.bars.length).toBeLessThanOrEqual(MAX_BARS);
    // a block split over two bars is told apart by what each holds, by the framework's names
    const gpt2 = bars(count('gpt2 --layers').report, true).bars.map((b) => b.label);
    expect(gpt2.slice(1, 5)).toEqual(['h.0 attn', 'h.0 mlp', 'h.1 attn', 'h.1 mlp']);
    expect(gpt2.some((l) => / \(\d\/\d\)$/.test(l))).toBe(false);
    // a run across two numbered children says which: layer1.0–1
    expect(bars(count('resnet50 --framework pytorch --layers').report, true).bars.map((b) => b.label)).toEqual(expect.arrayContaining(['layer1.0 conv2', 'layer1.0–1']));
    expect(grouped.bars.reduce((a, b) => a + b.counts.total, 0n)).toBe(count('mobilenetv2').report.counts.total);
  });
});

describe('the count drawn', () => {
  for (const lang of LANGS) {
    it(`a convolution as C_out kernels of K×K×C_in and C_out biases (${lang})`, async () => {
      const { text } = await drawn(countDrawing(count('conv 64 128 3'), lang)!);
      expect(text).toContain('(3×3×64 + 1)×128 = 73,856');
      expect(text).toContain(t(lang, msg('chart.layer.kernels', { n: '128', size: '3×3×64' })));
      expect(text).toContain(t(lang, msg('chart.layer.biases', { n: '128' })));
      expect(text).toContain('#128');
    });

    it(`dense, LSTM and attention with their parts (${lang})`, async () => {
      expect((await drawn(countDrawing(count('dense 512 10'), lang)!)).text).toContain('(512 + 1)×10 = 5,130');
      const lstm = (await drawn(countDrawing(count('lstm 128 256 --framework pytorch'), lang)!)).text;
      for (const gate of ['i', 'f', 'g', 'o']) expect(lstm).toContain(t(lang, msg(`chart.gate.${gate}` as 'chart.gate.i')));
      expect(lstm).toContain('4×(128×256 + 256×256 + 2×256) = 395,264');
      const mha = (await drawn(countDrawing(count('mha 8 512'), lang)!)).text;
      for (const part of ['W_Q', 'W_K', 'W_V', 'W_O', '512×8×64']) expect(mha).toContain(part);
    });
  }

  it('draws nothing for a layer kind without a picture', () => {
    expect(countDrawing(count('maxpool 2'), 'en')).toBeUndefined();
  });
});

describe('accuracy against operations', () => {
  for (const lang of LANGS) {
    it(`the default landmarks, with a table of the same numbers under the chart (${lang})`, async () => {
      const parsed = parseModels('');
      if (!parsed.ok) throw new Error('the default set did not parse');
      const { withAccuracy, without } = compareModels(parsed.presets, parsed.framework);
      expect(without).toEqual([]);
      const { text } = await drawn(compareDrawing(withAccuracy, 'accuracy', lang));
      // keras.io/api/applications "Top-1 Accuracy": VGG16 71.3%; torchvision 0.14 AlexNet_Weights.IMAGENET1K_V1 acc@1 56.522.
      expect(text).toContain('71.3%');
      expect(text).toContain('56.522%');
      expect(text).toContain('138,357,544');
      expect(text).toContain('15,470,264,320'); // VGG16's MACs as /count counts them
      expect(text).toContain(t(lang, msg('chart.compare.title')));
    });
  }

  it('puts a model without a published accuracy on a parameters chart and says why', async () => {
    const parsed = parseModels('vgg16 resnet18 --framework keras');
    if (!parsed.ok) throw new Error('did not parse');
    const { withAccuracy, without } = compareModels(parsed.presets, parsed.framework);
    expect(withAccuracy.map((p) => p.display)).toEqual(['VGG16']);
    expect(without.map((p) => [p.display, p.framework])).toEqual([['ResNet18', 'keras']]);
    const { text } = await drawn(compareDrawing(without, 'parameters', 'en'));
    expect(text).toContain(t('en', msg('chart.compare.titleParams')));
  });

  it('has a preset for every model whose accuracy it publishes (each row can be drawn)', () => {
    expect(PUBLISHED_MODELS.length).toBeGreaterThan(50);
    expect(PUBLISHED_MODELS.filter((name) => findPreset(name) === undefined)).toEqual([]);
  });

  it('refuses names it cannot draw, one line each', () => {
    expect(parseModels('alexnett')).toMatchObject({ ok: false, error: { key: 'compare.unknownSuggest', params: { suggestion: 'alexnet' } } });
    expect(parseModels(Array.from({ length: MAX_MODELS + 1 }, () => 'vgg16').join(' '))).toMatchObject({ ok: false, error: { key: 'compare.tooMany' } });
    expect(parseModels('vgg16 --framework jax')).toMatchObject({ ok: false, error: { key: 'err.notAChoice' } });
  });
});

describe('progress', () => {
  for (const lang of LANGS) {
    it(`accuracy per topic and points per week (${lang})`, async () => {
      const { text } = await drawn(
        statsDrawing({
          name: '陳小明',
          topics: [
            { label: t(lang, msg('topic.conv')), correct: 3, answered: 4 },
            { label: t(lang, msg('topic.dense')), correct: 1, answered: 3 },
          ],
          weeks: [
            { week: '2026-W47', points: 30 },
            { week: '2026-W48', points: 55 },
          ],
          lang,
        }),
      );
      expect(text).toContain('陳小明');
      expect(text).toContain('3/4');
      expect(text).toContain('W48');
    });

    it(`the week's final standings as a card (${lang})`, async () => {
      const rows = [
        { rank: 1, name: '林怡君', points: 45, correct: 4, answered: 4 },
        { rank: 2, name: 'Bob', points: 20, correct: 2, answered: 3 },
      ];
      const { text } = await drawn(standingsDrawing({ week: '2026-W48', rows, players: 2, lang }));
      expect(text).toContain('1. 林怡君');
      expect(text).toContain(t(lang, msg('chart.standings.row', { points: '45', correct: '4', answered: '4', accuracy: '100%' })));
    });
  }
});

describe('bubble names beside their own bubbles', () => {
  it('InceptionV3 and Xception, close together: the left name above running left, the right one below running right', () => {
    // G-MACs and top-1 as the default /compare draws them: InceptionV3 5.71, 77.9; Xception 8.38, 79.0; ViT far off
    const places = placeLabels([5.713, 8.379, 17.57], [77.9, 79.0, 81.072], 1.2);
    expect(places).toEqual([
      { position: 'top', align: 'right' },
      { position: 'bottom', align: 'left' },
      { position: 'right', align: 'left' },
    ]);
    // the same whichever comes first
    expect(placeLabels([8.379, 5.713], [79.0, 77.9], 1.2)).toEqual([
      { position: 'bottom', align: 'left' },
      { position: 'top', align: 'right' },
    ]);
  });
});

describe('a trainable part too small for a linear axis', () => {
  it('LoRA on LLaMA-2-7B (0.062% trainable) is drawn on a log scale, saying why; a whole model stays linear', async () => {
    const lora = count('llama-2-7b > lora r=8 targets=q_proj,v_proj');
    expect(chartScale(lora.report, 'linear')).toEqual({ scale: 'log', tiny: true });
    expect(chartScale(count('vgg16').report, 'linear')).toEqual({ scale: 'linear', tiny: false });
    // Keras's BatchNorm statistics are 0.2% of ResNet50, but they are the non-trainable part
    expect(chartScale(count('resnet50').report, 'linear')).toEqual({ scale: 'linear', tiny: false });
    for (const lang of LANGS) {
      const { text } = await drawn(modelDrawing(lora, lang)!);
      expect(text).toContain(t(lang, msg('chart.scale.logSmall', { percent: '0.062%' })));
    }
  });
});
