/**
 * torchvision 0.14's CNN classifiers (torchvision.models), one entry per model builder, with the
 * numbers each preset must reproduce under PyTorch conventions.
 *
 * `numParams` is the "num_params" of the model's weights in torchvision 0.14 (the `meta` of its
 * `*_Weights` enum in torchvision/models/<file>.py, shown on the model's docs page), which is
 * sum(p.numel() for p in model.parameters()) of the model the builder makes. The other rows are
 * worked out from it with the classifier's own layers, read in the same file:
 *
 * - `classes=N` (num_classes=N): the classifier's last layer has `perClass` parameters per class
 *   (a Linear(IN, N) has IN + 1: its weights and bias), so N = 10 removes 990·perClass;
 * - `top=false`: without the classifier (`fixed` parameters besides the 1,000 classes' share)
 *   and the global pool: model.features (or everything before model.fc) alone.
 *
 * GoogLeNet and Inception-v3 have auxiliary classifiers, worked out in TORCHVISION_AUX below.
 */

/** A classifier's parameters for N classes: fixed + perClass·N. */
export interface Head {
  readonly fixed: number;
  readonly perClass: number;
}

/** nn.Linear(inFeatures, N) as the whole classifier (an nn.Conv2d(inFeatures, N, 1) counts the same). */
const linear = (inFeatures: number): Head => ({ fixed: 0, perClass: inFeatures + 1 });

export interface TorchvisionModel {
  /** The torchvision.models builder, which is the preset's name. */
  readonly name: string;
  readonly numParams: number;
  readonly head: Head;
  /** The weights enum whose meta publishes numParams. */
  readonly weights: string;
}

const model = (name: string, weights: string, numParams: number, head: Head): TorchvisionModel => ({ name, weights, numParams, head });

/** VGG's classifier: Linear(512·7·7, 4096), Linear(4096, 4096), Linear(4096, N) (vgg.py). */
const VGG_HEAD: Head = { fixed: (25_088 + 1) * 4_096 + (4_096 + 1) * 4_096, perClass: 4_096 + 1 };

export const TORCHVISION_CNN: readonly TorchvisionModel[] = [
  // densenet.py: classifier = Linear(num_features, N)
  model('densenet161', 'DenseNet161_Weights', 28_681_000, linear(2_208)),
  model('densenet169', 'DenseNet169_Weights', 14_149_480, linear(1_664)),
  model('densenet201', 'DenseNet201_Weights', 20_013_928, linear(1_920)),
  // efficientnet.py: classifier = Dropout, Linear(lastconv_output_channels, N); B: 4 × the last stage's width
  model('efficientnet_b0', 'EfficientNet_B0_Weights', 5_288_548, linear(1_280)),
  model('efficientnet_b1', 'EfficientNet_B1_Weights', 7_794_184, linear(1_280)),
  model('efficientnet_b2', 'EfficientNet_B2_Weights', 9_109_994, linear(1_408)),
  model('efficientnet_b3', 'EfficientNet_B3_Weights', 12_233_232, linear(1_536)),
  model('efficientnet_b4', 'EfficientNet_B4_Weights', 19_341_616, linear(1_792)),
  model('efficientnet_b5', 'EfficientNet_B5_Weights', 30_389_784, linear(2_048)),
  model('efficientnet_b6', 'EfficientNet_B6_Weights', 43_040_704, linear(2_304)),
  model('efficientnet_b7', 'EfficientNet_B7_Weights', 66_347_960, linear(2_560)),
  model('efficientnet_v2_s', 'EfficientNet_V2_S_Weights', 21_458_488, linear(1_280)),
  model('efficientnet_v2_m', 'EfficientNet_V2_M_Weights', 54_139_356, linear(1_280)),
  model('efficientnet_v2_l', 'EfficientNet_V2_L_Weights', 118_515_272, linear(1_280)),
  // mnasnet.py: classifier = Dropout, Linear(1280, N)
  model('mnasnet0_5', 'MNASNet0_5_Weights', 2_218_512, linear(1_280)),
  model('mnasnet0_75', 'MNASNet0_75_Weights', 3_170_208, linear(1_280)),
  model('mnasnet1_0', 'MNASNet1_0_Weights', 4_383_312, linear(1_280)),
  model('mnasnet1_3', 'MNASNet1_3_Weights', 6_282_256, linear(1_280)),
  // mobilenetv3.py: classifier = Linear(6 × last out, last_channel), Hardswish, Dropout, Linear(last_channel, N)
  model('mobilenet_v3_large', 'MobileNet_V3_Large_Weights', 5_483_032, { fixed: (960 + 1) * 1_280, perClass: 1_280 + 1 }),
  model('mobilenet_v3_small', 'MobileNet_V3_Small_Weights', 2_542_856, { fixed: (576 + 1) * 1_024, perClass: 1_024 + 1 }),
  // regnet.py: fc = Linear(the last stage's width, N)
  model('regnet_x_400mf', 'RegNet_X_400MF_Weights', 5_495_976, linear(400)),
  model('regnet_x_800mf', 'RegNet_X_800MF_Weights', 7_259_656, linear(672)),
  model('regnet_x_1_6gf', 'RegNet_X_1_6GF_Weights', 9_190_136, linear(912)),
  model('regnet_x_3_2gf', 'RegNet_X_3_2GF_Weights', 15_296_552, linear(1_008)),
  model('regnet_x_8gf', 'RegNet_X_8GF_Weights', 39_572_648, linear(1_920)),
  model('regnet_x_16gf', 'RegNet_X_16GF_Weights', 54_278_536, linear(2_048)),
  model('regnet_x_32gf', 'RegNet_X_32GF_Weights', 107_811_560, linear(2_520)),
  model('regnet_y_400mf', 'RegNet_Y_400MF_Weights', 4_344_144, linear(440)),
  model('regnet_y_800mf', 'RegNet_Y_800MF_Weights', 6_432_512, linear(784)),
  model('regnet_y_1_6gf', 'RegNet_Y_1_6GF_Weights', 11_202_430, linear(888)),
  model('regnet_y_3_2gf', 'RegNet_Y_3_2GF_Weights', 19_436_338, linear(1_512)),
  model('regnet_y_8gf', 'RegNet_Y_8GF_Weights', 39_381_472, linear(2_016)),
  model('regnet_y_16gf', 'RegNet_Y_16GF_Weights', 83_590_140, linear(3_024)),
  model('regnet_y_32gf', 'RegNet_Y_32GF_Weights', 145_046_770, linear(3_712)),
  model('regnet_y_128gf', 'RegNet_Y_128GF_Weights', 644_812_894, linear(7_392)),
  // resnet.py: fc = Linear(512 × 4, N)
  model('resnet101', 'ResNet101_Weights', 44_549_160, linear(2_048)),
  model('resnet152', 'ResNet152_Weights', 60_192_808, linear(2_048)),
  model('resnext50_32x4d', 'ResNeXt50_32X4D_Weights', 25_028_904, linear(2_048)),
  model('resnext101_32x8d', 'ResNeXt101_32X8D_Weights', 88_791_336, linear(2_048)),
  model('resnext101_64x4d', 'ResNeXt101_64X4D_Weights', 83_455_272, linear(2_048)),
  model('wide_resnet50_2', 'Wide_ResNet50_2_Weights', 68_883_240, linear(2_048)),
  model('wide_resnet101_2', 'Wide_ResNet101_2_Weights', 126_886_696, linear(2_048)),
  // shufflenetv2.py: fc = Linear(stages_out_channels[-1], N)
  model('shufflenet_v2_x0_5', 'ShuffleNet_V2_X0_5_Weights', 1_366_792, linear(1_024)),
  model('shufflenet_v2_x1_0', 'ShuffleNet_V2_X1_0_Weights', 2_278_604, linear(1_024)),
  model('shufflenet_v2_x1_5', 'ShuffleNet_V2_X1_5_Weights', 3_503_624, linear(1_024)),
  model('shufflenet_v2_x2_0', 'ShuffleNet_V2_X2_0_Weights', 7_393_996, linear(2_048)),
  // squeezenet.py: the classifier's final_conv = Conv2d(512, N, kernel_size=1), with its bias
  model('squeezenet1_0', 'SqueezeNet1_0_Weights', 1_248_424, linear(512)),
  model('squeezenet1_1', 'SqueezeNet1_1_Weights', 1_235_496, linear(512)),
  // vgg.py
  model('vgg11', 'VGG11_Weights', 132_863_336, VGG_HEAD),
  model('vgg11_bn', 'VGG11_BN_Weights', 132_868_840, VGG_HEAD),
  model('vgg13', 'VGG13_Weights', 133_047_848, VGG_HEAD),
  model('vgg13_bn', 'VGG13_BN_Weights', 133_053_736, VGG_HEAD),
  model('vgg16_bn', 'VGG16_BN_Weights', 138_365_992, VGG_HEAD),
  model('vgg19_bn', 'VGG19_BN_Weights', 143_678_248, VGG_HEAD),
];

/**
 * The two models with auxiliary classifiers, whose builders without weights keep them
 * (aux_logits=True: GoogLeNet's and Inception3's default). Each aux head, from the code:
 *
 * - GoogLeNet InceptionAux(in): BasicConv2d(in, 128, 1) = in·128 + BatchNorm 2·128, fc1
 *   Linear(2048, 1024) = 2,098,176, fc2 Linear(1024, N) = 1,025·N. aux1 reads 512 channels
 *   (3,188,968 at N = 1,000), aux2 528 (3,191,016). GoogLeNet_Weights' num_params, 6,624,904, is the
 *   pretrained model, which googlenet(weights=...) builds and then strips of both heads.
 * - Inception-v3 InceptionAux(768): conv0 BasicConv2d(768, 128, 1) = 98,304 + 256, conv1
 *   BasicConv2d(128, 768, 5) = 2,457,600 + 1,536, fc Linear(768, N) = 769·N: 3,326,696 at
 *   N = 1,000. Inception_V3_Weights' num_params, 27,161,264, includes it.
 */
const googlenetAux = (inChannels: number, classes: number) => inChannels * 128 + 2 * 128 + 2_098_176 + 1_025 * classes;
const inceptionAux = (classes: number) => 98_304 + 256 + 2_457_600 + 1_536 + 769 * classes;
const GOOGLENET = 6_624_904; // GoogLeNet_Weights.IMAGENET1K_V1 num_params, without the aux heads
const INCEPTION_V3 = 27_161_264; // Inception_V3_Weights.IMAGENET1K_V1 num_params, with AuxLogits

export const TORCHVISION_AUX: ReadonlyArray<readonly [spec: string, total: number]> = [
  ['googlenet', GOOGLENET + googlenetAux(512, 1_000) + googlenetAux(528, 1_000)],
  ['googlenet aux_logits=false', GOOGLENET],
  ['googlenet classes=10', GOOGLENET - 1_025 * 990 + googlenetAux(512, 10) + googlenetAux(528, 10)],
  ['googlenet classes=10 aux_logits=false', GOOGLENET - 1_025 * 990],
  // fc = Linear(1024, N); top=false drops the aux heads with it
  ['googlenet top=false', GOOGLENET - 1_025 * 1_000],
  ['inception_v3', INCEPTION_V3],
  ['inception_v3 aux_logits=false', INCEPTION_V3 - inceptionAux(1_000)],
  ['inception_v3 classes=10', INCEPTION_V3 - 2_049 * 990 - 769 * 990],
  ['inception_v3 classes=10 aux_logits=false', INCEPTION_V3 - inceptionAux(1_000) - 2_049 * 990],
  // fc = Linear(2048, N)
  ['inception_v3 top=false', INCEPTION_V3 - inceptionAux(1_000) - 2_049 * 1_000],
];

/** Every preset these tables cover. */
export const TORCHVISION_CNN_NAMES: readonly string[] = [...TORCHVISION_CNN.map((m) => m.name), 'googlenet', 'inception_v3'];
