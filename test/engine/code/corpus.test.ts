/**
 * Model files written the way real projects write them (pastes/corpus/), each counted against
 * its truth from the real framework: PyTorch 1.13 `sum(p.numel() for p in model.parameters())`
 * and the same over `p.requires_grad` (pastes/corpus/truth.py prints these rows), Keras 3 with
 * the jax backend `model.count_params()` and `model.trainable_weights`.
 */
import { describe, expect, test } from 'vitest';
import { notes, paste, read, reason, refusal } from './helpers.js';

// [file, total, trainable], from real PyTorch 1.13 (`python3 pastes/corpus/truth.py pastes/corpus/*.py`)
const PYTORCH: Array<[string, number, number]> = [
  ['dla_setattr.py', 16291386, 16291386],
  ['enum_namedtuple_configs.py', 665092, 665092],
  ['gat_empty_size.py', 92302, 92302],
  ['llama_dataclass_args.py', 16565, 16565],
  ['mingpt_config_dict.py', 826368, 826368],
  ['vit_properties_mixins.py', 120100, 120100],
  ['nanogpt_dataclass_tied.py', 828672, 828672],
  ['llama_rmsnorm_gqa.py', 14528160, 14528160],
  ['vae_mnist.py', 1387633, 1387633],
  ['gcn_parameters.py', 23056, 23056],
  ['rnn_lm_tied.py', 2653200, 2653200],
  // torchvision models built without their pretrained weights (truth.py), which never change a count
  ['tv_backbone_resnet50.py', 23518277, 23302469],
  ['tv_finetune_resnet18.py', 11177538, 1026],
  ['tv_mobilenet_classes.py', 2236682, 2236682],
];

// [file, total, trainable], from Keras 3.15.1 with jax (`pastes/corpus/keras_truth.py`: count_params(), trainable_weights)
const KERAS: Array<[string, number, number]> = [
  ['keras_dataclass_mlp.py', 22213, 22213],
  ['keras_subclass_namedtuple.py', 95434, 94986],
  ['keras_toy_resnet_add.py', 223242, 223242],
  ['keras_unet_concatenate.py', 500691, 499283],
  ['keras_vae_sampling.py', 134165, 134165],
  ['keras_transformer_classifier.py', 657758, 657758],
  ['keras_sequential_lstm.py', 2757761, 197761],
  // tf.keras and keras_core are counted with Keras 3 itself (keras_truth.py renames the import)
  ['keras_tf_augment_cnn.py', 3989285, 3989285],
  ['keras_core_siamese_kwargs.py', 19105, 19105],
  // keras.applications built with weights=None (as in the pastes): weights never change a count
  ['keras_transfer_xception.py', 20863529, 2049],
  ['keras_vgg16_feature_extraction.py', 17992001, 3277313],
  ['keras_resnet50_base_output.py', 23608202, 23555082],
  ['keras_efficientnet_classes.py', 4058538, 4016515],
];

const ROWS = [
  ...PYTORCH.map(([file, n, trainable]) => [file, n, trainable, 'PyTorch 1.13: sum(p.numel())'] as const),
  ...KERAS.map(([file, n, trainable]) => [file, n, trainable, 'Keras 3.15.1 jax: count_params()'] as const),
];

describe('the corpus, exact against the real frameworks', () => {
  test.each(ROWS)('%s: %i parameters, %i trainable (%s)', (file, totalCount, trainable) => {
    const r = read(paste(`corpus/${file}`));
    expect(r.report.counts.total).toBe(BigInt(totalCount));
    expect(r.report.counts.trainable).toBe(BigInt(trainable));
  });
});

describe('what the corpus pastes also show', () => {
  test("a torchvision model's forward is not followed, and the note names it while the count stays", () => {
    const r = read(`${paste('corpus/tv_finetune_resnet18.py')}\nout = model(torch.randn(1, 3, 224, 224))\n`);
    expect(r.report.counts.total).toBe(11_177_538n);
    expect(reason(r)).toContain('the forward pass of `torchvision.models.resnet18` is not followed');
  });
  test("what the preset does not name is refused by name, never guessed (torchvision's bn1, classifier[1])", () => {
    expect(refusal('import torchvision\nmodel = torchvision.models.resnet18()\nmodel.bn1.eval()\n')).toContain('`bn1` is not one of them');
    expect(refusal('import torch.nn as nn\nimport torchvision\nmodel = torchvision.models.mobilenet_v2()\nmodel.classifier[1] = nn.Linear(1280, 2)\n')).toContain('indexing into it');
  });
  test("a Keras application's inner layers are refused by name, never guessed", () => {
    const code = `${paste('corpus/keras_transfer_xception.py')}\nfor layer in base_model.layers[-20:]:\n    layer.trainable = True\n`;
    expect(refusal(code)).toContain('its `layers` (its inner Keras layers) is not followed');
  });
  test("loops that test torchvision's own names or layer types are refused, since the blocks are the preset's", () => {
    const byName = 'import torchvision\nmodel = torchvision.models.resnet18()\nfor name, p in model.named_parameters():\n    if "bn" in name:\n        p.requires_grad = False\n';
    expect(refusal(byName)).toContain('`named_parameters()` reaches `torchvision.models.resnet18`');
    const byType = 'import torch.nn as nn\nimport torchvision\nmodel = torchvision.models.resnet18()\nfor m in model.modules():\n    if isinstance(m, nn.Conv2d):\n        m.weight.requires_grad = False\n';
    expect(refusal(byType)).toContain('`modules()` reaches');
  });
  test('a forward stopped by a name the reader does not know keeps the count and says only the shapes stop', () => {
    const code = 'import torch\nimport torch.nn as nn\nclass M(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(8, 4)\n    def forward(self, x):\n        return self.fc(torch.special.expit(x))\nmodel = M()\ny = model(torch.randn(2, 8))\n';
    const r = read(code);
    expect(r.report.counts.total).toBe(36n);
    expect(reason(r)).toContain('`torch.special` is not something the reader knows, so the shapes stop here; the count does not depend on it.');
  });
  test('a subclassed Keras model indexing a dict of inputs, given in=, is refused, not counted 0', () => {
    const code = 'import keras\nfrom keras import layers\nclass Wide(keras.Model):\n    def __init__(self):\n        super().__init__()\n        self.a = layers.Dense(8)\n        self.out = layers.Dense(1)\n    def call(self, inputs):\n        return self.out(self.a(inputs["num"]))\nmodel = Wide()\n';
    expect(refusal(code, 'in=10')).toContain('the layer `dense` gets its weights from its first call');
  });
  test('a builder argument the reader does not read is named', () => {
    expect(refusal('import torchvision\nmodel = torchvision.models.resnet18(groups=2)\n')).toContain('`groups=`');
  });
  test('layers kept in a plain list but each registered with add_module are not called left out', () => {
    expect(notes(read(paste('corpus/gat_empty_size.py'))).join('\n')).not.toContain('plain Python list');
  });
  test("self.__setattr__ and nn.Module.__getattr__ let the DLA's forward be followed", () => {
    expect(read(paste('corpus/dla_setattr.py')).code!.shapes.known).toBe(true);
  });
});
