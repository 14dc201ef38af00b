/**
 * The Keras Applications table (keras.io/api/applications), one row per model, with where each
 * number comes from. keras.io lists parameters in millions only, so the exact figures are:
 *
 * - [P] published: `model.summary()` of tf.keras 2.x, printed in a public study repository,
 *   variablejun/keras4 keras2/keras71_ALL_TransferLeaning.py @ 05216749 (the models frozen, so it
 *   shows each Total; the same Totals appear in the data files' `# source:` of resnet50, mobilenet,
 *   mobilenetv2 and densenet121, published before).
 * - [T] cross-checked: torchvision 0.14 builds the same architecture; sum(p.numel() for p in
 *   model.parameters()) equals the Keras trainable count, and the BatchNorms' running_mean and
 *   running_var equal the Keras non-trainable count (+ 7 for EfficientNet's adapted Normalization:
 *   mean 3, variance 3, count 1). Measured with torchvision 0.14 (densenet169/201,
 *   mobilenet_v3_small/large, efficientnet_b0–b7, efficientnet_v2_s/m/l, convnext_tiny/small/base/large).
 * - [C] computed from the definition: keras/src/applications/*.py of Keras 3.16.0 (keras-team/keras
 *   @ 3422977), written down in the data files and counted by the engine; where a row has no [P] or
 *   [T], this is its only source.
 *
 * `noTop` is include_top=False ([C]: the total less the classifier); `features` and `head` say what
 * the classifier is, (features + 1)·classes plus `head` fixed parameters (MobileNetV3's Conv_2 with
 * bias), so a row checks its own total against its no-top count.
 */
export interface KerasRow {
  readonly name: string;
  readonly total: number;
  readonly nonTrainable: number;
  readonly noTop: number;
  readonly features: number;
  readonly head?: number;
  /** Where the total and split come from (see above). */
  readonly source: 'P' | 'P+T' | 'T' | 'C';
  /** The torchvision 0.14 count of the same architecture (PyTorch conventions), where there is one. */
  readonly torch?: number;
}

export const KERAS_APPLICATIONS: readonly KerasRow[] = [
  // Xception [P] 22,910,480; split [C]: 54,528 = 2 × 27,264 BatchNorm channels
  { name: 'xception', total: 22_910_480, nonTrainable: 54_528, noTop: 20_861_480, features: 2048, source: 'P' },
  { name: 'vgg16', total: 138_357_544, nonTrainable: 0, noTop: 14_714_688, features: 4096, head: 102_764_544 + 16_781_312, source: 'P' },
  { name: 'vgg19', total: 143_667_240, nonTrainable: 0, noTop: 20_024_384, features: 4096, head: 102_764_544 + 16_781_312, source: 'P' },
  { name: 'resnet50', total: 25_636_712, nonTrainable: 53_120, noTop: 23_587_712, features: 2048, source: 'P' },
  // ResNet101/152 [P]; split [C]: 2 × 52,672 and 2 × 75,712 BatchNorm channels
  { name: 'resnet101', total: 44_707_176, nonTrainable: 105_344, noTop: 42_658_176, features: 2048, source: 'P' },
  { name: 'resnet152', total: 60_419_944, nonTrainable: 151_424, noTop: 58_370_944, features: 2048, source: 'P' },
  // ResNetV2 [P]; split [C]
  { name: 'resnet50v2', total: 25_613_800, nonTrainable: 45_440, noTop: 23_564_800, features: 2048, source: 'P' },
  { name: 'resnet101v2', total: 44_675_560, nonTrainable: 97_664, noTop: 42_626_560, features: 2048, source: 'P' },
  { name: 'resnet152v2', total: 60_380_648, nonTrainable: 143_744, noTop: 58_331_648, features: 2048, source: 'P' },
  // InceptionV3, InceptionResNetV2 [P]; split [C]: BatchNorm(scale=False) keeps β and the two statistics
  { name: 'inceptionv3', total: 23_851_784, nonTrainable: 34_432, noTop: 21_802_784, features: 2048, source: 'P' },
  { name: 'inceptionresnetv2', total: 55_873_736, nonTrainable: 60_544, noTop: 54_336_736, features: 1536, source: 'P' },
  { name: 'mobilenet', total: 4_253_864, nonTrainable: 21_888, noTop: 3_228_864, features: 1024, source: 'P' },
  { name: 'mobilenetv2', total: 3_538_984, nonTrainable: 34_112, noTop: 2_257_984, features: 1280, source: 'P' },
  // MobileNetV3 [P] and [T]: torchvision mobilenet_v3_small 2,542,856 / large 5,483,032 parameters, 12,112 / 24,400 BN statistics
  { name: 'mobilenetv3small', total: 2_554_968, nonTrainable: 12_112, noTop: 939_120, features: 1024, head: 577 * 1024, source: 'P+T', torch: 2_542_856 },
  { name: 'mobilenetv3large', total: 5_507_432, nonTrainable: 24_400, noTop: 2_996_352, features: 1280, head: 961 * 1280, source: 'P+T', torch: 5_483_032 },
  // DenseNet [P] and [T]: torchvision densenet169 14,149,480 / densenet201 20,013,928, BN statistics 158,400 / 229,056
  { name: 'densenet121', total: 8_062_504, nonTrainable: 83_648, noTop: 7_037_504, features: 1024, source: 'P+T', torch: 7_978_856 },
  { name: 'densenet169', total: 14_307_880, nonTrainable: 158_400, noTop: 12_642_880, features: 1664, source: 'P+T', torch: 14_149_480 },
  { name: 'densenet201', total: 20_242_984, nonTrainable: 229_056, noTop: 18_321_984, features: 1920, source: 'P+T', torch: 20_013_928 },
  // NASNet [P]; split [C] (torchvision has no NASNet)
  { name: 'nasnetmobile', total: 5_326_716, nonTrainable: 36_738, noTop: 4_269_716, features: 1056, source: 'P' },
  { name: 'nasnetlarge', total: 88_949_818, nonTrainable: 196_668, noTop: 84_916_818, features: 4032, source: 'P' },
  // EfficientNet B0, B1, B7 [P]; B0–B7 [T]: torchvision efficientnet_bN parameters = trainable, BN statistics + 7 = non-trainable
  { name: 'efficientnetb0', total: 5_330_571, nonTrainable: 42_023, noTop: 4_049_571, features: 1280, source: 'P+T', torch: 5_288_548 },
  { name: 'efficientnetb1', total: 7_856_239, nonTrainable: 62_055, noTop: 6_575_239, features: 1280, source: 'P+T', torch: 7_794_184 },
  { name: 'efficientnetb2', total: 9_177_569, nonTrainable: 67_575, noTop: 7_768_569, features: 1408, source: 'T', torch: 9_109_994 },
  { name: 'efficientnetb3', total: 12_320_535, nonTrainable: 87_303, noTop: 10_783_535, features: 1536, source: 'T', torch: 12_233_232 },
  { name: 'efficientnetb4', total: 19_466_823, nonTrainable: 125_207, noTop: 17_673_823, features: 1792, source: 'T', torch: 19_341_616 },
  { name: 'efficientnetb5', total: 30_562_527, nonTrainable: 172_743, noTop: 28_513_527, features: 2048, source: 'T', torch: 30_389_784 },
  { name: 'efficientnetb6', total: 43_265_143, nonTrainable: 224_439, noTop: 40_960_143, features: 2304, source: 'T', torch: 43_040_704 },
  { name: 'efficientnetb7', total: 66_658_687, nonTrainable: 310_727, noTop: 64_097_687, features: 2560, source: 'P+T', torch: 66_347_960 },
  // EfficientNetV2 B0–B3 [C] (torchvision has only S/M/L); S/M/L [T]: efficientnet_v2_s/m/l parameters = trainable, BN statistics = non-trainable
  { name: 'efficientnetv2b0', total: 7_200_312, nonTrainable: 60_608, noTop: 5_919_312, features: 1280, source: 'C' },
  { name: 'efficientnetv2b1', total: 8_212_124, nonTrainable: 71_072, noTop: 6_931_124, features: 1280, source: 'C' },
  { name: 'efficientnetv2b2', total: 10_178_374, nonTrainable: 82_288, noTop: 8_769_374, features: 1408, source: 'C' },
  { name: 'efficientnetv2b3', total: 14_467_622, nonTrainable: 109_216, noTop: 12_930_622, features: 1536, source: 'C' },
  { name: 'efficientnetv2s', total: 21_612_360, nonTrainable: 153_872, noTop: 20_331_360, features: 1280, source: 'T', torch: 21_458_488 },
  { name: 'efficientnetv2m', total: 54_431_388, nonTrainable: 292_032, noTop: 53_150_388, features: 1280, source: 'T', torch: 54_139_356 },
  { name: 'efficientnetv2l', total: 119_027_848, nonTrainable: 512_576, noTop: 117_746_848, features: 1280, source: 'T', torch: 118_515_272 },
  // ConvNeXt: no BatchNorm, nothing non-trainable. Tiny–Large [T]: torchvision convnext_tiny/small/base/large
  // (the same layers: LayerNorms, depthwise 7×7 with bias, pointwise Linear, layer scale); XLarge [C]
  { name: 'convnext_tiny', total: 28_589_128, nonTrainable: 0, noTop: 27_820_128, features: 768, source: 'T', torch: 28_589_128 },
  { name: 'convnext_small', total: 50_223_688, nonTrainable: 0, noTop: 49_454_688, features: 768, source: 'T', torch: 50_223_688 },
  { name: 'convnext_base', total: 88_591_464, nonTrainable: 0, noTop: 87_566_464, features: 1024, source: 'T', torch: 88_591_464 },
  { name: 'convnext_large', total: 197_767_336, nonTrainable: 0, noTop: 196_230_336, features: 1536, source: 'T', torch: 197_767_336 },
  { name: 'convnext_xlarge', total: 350_196_968, nonTrainable: 0, noTop: 348_147_968, features: 2048, source: 'C' },
];
