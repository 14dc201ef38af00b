/**
 * Model files written the way real projects write them (pastes/corpus/), each counted against
 * its truth from the real framework: PyTorch 1.13 `sum(p.numel() for p in model.parameters())`
 * and the same over `p.requires_grad` (pastes/corpus/truth.py prints these rows), Keras 3 with
 * the jax backend `model.count_params()` and `model.trainable_weights`.
 */
import { describe, expect, test } from 'vitest';
import { notes, paste, read } from './helpers.js';

// [file, total, trainable], from real PyTorch 1.13 (`python3 pastes/corpus/truth.py pastes/corpus/*.py`)
const PYTORCH: Array<[string, number, number]> = [
  ['dla_setattr.py', 16291386, 16291386],
  ['enum_namedtuple_configs.py', 665092, 665092],
  ['gat_empty_size.py', 92302, 92302],
  ['llama_dataclass_args.py', 16565, 16565],
  ['mingpt_config_dict.py', 826368, 826368],
  ['vit_properties_mixins.py', 120100, 120100],
];

describe('PyTorch corpus: exact against PyTorch 1.13 (sum(p.numel()))', () => {
  test.each(PYTORCH)('%s: %i parameters, %i trainable', (file, totalCount, trainable) => {
    const r = read(paste(`corpus/${file}`));
    expect(r.report.counts.total).toBe(BigInt(totalCount));
    expect(r.report.counts.trainable).toBe(BigInt(trainable));
  });
});

// [file, total, trainable], from Keras 3.15.1 with jax (`pastes/corpus/keras_truth.py`: count_params(), trainable_weights)
const KERAS: Array<[string, number, number]> = [
  ['keras_dataclass_mlp.py', 22213, 22213],
  ['keras_subclass_namedtuple.py', 95434, 94986],
  ['keras_toy_resnet_add.py', 223242, 223242],
  ['keras_unet_concatenate.py', 500691, 499283],
];

describe('Keras corpus: exact against Keras 3.15.1 (count_params())', () => {
  test.each(KERAS)('%s: %i parameters, %i trainable', (file, totalCount, trainable) => {
    const r = read(paste(`corpus/${file}`));
    expect(r.report.counts.total).toBe(BigInt(totalCount));
    expect(r.report.counts.trainable).toBe(BigInt(trainable));
  });
});

describe('what the corpus pastes also show', () => {
  test('layers kept in a plain list but each registered with add_module are not called left out', () => {
    expect(notes(read(paste('corpus/gat_empty_size.py'))).join('\n')).not.toContain('plain Python list');
  });
  test("self.__setattr__ and nn.Module.__getattr__ let the DLA's forward be followed", () => {
    expect(read(paste('corpus/dla_setattr.py')).code!.shapes.known).toBe(true);
  });
});
