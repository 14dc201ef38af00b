/**
 * Model files written the way real projects write them (pastes/corpus/), each counted against
 * its truth from the real framework: PyTorch 1.13 `sum(p.numel() for p in model.parameters())`
 * and the same over `p.requires_grad` (pastes/corpus/truth.py prints these rows), Keras 3 with
 * the jax backend `model.count_params()` and `model.trainable_weights`.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { notes, paste, read, reason, refusal, rows, total } from './helpers.js';

// [file, total, trainable], from real PyTorch 1.13 (`/usr/bin/python3 pastes/corpus/truth.py pastes/corpus/*.py`;
// it builds each paste's `model` with torch itself: torchvision models without their pretrained weights,
// which never change a count, and einops's layers as the parameterless modules they are)
const PYTORCH: Array<[string, number, number]> = [
  ['actor_critic_shared.py', 3589, 3589],
  ['autoencoder_linear_tanh.py', 219891, 219891],
  ['bert_embeddings_encoder.py', 11171331, 11171331],
  ['bilstm_attention_pool.py', 5074538, 5074538],
  ['cgan_label_embedding.py', 1757412, 1757412],
  ['chatbot_luong_attn_decoder.py', 19350323, 19350323],
  ['cifar_densenet_transition.py', 616042, 616042],
  ['cifar_mobilenetv2_cfg.py', 2296922, 2296922],
  ['cifar_preact_resnet_bottleneck.py', 23697572, 23697572],
  ['cifar_resnet18_shortcut.py', 11173962, 11173962],
  ['cifar_vgg_cfg_dict.py', 9416010, 9416010],
  ['conv_vae_reparam.py', 3937635, 3937635],
  ['convnext_layerscale.py', 3406620, 3406620],
  ['cyclegan_resnet_generator.py', 11378179, 11378179],
  ['d2l_googlenet_inception.py', 5977530, 5977530],
  ['d2l_lazy_lenet_loop.py', 61706, 61706],
  ['d2l_nin_blocks.py', 1992166, 1992166],
  ['d2l_resnet_blocks.py', 11178378, 11178378],
  ['dcgan_discriminator_sigmoid.py', 693632, 693632],
  ['dcgan_generator_ngpu.py', 3576704, 3576704],
  ['deeplab_aspp_branches.py', 16130837, 16130837],
  ['dla_setattr.py', 16291386, 16291386],
  ['dqn_conv_size_out.py', 40866, 40866],
  ['efficientnet_mbconv_se.py', 6525994, 6525994],
  ['einsum_linear_attention.py', 153987, 153987],
  ['enum_namedtuple_configs.py', 665092, 665092],
  ['espcn_pixel_shuffle.py', 22729, 22729],
  ['gan_mlp_block_normalize.py', 1510032, 1510032],
  ['gat_empty_size.py', 92302, 92302],
  ['gcn_parameters.py', 23056, 23056],
  ['gin_eps_mlp.py', 31196, 31196],
  ['gpt2_conv1d_hf_style.py', 11033472, 11033472],
  ['gpt_char_level_heads.py', 205214, 205214],
  ['graphsage_modulelist.py', 218664, 218664],
  ['llama_dataclass_args.py', 16565, 16565],
  ['llama_ffn_multiple_of.py', 60039680, 60039680],
  ['llama_rmsnorm_gqa.py', 14528160, 14528160],
  ['lora_frozen_base.py', 5294090, 47114],
  ['lstmcell_unrolled_stack.py', 32284, 32284],
  ['mingpt_config_dict.py', 826368, 826368],
  ['mlp_mixer_transpose.py', 2372618, 2372618],
  ['mobilenet_v1_conv_dw.py', 4231976, 4231976],
  ['moe_topk_experts.py', 8999617, 8999617],
  ['nanogpt_dataclass_tied.py', 828672, 828672],
  ['nn_transformer_translation.py', 33570389, 33570389],
  ['pix2pix_unet_down_up.py', 29238275, 29238275],
  ['pointnet_stn3d_bmm.py', 1605134, 1605134],
  ['pygcn_parameter_reset.py', 23056, 23056],
  ['resnext_cardinality.py', 9128778, 9128778],
  ['rnn_lm_getattr_type.py', 4492400, 4492400],
  ['rnn_lm_tied.py', 2653200, 2653200],
  ['seq2seq_attn_decoder_tutorial.py', 536853, 536853],
  ['shufflenet_v2_chunk.py', 1263854, 1263854],
  ['siamese_shared_cnn.py', 2168642, 2168642],
  ['squeezenet_fire_cat.py', 741477, 741477],
  ['stn_affine_grid.py', 27360, 27360],
  ['tcn_weight_norm.py', 66650, 66650],
  ['transformer_tutorial_posenc.py', 12025582, 12025582],
  ['tutorial_quickstart_flatten.py', 669706, 669706],
  ['tv_backbone_resnet50.py', 23518277, 23302469],
  ['tv_finetune_resnet18.py', 11177538, 1026],
  ['tv_mobilenet_classes.py', 2236682, 2236682],
  ['tv_vgg16_classifier_swap.py', 134281029, 119566341],
  ['unet_bilinear_parts.py', 17263042, 17263042],
  ['vae_mnist.py', 1387633, 1387633],
  ['vit_einops_rearrange.py', 3247332, 3247332],
  ['vit_properties_mixins.py', 120100, 120100],
  ['wavenet_dilated_stack.py', 413088, 413088],
  ['wide_resnet_16_4.py', 2748890, 2748890],
];

// [file, total, trainable], from Keras 3.15.1 with jax (`PYTHONPATH=/opt/keras3 python3 pastes/corpus/keras_truth.py
// pastes/corpus/keras_*.py`: count_params(), trainable_weights; tf.keras and keras_core renamed to Keras 3 itself,
// keras.applications built with weights=None, and a `# settings: x_train=900x19x64x64x1` line given as a
// zero array of that shape, as the reader takes it)
const KERAS: Array<[string, number, number]> = [
  ['keras_attention_query_value.py', 90102, 90102],
  ['keras_bidirectional_lstm_imdb.py', 2757761, 2757761],
  ['keras_cifar_resnet_v1_function.py', 274442, 273066],
  ['keras_clone_model_skipped.py', 6467, 6467],
  ['keras_conv3d_video.py', 92897, 92641],
  ['keras_convlstm_next_frame.py', 746689, 746433],
  ['keras_core_siamese_kwargs.py', 19105, 19105],
  ['keras_custom_layer_build_kwargs.py', 9738, 9610],
  ['keras_dataclass_mlp.py', 22213, 22213],
  ['keras_dcgan_discriminator.py', 3979651, 3979651],
  ['keras_denoising_autoencoder.py', 28353, 28353],
  ['keras_depthwise_mobilenet_hand.py', 276165, 271685],
  ['keras_dict_inputs_subclass.py', 1318, 1318],
  ['keras_dot_cosine_similarity.py', 640003, 640003],
  ['keras_efficientnet_classes.py', 4058538, 4016515],
  ['keras_embedding_mask_zero_lstm.py', 882217, 882217],
  ['keras_frozen_base_finetune.py', 20036, 260],
  ['keras_gru_timedistributed.py', 23969, 23969],
  ['keras_mini_gpt_token_position.py', 10939168, 10939168],
  ['keras_mlp_mixer_layers.py', 138212, 138212],
  ['keras_mnist_convnet_guide.py', 34826, 34826],
  ['keras_multi_output_heads.py', 112458, 112458],
  ['keras_nested_sequential_augment.py', 19585, 19521],
  ['keras_normalization_adapt.py', 4818, 4801],
  ['keras_resnet50_base_output.py', 23608202, 23555082],
  ['keras_separable_mobile_blocks.py', 2731065, 2722777],
  ['keras_seq2seq_lstm_states.py', 553486, 553486],
  ['keras_sequential_lstm.py', 2757761, 197761],
  ['keras_shared_layer_siamese_abs.py', 5914433, 5914433],
  ['keras_subclass_mlp_called.py', 599818, 599818],
  ['keras_subclass_namedtuple.py', 95434, 94986],
  ['keras_text_embedding_conv1d.py', 2806273, 2806273],
  ['keras_tf_augment_cnn.py', 3989285, 3989285],
  ['keras_timeseries_fcn_shape.py', 25858, 25474],
  ['keras_timeseries_transformer_encoder.py', 29258, 29258],
  ['keras_toy_resnet_add.py', 223242, 223242],
  ['keras_transfer_xception.py', 20863529, 2049],
  ['keras_transformer_classifier.py', 657758, 657758],
  ['keras_unet_concatenate.py', 500691, 499283],
  ['keras_vae_encoder_sampling_subclass.py', 69076, 69076],
  ['keras_vae_sampling.py', 134165, 134165],
  ['keras_vgg16_feature_extraction.py', 17992001, 3277313],
  ['keras_wide_deep_concat.py', 1392097, 1392097],
];

/**
 * Pastes the reader refuses, with the construct the refusal names: never a number. Their truths stay
 * above, so a paste that becomes readable is checked against its real count at once.
 */
const REFUSED: Record<string, string> = {
  'keras_attention_query_value.py': 'keras.layers.AdditiveAttention',
  'keras_convlstm_next_frame.py': 'keras.layers.ConvLSTM2D',
  'tv_vgg16_classifier_swap.py': 'torchvision.models.vgg16',
};

/** `# settings: x_train=3601x500x1` in a paste: what a user types before the code. */
const settingsOf = (code: string): string => /^# settings: (.*)$/m.exec(code)?.[1] ?? '';

const ROWS = [
  ...PYTORCH.map(([file, n, trainable]) => [file, n, trainable, 'PyTorch 1.13: sum(p.numel())'] as const),
  ...KERAS.map(([file, n, trainable]) => [file, n, trainable, 'Keras 3.15.1 jax: count_params()'] as const),
];

test('the corpus is large enough: at least 60 PyTorch and 40 Keras pastes, a truth for each file', () => {
  expect(PYTORCH.length).toBeGreaterThanOrEqual(60);
  expect(KERAS.length).toBeGreaterThanOrEqual(40);
  const files = readdirSync(new URL('./pastes/corpus/', import.meta.url)).filter((f) => f.endsWith('.py') && !/truth\.py$/.test(f));
  expect(ROWS.map((r) => r[0]).sort()).toEqual(files.sort());
});

describe('the corpus: every paste exact against the real framework, or refused naming the construct, never a wrong number', () => {
  test.each(ROWS)('%s: %i parameters, %i trainable (%s)', (file, totalCount, trainable) => {
    const code = paste(`corpus/${file}`);
    const refused = REFUSED[file];
    if (refused !== undefined) {
      expect(refusal(code, settingsOf(code))).toContain(refused);
      return;
    }
    const r = read(code, settingsOf(code));
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
  test('what the preset does not name is refused by name, never guessed (a name it lacks, classifier[1])', () => {
    // the preset names its blocks as torchvision does (bn1 is one): a name it lacks is refused, never claimed to be PyTorch's
    expect(read('import torchvision\nmodel = torchvision.models.resnet18()\nmodel.bn1.eval()\n').report.counts.total).toBe(11_689_512n);
    expect(refusal('import torchvision\nmodel = torchvision.models.resnet18()\nmodel.fc2.eval()\n')).toContain('`fc2` is not one of them (whether or not');
    expect(refusal('import torch.nn as nn\nimport torchvision\nmodel = torchvision.models.mobilenet_v2()\nmodel.classifier[1] = nn.Linear(1280, 2)\n')).toContain('indexing into it');
  });
  test("a Keras application's inner layers are refused by name, never guessed", () => {
    const code = `${paste('corpus/keras_transfer_xception.py')}\nfor layer in base_model.layers[-20:]:\n    layer.trainable = True\n`;
    expect(refusal(code)).toContain('its `layers` (its inner Keras layers) is not followed');
  });
  test("loops that test torchvision's own names or layer types are refused, since the blocks are the preset's", () => {
    const byName = 'import torchvision\nmodel = torchvision.models.resnet18()\nfor name, p in model.named_parameters():\n    if "bn" in name:\n        p.requires_grad = False\n';
    expect(refusal(byName)).toContain('`named_parameters()` reaches `torchvision.models.resnet18`');
    const byType =
      'import torch.nn as nn\nimport torchvision\nmodel = torchvision.models.resnet18()\nfor m in model.modules():\n    if isinstance(m, nn.Conv2d):\n        m.weight.requires_grad = False\n';
    expect(refusal(byType)).toContain('`modules()` reaches');
  });
  test('a forward stopped by a name the reader does not know keeps the count and says only the shapes stop', () => {
    const code =
      'import torch\nimport torch.nn as nn\nclass M(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(8, 4)\n    def forward(self, x):\n        return self.fc(torch.special.expit(x))\nmodel = M()\ny = model(torch.randn(2, 8))\n';
    const r = read(code);
    expect(r.report.counts.total).toBe(36n);
    expect(reason(r)).toContain('the value comes from `torch.special.expit(…)` (line 8)');
    expect(reason(r)).not.toContain('refused');
    expect(notes(r).join('\n')).toContain('`torch.special` is not something the reader knows: nothing the count is made of comes from it, so it was skipped.');
  });
  test('a subclassed Keras model indexing a dict of inputs, given in=, is refused, not counted 0', () => {
    const code =
      'import keras\nfrom keras import layers\nclass Wide(keras.Model):\n    def __init__(self):\n        super().__init__()\n        self.a = layers.Dense(8)\n        self.out = layers.Dense(1)\n    def call(self, inputs):\n        return self.out(self.a(inputs["num"]))\nmodel = Wide()\n';
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

describe('data, unknown calls and Keras graphs in the corpus pastes', () => {
  test("data read for its shape: the refusal's own advice (`x_train=1000x28x28x1`) is a binding that then works", () => {
    const code = paste('corpus/keras_timeseries_fcn_shape.py');
    const advice = refusal(code);
    expect(advice).toContain('`/count x_train=1000x28x28x1 <code>`');
    // Conv1D (3·1 + 1)·64 = 256, two (3·64 + 1)·64 = 12,352, three BatchNorm 4·64, Dense 64·2 + 2
    expect(read(code, 'x_train=1000x28x1').report.counts).toEqual({ total: 25_858n, trainable: 25_474n, nonTrainable: 384n });
    expect(read(code, 'x_train=3601x500x1').code!.shapes.known).toBe(true);
  });
  test('a size given for a name the code does not read as data stays a tuple (input_shape=28x28x1)', () => {
    const code = 'import keras\nfrom keras import layers\nmodel = keras.Sequential([keras.Input(shape=input_shape), layers.Flatten(), layers.Dense(10)])\n';
    expect(total(read(code, 'input_shape=28x28x1'))).toBe(7_850n);
  });
  test('an unknown call that feeds nothing counted is skipped and named; the count stays (clone_model, pairwise_distance, torch.polar)', () => {
    expect(notes(read(paste('corpus/keras_clone_model_skipped.py'))).join('\n')).toContain(
      '`keras.models.clone_model` is not something the reader knows: nothing the count is made of comes from it, so it was skipped.',
    );
    expect(notes(read(paste('corpus/siamese_shared_cnn.py'))).join('\n')).toContain('`torch.nn.functional.pairwise_distance` is not something');
    expect(total(read(paste('corpus/llama_ffn_multiple_of.py')))).toBe(60_039_680n);
  });
  test('an unknown call that does feed the model is refused by name, never a default', () => {
    const head = 'import torch\nimport torch.nn as nn\n';
    expect(refusal(`${head}n = torch.frobnicate(3)\nmodel = nn.Linear(n, 3)\n`)).toContain('this needs the value of `n`, which line 3 computes with `torch.frobnicate(…)`');
    expect(refusal(`${head}layers = []\nfor c in torch.frobnicate(3):\n    layers.append(nn.Linear(c, c))\nmodel = nn.Sequential(nn.Linear(2, 2), *layers)\n`)).toContain(
      '`torch.frobnicate` is not something the reader knows',
    );
    expect(
      refusal(`${head}class M(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.a = nn.Linear(4, 4)\n        self.b = torch.frobnicate(nn.Linear(4, 4))\nmodel = M()\n`),
    ).toContain('the model holds `torch.frobnicate(…)`');
    expect(
      refusal(`${head}class M(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.w = nn.Parameter(torch.polar(torch.ones(3), torch.ones(3)))\nmodel = M()\n`),
    ).toContain('`torch.polar(…)`');
    expect(refusal('import keras\nfrom keras import layers\ninputs = keras.Input((8,))\nx = keras.ops.frobnicate(inputs)\nmodel = keras.Model(inputs, layers.Dense(2)(x))\n')).toContain(
      'keras.ops.frobnicate',
    );
  });
  test('a comprehension over data that only computes is a value the reader lacks, not a refusal; one that builds is refused', () => {
    const head = 'import numpy as np\nimport torch\nimport torch.nn as nn\nmodel = nn.Linear(4, 2)\n';
    expect(total(read(`${head}m = np.mean([np.mean(w) for w in torch.load("x.pt")])\n`))).toBe(10n);
    expect(refusal(`${head}extra = [nn.Linear(c, c) for c in torch.load("x.pt")]\nmodel = nn.Sequential(model, *extra)\n`)).toContain('torch.load(…)');
  });
  test("Keras: tensors given besides the input (an LSTM's initial_state) bring their layers into the model", () => {
    // encoder LSTM 4·(256·(9 + 256) + 256) = 272,384 reached only through initial_state=
    expect(total(read(paste('corpus/keras_seq2seq_lstm_states.py')))).toBe(553_486n);
  });
  test("Keras layers.dot / Dot: a batched dot product, no weights; the paste's `model` is the one counted", () => {
    const r = read(paste('corpus/keras_dot_cosine_similarity.py'));
    expect(total(r)).toBe(640_003n);
    const dots = rows(r).filter((x) => /^dot/.test(x.name));
    expect(dots.map((x) => [x.counts.total, x.shape])).toEqual([
      [0n, [null, 1]],
      [0n, [null, 1]],
    ]);
    expect(notes(read(paste('corpus/keras_dcgan_discriminator.py'))).join('\n')).toContain('this counts `generator`');
  });
  test('a subclassed Keras model counted after model.build says what Keras 3 shows there', () => {
    expect(notes(read(paste('keras_subclass.py'))).join('\n')).toContain('Keras 3 (and tf.keras from TensorFlow 2.16) only marks the model built');
  });
  test('tensors iterate over their first axis (drop-path rates from torch.linspace), device objects have a type', () => {
    expect(total(read(paste('corpus/convnext_layerscale.py')))).toBe(3_406_620n);
    expect(total(read(paste('corpus/dcgan_generator_ngpu.py')))).toBe(3_576_704n);
    expect(
      total(read('import torch\nimport torch.nn as nn\nmodel = nn.Linear(2, 2)\nx = torch.zeros(1, 2)\nif x.is_xpu or x.is_mps or torch.backends.mps.is_available():\n    model = nn.Linear(2, 3)\n')),
    ).toBe(6n);
  });
});

describe('forwards followed for their shapes', () => {
  test('F.affine_grid and F.grid_sample (the spatial transformer tutorial)', () => {
    const r = read(paste('corpus/stn_affine_grid.py'));
    expect(r.code!.shapes.known).toBe(true);
    expect(rows(r).find((x) => x.name === 'fc1')!.shape).toEqual([64, 50]);
  });
  test('einops rearrange / repeat and the Rearrange layer, torch.einsum: the pattern strings read', () => {
    const vit = read(paste('corpus/vit_einops_rearrange.py'));
    expect(vit.code!.shapes.known).toBe(true);
    // 64×64 in 8×8 patches: 64 patches of 8·8·3 = 192 values, then 256 wide; 100 classes from the cls token
    expect(rows(vit).find((x) => x.name === 'to_patch_embedding.2')!.shape).toEqual([1, 64, 256]);
    expect(rows(vit).find((x) => x.name === 'mlp_head')!.shape).toEqual([1, 100]);
    const linear = read(paste('corpus/einsum_linear_attention.py'));
    expect(linear.code!.shapes.known).toBe(true);
    expect(rows(linear).find((x) => x.name === 'attn.to_out.0')!.shape).toEqual([2, 64, 32, 32]);
  });
  test('an einops pattern that does not fit is said, naming the pattern', () => {
    const code =
      'import torch\nimport torch.nn as nn\nfrom einops import rearrange\nclass M(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(8, 8)\n    def forward(self, x):\n        return self.fc(rearrange(x, "b (h d) -> b h d", h=3))\nmodel = M()\ny = model(torch.randn(2, 8))\n';
    const r = read(code);
    expect(total(r)).toBe(72n);
    expect(reason(r)).toContain("the einops pattern 'b (h d) -> b h d' does not fit: 8 cannot be split by 3");
  });
  test('a pasted subclass of a layer with its own forward (a causal Conv1d trimming its padding) is followed through super().forward', () => {
    const r = read(paste('corpus/wavenet_dilated_stack.py'));
    expect(r.code!.shapes.known).toBe(true);
    expect(rows(r).find((x) => x.name === 'end_conv_2')!.shape).toEqual([1, 256, 1000]);
  });
  test('where a forward stops, the note names the value it stopped on, and the count stays', () => {
    const r = read(paste('corpus/pointnet_stn3d_bmm.py'));
    expect(total(r)).toBe(1_605_134n);
    expect(reason(r)).toContain('the value comes from `numpy.array(…)');
    expect(reason(r)).not.toContain('refused');
  });
});

test('nn.utils.weight_norm: weight_g (the norm along all but dim) and weight_v replace the weight (PyTorch 1.13: 16 and 97)', () => {
  expect(total(read('import torch.nn as nn\nmodel = nn.utils.weight_norm(nn.Linear(4, 3), dim=None)\n'))).toBe(16n);
  expect(total(read("import torch.nn as nn\nfrom torch.nn.utils import weight_norm\nmodel = weight_norm(nn.Conv2d(2, 5, 3), name='weight', dim=1)\n"))).toBe(97n);
  expect(total(read(paste('corpus/tcn_weight_norm.py')))).toBe(66_650n);
});

test('lazy layers take their input size from their first call, as PyTorch does; one never called is refused, never counted 0', () => {
  // PyTorch 1.13: 1,266 for Conv2d(3, 8, 3) 224 + BatchNorm2d(8) 16 + Linear(512, 2) 1,026 once called on (1, 3, 10, 10)
  expect(
    total(read('import torch\nimport torch.nn as nn\nmodel = nn.Sequential(nn.LazyConv2d(8, 3), nn.LazyBatchNorm2d(), nn.Flatten(), nn.LazyLinear(2))\ny = model(torch.zeros(1, 3, 10, 10))\n')),
  ).toBe(1_266n);
  expect(total(read(paste('corpus/d2l_lazy_lenet_loop.py')))).toBe(61_706n);
  expect(total(read('import torch.nn as nn\nmodel = nn.Sequential(nn.LazyLinear(10), nn.ReLU(), nn.LazyLinear(2))\n', 'in=784'))).toBe(7_872n);
  expect(refusal('import torch.nn as nn\nmodel = nn.Sequential(nn.LazyLinear(10), nn.ReLU(), nn.LazyLinear(2))\n')).toContain(
    '`0` (nn.LazyLinear) has no parameters until it sees its first input, and nothing calls it',
  );
});

test('data-derived sizes: the refusal names the variable to give, and giving it works (len(vocab), x_train.shape)', () => {
  const text =
    'import torch.nn as nn\nfrom torchtext.vocab import build_vocab_from_iterator\nvocab = build_vocab_from_iterator(yield_tokens(train_iter), specials=["<unk>"])\nmodel = nn.Sequential(nn.Embedding(len(vocab), 64), nn.Linear(64, 4))\n';
  expect(refusal(text)).toContain('this needs the value of `vocab`, which line 3 computes with `yield_tokens, train_iter`');
  expect(refusal(text)).toContain('`/count vocab=10000 <code>`');
  // 10,000·64 embedding + 64·4 + 4
  expect(total(read(text, 'vocab=10000'))).toBe(640_260n);
  const data =
    'import numpy as np\nimport keras\nfrom keras import layers\nx_train = np.load("x.npy")\nmodel = keras.Sequential([keras.Input(shape=x_train.shape[1:]), layers.Flatten(), layers.Dense(10)])\n';
  expect(refusal(data)).toContain('`/count x_train=1000x28x28x1 <code>`');
  expect(total(read(data, 'x_train=1000x28x28x1'))).toBe(7_850n);
});
