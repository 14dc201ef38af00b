/**
 * Published architectures, checked against the counts their libraries publish. Each preset is a
 * data file (src/engine/presets/data) that names its source and the totals it must reproduce; this
 * table is the independent row per model, each with where its number comes from:
 * - Keras: keras.applications.X(weights=None).summary() (Total / Non-trainable params; keras.io's
 *   applications table lists them in millions);
 * - torchvision 0.14: sum(p.numel() for p in model.parameters()), the "num_params" of its model docs;
 * - Hugging Face: sum(p.numel() for p in Model.parameters()), from the config.json named in the data
 *   file (the arithmetic is in the comments).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { count } from '../../src/engine/count.js';
import { toJson } from '../../src/engine/json.js';
import { blockTable } from '../../src/engine/model.js';
import { findPreset, PRESETS } from '../../src/engine/presets/index.js';
import { renderCount } from '../../src/engine/render.js';
import { errorOf } from '../support/count.js';
import { TORCHVISION_CNN_NAMES } from '../support/torchvision-cnn.js';
import { KERAS_APPLICATIONS } from './keras-applications.js';

const PUBLISHED: ReadonlyArray<readonly [spec: string, total: number, nonTrainable: number]> = [
  // Keras Applications (model.summary())
  ['vgg16', 138_357_544, 0],
  ['vgg16 top=false', 14_714_688, 0],
  ['vgg19', 143_667_240, 0],
  ['vgg19 top=false', 20_024_384, 0],
  ['resnet50', 25_636_712, 53_120],
  ['resnet50 top=false', 23_587_712, 53_120],
  ['mobilenet', 4_253_864, 21_888],
  ['mobilenet top=false', 3_228_864, 21_888],
  ['mobilenetv2', 3_538_984, 34_112],
  ['mobilenetv2 top=false', 2_257_984, 34_112],
  // keras.applications.DenseNet121().summary(): Total 8,062,504, Trainable 7,978,856, Non-trainable 83,648
  ['densenet121', 8_062_504, 83_648],
  ['densenet121 top=false', 7_037_504, 83_648],
  // torchvision 0.14 num_params
  ['resnet18 --framework pytorch', 11_689_512, 0],
  ['resnet34 --framework pytorch', 21_797_672, 0],
  ['resnet50 --framework pytorch', 25_557_032, 0],
  ['alexnet --framework pytorch', 61_100_840, 0],
  ['vgg16 --framework pytorch', 138_357_544, 0],
  ['vgg19 --framework pytorch', 143_667_240, 0],
  ['mobilenetv2 --framework pytorch', 3_504_872, 0],
  ['densenet121 --framework pytorch', 7_978_856, 0],
  ['vit_b_16', 86_567_656, 0],
  ['vit_l_16', 304_326_632, 0],
  // bert-base-uncased (BertModel): embeddings 30522·768 + 512·768 + 2·768 + 2·768 = 23,837,184;
  // 12 layers × (4·(768² + 768) + 2·768 + 768·3072 + 3072 + 3072·768 + 768 + 2·768 = 7,087,872);
  // pooler 768² + 768 = 590,592. Without the pooler: 108,891,648.
  ['bert-base', 109_482_240, 0],
  ['bert-base pooler=false', 108_891_648, 0],
  // bert-large-uncased: 31,782,912 + 24 × 12,596,224 + 1,049,600
  ['bert-large', 335_141_888, 0],
  // gpt2 (GPT2LMHeadModel, tied): wte 50257·768 + wpe 1024·768 + 12 × 7,087,872 + ln_f 1,536;
  // untied adds lm_head 50257·768 = 38,597,376.
  ['gpt2', 124_439_808, 0],
  ['gpt2 tied=false', 163_037_184, 0],
  // gpt2-medium: 50257·1024 + 1024·1024 + 24·(12·1024² + 13·1024) + 2·1024
  ['gpt2-medium', 354_823_168, 0],
  // gpt2-large: 50257·1280 + 1024·1280 + 36·(12·1280² + 13·1280) + 2·1280
  ['gpt2-large', 774_030_080, 0],
  // gpt2-xl: 50257·1600 + 1024·1600 + 48·(12·1600² + 13·1600) + 2·1600
  ['gpt2-xl', 1_557_611_200, 0],
  // t5-small: shared 32128·512 = 16,449,536; encoder 6 × (4·512² + 2·512·2048 + 2·512) + 32·8 + 512;
  // decoder 6 × (8·512² + 2·512·2048 + 3·512) + 32·8 + 512; lm_head tied to shared.
  ['t5-small', 60_506_624, 0],
  // Llama-2-7b-hf: 2 × 32000·4096 + 32 × (4·4096² + 3·4096·11008 + 2·4096) + 4096
  ['llama-2-7b', 6_738_415_616, 0],
  // Llama-2-13b-hf: 2 × 32000·5120 + 40 × (4·5120² + 3·5120·13824 + 2·5120) + 5120
  ['llama-2-13b', 13_015_864_320, 0],
  // Meta-Llama-3-8B: 2 × 128256·4096 + 32 × (2·4096² + 2·4096·1024 + 3·4096·14336 + 2·4096) + 4096
  ['llama-3-8b', 8_030_261_248, 0],
  // Mistral-7B-v0.1: 2 × 32000·4096 + 32 × (2·4096² + 2·4096·1024 + 3·4096·14336 + 2·4096) + 4096
  ['mistral-7b', 7_241_732_096, 0],
];

describe.each(PUBLISHED)('%s', (spec, total, nonTrainable) => {
  it(`has ${total.toLocaleString('en-US')} parameters`, () => {
    const { counts } = count(spec).report;
    expect(counts.total).toBe(BigInt(total));
    expect(counts.nonTrainable).toBe(BigInt(nonTrainable));
  });
});

/**
 * Families of presets keep their independent rows in their own tables (test/engine/presets-*.test.ts,
 * each row a spec in quotes at the start of an array: `['swin_t', 28_288_354]`).
 */
const HERE = dirname(fileURLToPath(import.meta.url));
const FAMILY_TABLES = readdirSync(HERE)
  .filter((f) => /^presets-[\w-]+\.test\.ts$/.test(f))
  .map((f) => readFileSync(join(HERE, f), 'utf8'));
const hasRowElsewhere = (name: string): boolean => {
  const row = new RegExp(`\\[\\s*'${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[ ']`);
  return FAMILY_TABLES.some((text) => row.test(text));
};

describe('every data file reproduces the totals it states, and names its source', () => {
  const files = PRESETS.flatMap((p) => (['keras', 'pytorch'] as const).flatMap((fw) => (p.files[fw] ? [[p, fw, p.files[fw]!] as const] : [])));
  it.each(files.map(([p, fw, f]) => [f.file.path, p, fw, f] as const))('%s', (_path, preset, framework, file) => {
    expect(file.source.length).toBeGreaterThan(10);
    expect(file.expectations.length).toBeGreaterThan(0);
    for (const e of file.expectations) {
      const { counts } = count(`${preset.name} ${e.options} --framework ${framework}`).report;
      expect([e.options, counts.total, counts.nonTrainable]).toEqual([e.options, e.total, e.nonTrainable]);
    }
    const rows = [...PUBLISHED.map(([spec]) => spec.split(' ')[0]), ...KERAS_APPLICATIONS.map((r) => r.name), ...TORCHVISION_CNN_NAMES];
    expect(rows.includes(preset.name) || hasRowElsewhere(preset.name) || preset.name === 'vgg16-lecture').toBe(true);
  });
});

describe('the data files ship with the code', () => {
  it('no ignore rule hides them from a clone (a root data/ folder holds the database, not this one)', () => {
    const git = spawnSync('git', ['check-ignore', '-q', 'src/engine/presets/data/keras/vgg16.pq', 'src/engine/presets/data/lib/cnn.pq'], { encoding: 'utf8' });
    if (git.error !== undefined || git.status === 128) return; // not a git checkout (an unpacked package): nothing to check
    expect(git.status).toBe(1); // 1: none of the paths is ignored
  });
});

describe('names are looked up leniently', () => {
  it.each([
    ['bert-base', 'bert_base', 'BERT-base', 'bert-base-uncased', 'google-bert/bert-base-uncased'],
    ['gpt2', 'gpt-2', 'GPT2', 'openai-community/gpt2', 'gpt_2'],
    ['llama-2-7b', 'Llama-2-7B', 'llama2-7b', 'meta-llama/Llama-2-7b-hf', 'LLaMA_2_7B'],
    ['vit_b_16', 'vit-b-16', 'ViT_B_16', 'vitb16', 'vit_b_16'],
    ['mobilenetv2', 'mobilenet_v2', 'MobileNetV2', 'mobilenet-v2', 'mobilenetv2'],
  ])('%s', (name, ...spellings) => {
    for (const s of spellings) expect(findPreset(s)?.name).toBe(name);
  });
});

describe('options', () => {
  it("classes=N replaces the classifier only (and num_classes is torchvision's spelling)", () => {
    expect(count('vgg16 classes=10').report.counts.total).toBe(138_357_544n - 4_097_000n + 40_970n);
    expect(count('resnet50 classes=2').report.counts.total).toBe(23_587_712n + 4_098n);
    expect(count('mobilenet classes=5').report.counts.total).toBe(3_228_864n + 5_125n);
    // torchvision.models.resnet34(num_classes=10): 21,289,802
    expect(count('resnet34 num_classes=10').report.counts.total).toBe(21_289_802n);
  });
  it('refuses an option a preset does not take, listing the ones it does', () => {
    expect(errorOf('bert-base top=false')).toMatch(/`top=` is not an option of `bert-base`; it takes: pooler, in, trainable/);
    expect(errorOf('gpt2 tied=maybe')).toMatch(/`maybe` is not a valid tied: expected true or false/);
  });
  it('in= changes the input: an image size, or a sequence length', () => {
    expect(count('resnet50 top=false in=96x96').report.output).toEqual([3, 3, 2048]);
    // torchvision.models.vit_b_16(image_size=384): 86,859,496 (577 positions)
    expect(count('vit_b_16 in=384x384').report.counts.total).toBe(86_859_496n);
    expect(count('gpt2 in=128').report.output).toEqual([128, 50257]);
    expect(count('gpt2 --seq 64').report.input).toEqual([64]);
    expect(errorOf('resnet50 --seq 64')).toMatch(/--seq sets the length of a token sequence, but this model's input is 224×224×3/);
  });
});

describe('presets pick their framework', () => {
  it('torchvision- and Hugging Face-only architectures default to PyTorch', () => {
    expect(count('resnet18').framework).toBe('pytorch');
    expect(count('gpt2').framework).toBe('pytorch');
    expect(count('alexnet').report.counts.total).toBe(61_100_840n);
  });
  it('resnet18 under Keras conventions adds the BatchNorm statistics as non-trainable', () => {
    const { counts } = count('resnet18 --framework keras').report;
    expect(counts.trainable).toBe(11_689_512n);
    expect(counts.nonTrainable).toBe(9_600n); // 2 × (sum of BatchNorm channels = 4,800)
    expect(renderCount(count('resnet18 --framework keras'), 'en')).toContain('resnet18: the architecture of torchvision.models.resnet18');
  });
  it('a preset can head a chain (transfer learning)', () => {
    expect(count('vgg16 top=false > flatten > dense 256 > dense 2').report.counts.total).toBe(14_714_688n + 25_088n * 256n + 256n + 514n);
  });
});

describe('the per-block table shows where the parameters are', () => {
  it('VGG16: the first dense layer holds 74% of them', () => {
    const result = count('vgg16');
    const fc1 = blockTable(result.report).find((b) => b.name === 'fc1')!;
    expect(fc1.counts.total).toBe(102_764_544n);
    expect(renderCount(result, 'en')).toMatch(/fc1\s+\(None, 4096\)\s+102,764,544\s+74\.3%/);
  });
  it('ResNet50 by stage, with --layers for every layer', () => {
    const result = count('resnet50 --layers');
    const names = blockTable(result.report).map((b) => b.name);
    expect(names).toEqual(['conv1', 'pool1', 'conv2', 'conv3', 'conv4', 'conv5', 'avg_pool', 'predictions']);
    const text = renderCount(result, 'en');
    expect(text).toContain('keras.applications.ResNet50');
    expect(text).toMatch(/conv5_block3_3_conv \(Conv2D\)/);
  });
  it('LLaMA-2-7B: the 32 layers, once, with ×32', () => {
    const text = renderCount(count('llama-2-7b'), 'en');
    expect(text).toMatch(/layers ×32\s+\[1, 4096, 4096\]\s+6,476,267,520\s+96\.1%/);
    expect(text).toContain('Touvron et al. 2023');
  });
  it('a preset names its source in the output and in JSON', () => {
    const json = JSON.parse(toJson(count('resnet34 --json'))) as { preset: { name: string; source: string; paper: string }; blocks: Array<{ name: string; params: number }> };
    expect(json.preset).toMatchObject({ name: 'resnet34', source: expect.stringContaining('torchvision.models.resnet34') as unknown, paper: expect.stringContaining('arXiv:1512.03385') as unknown });
    expect(json.blocks.map((b) => b.name)).toEqual(['conv1', 'bn1', 'relu', 'maxpool', 'layer1', 'layer2', 'layer3', 'layer4', 'avgpool', 'torch.flatten', 'fc']); // torch.flatten(x, 1) in forward: a function, no module
  });
});

describe('explain-preset shows a preset as the text it is written in', () => {
  it('the data file, then the count', () => {
    const text = renderCount(count('explain-preset resnet34'), 'en');
    expect(text).toContain('# source: torchvision.models.resnet34');
    expect(text).toContain('layer1: resnet_stage basic_block 64 3 1 false');
    expect(text).toContain('Total params: 21,797,672');
  });
  it('the file of the framework asked for', () => {
    expect(renderCount(count('explain-preset resnet50 --framework pytorch'), 'en')).toContain('torchvision.models.resnet50');
    expect(renderCount(count('explain-preset resnet50'), 'en')).toContain('keras.applications.ResNet50');
  });
  it('a library def', () => {
    const text = renderCount(count('explain-preset encoder_layer'), 'en');
    expect(text).toMatch(/^# nn\.TransformerEncoderLayer\(d_model, nhead, dim_feedforward=2048, norm_first=False, bias=True\):/);
    expect(text).toContain('def encoder_layer(d_model, nhead, dim_feedforward=2048, norm_first=false, bias=true) {');
    expect((JSON.parse(toJson(count('explain-preset encoder_layer --json'))) as { text: string }).text).toBe(text);
    expect(errorOf('explain-preset nothing')).toMatch(/`nothing` is not a preset or a library def/);
  });
});
