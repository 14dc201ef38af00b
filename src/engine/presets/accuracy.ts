/**
 * Published ImageNet-1k top-1 accuracies, for /compare: never measured here, never invented. One
 * row per model and framework, each citing where it is published:
 *
 * - Keras: the table "Available models" of keras.io/api/applications, column "Top-1 Accuracy"
 *   (keras-team/keras-io, templates/api/applications/index.md at e7be306b).
 * - torchvision 0.14: the `_metrics` "ImageNet-1K" "acc@1" of each model's weights, IMAGENET1K_V1
 *   (the original training recipe; later V2 weights of the same architecture score higher), in
 *   torchvision/models/<file>.py.
 *
 * It covers the presets /count has and the well-known models the presets will grow to, so that
 * /compare draws a model as soon as its preset exists. Accuracies are kept as the sources print
 * them (decimal text), so the table shows exactly the published figure.
 */
import type { Framework } from '../types.js';

export interface Published {
  /** The model as its framework names it: VGG16, ResNet50, mobilenet_v2 → MobileNetV2. */
  readonly display: string;
  readonly framework: Framework;
  /** Top-1 accuracy in percent, as published: "71.3", "71.592". */
  readonly top1: string;
  readonly source: string;
}

const KERAS = 'keras.io/api/applications, Top-1 Accuracy';
const torchvision = (file: string, weights: string) => `torchvision 0.14 ${file} ${weights}.IMAGENET1K_V1 acc@1`;

/** [display name, Keras top-1 %] from the keras.io table. */
const KERAS_ROWS: ReadonlyArray<readonly [string, string]> = [
  ['Xception', '79.0'],
  ['VGG16', '71.3'],
  ['VGG19', '71.3'],
  ['ResNet50', '74.9'],
  ['ResNet50V2', '76.0'],
  ['ResNet101', '76.4'],
  ['ResNet101V2', '77.2'],
  ['ResNet152', '76.6'],
  ['ResNet152V2', '78.0'],
  ['InceptionV3', '77.9'],
  ['InceptionResNetV2', '80.3'],
  ['MobileNet', '70.4'],
  ['MobileNetV2', '71.3'],
  ['DenseNet121', '75.0'],
  ['DenseNet169', '76.2'],
  ['DenseNet201', '77.3'],
  ['NASNetMobile', '74.4'],
  ['NASNetLarge', '82.5'],
  ['EfficientNetB0', '77.1'],
  ['EfficientNetB1', '79.1'],
  ['EfficientNetB2', '80.1'],
  ['EfficientNetB3', '81.6'],
  ['EfficientNetB4', '82.9'],
  ['EfficientNetB5', '83.6'],
  ['EfficientNetB6', '84.0'],
  ['EfficientNetB7', '84.3'],
  ['EfficientNetV2B0', '78.7'],
  ['EfficientNetV2B1', '79.8'],
  ['EfficientNetV2B2', '80.5'],
  ['EfficientNetV2B3', '82.0'],
  ['EfficientNetV2S', '83.9'],
  ['EfficientNetV2M', '85.3'],
  ['EfficientNetV2L', '85.7'],
];

/** [display name, torchvision file, weights enum, acc@1] from torchvision 0.14. */
const TORCHVISION_ROWS: ReadonlyArray<readonly [string, string, string, string]> = [
  ['AlexNet', 'alexnet.py', 'AlexNet_Weights', '56.522'],
  ['VGG11', 'vgg.py', 'VGG11_Weights', '69.020'],
  ['VGG13', 'vgg.py', 'VGG13_Weights', '69.928'],
  ['VGG16', 'vgg.py', 'VGG16_Weights', '71.592'],
  ['VGG19', 'vgg.py', 'VGG19_Weights', '72.376'],
  ['VGG16_BN', 'vgg.py', 'VGG16_BN_Weights', '73.360'],
  ['VGG19_BN', 'vgg.py', 'VGG19_BN_Weights', '74.218'],
  ['ResNet18', 'resnet.py', 'ResNet18_Weights', '69.758'],
  ['ResNet34', 'resnet.py', 'ResNet34_Weights', '73.314'],
  ['ResNet50', 'resnet.py', 'ResNet50_Weights', '76.130'],
  ['ResNet101', 'resnet.py', 'ResNet101_Weights', '77.374'],
  ['ResNet152', 'resnet.py', 'ResNet152_Weights', '78.312'],
  ['ResNeXt50_32X4D', 'resnet.py', 'ResNeXt50_32X4D_Weights', '77.618'],
  ['Wide_ResNet50_2', 'resnet.py', 'Wide_ResNet50_2_Weights', '78.468'],
  ['GoogLeNet', 'googlenet.py', 'GoogLeNet_Weights', '69.778'],
  ['Inception_V3', 'inception.py', 'Inception_V3_Weights', '77.294'],
  ['SqueezeNet1_0', 'squeezenet.py', 'SqueezeNet1_0_Weights', '58.092'],
  ['SqueezeNet1_1', 'squeezenet.py', 'SqueezeNet1_1_Weights', '58.178'],
  ['DenseNet121', 'densenet.py', 'DenseNet121_Weights', '74.434'],
  ['DenseNet161', 'densenet.py', 'DenseNet161_Weights', '77.138'],
  ['DenseNet169', 'densenet.py', 'DenseNet169_Weights', '75.600'],
  ['DenseNet201', 'densenet.py', 'DenseNet201_Weights', '76.896'],
  ['MobileNet_V2', 'mobilenetv2.py', 'MobileNet_V2_Weights', '71.878'],
  ['MobileNet_V3_Large', 'mobilenetv3.py', 'MobileNet_V3_Large_Weights', '74.042'],
  ['MobileNet_V3_Small', 'mobilenetv3.py', 'MobileNet_V3_Small_Weights', '67.668'],
  ['ShuffleNet_V2_X0_5', 'shufflenetv2.py', 'ShuffleNet_V2_X0_5_Weights', '60.552'],
  ['ShuffleNet_V2_X1_0', 'shufflenetv2.py', 'ShuffleNet_V2_X1_0_Weights', '69.362'],
  ['EfficientNet_B0', 'efficientnet.py', 'EfficientNet_B0_Weights', '77.692'],
  ['EfficientNet_B1', 'efficientnet.py', 'EfficientNet_B1_Weights', '78.642'],
  ['EfficientNet_B2', 'efficientnet.py', 'EfficientNet_B2_Weights', '80.608'],
  ['EfficientNet_B3', 'efficientnet.py', 'EfficientNet_B3_Weights', '82.008'],
  ['EfficientNet_B4', 'efficientnet.py', 'EfficientNet_B4_Weights', '83.384'],
  ['EfficientNet_B5', 'efficientnet.py', 'EfficientNet_B5_Weights', '83.444'],
  ['EfficientNet_B6', 'efficientnet.py', 'EfficientNet_B6_Weights', '84.008'],
  ['EfficientNet_B7', 'efficientnet.py', 'EfficientNet_B7_Weights', '84.122'],
  ['EfficientNet_V2_S', 'efficientnet.py', 'EfficientNet_V2_S_Weights', '84.228'],
  ['EfficientNet_V2_M', 'efficientnet.py', 'EfficientNet_V2_M_Weights', '85.112'],
  ['EfficientNet_V2_L', 'efficientnet.py', 'EfficientNet_V2_L_Weights', '85.808'],
  ['ConvNeXt_Tiny', 'convnext.py', 'ConvNeXt_Tiny_Weights', '82.520'],
  ['ConvNeXt_Small', 'convnext.py', 'ConvNeXt_Small_Weights', '83.616'],
  ['ConvNeXt_Base', 'convnext.py', 'ConvNeXt_Base_Weights', '84.062'],
  ['ConvNeXt_Large', 'convnext.py', 'ConvNeXt_Large_Weights', '84.414'],
  ['ViT_B_16', 'vision_transformer.py', 'ViT_B_16_Weights', '81.072'],
  ['ViT_B_32', 'vision_transformer.py', 'ViT_B_32_Weights', '75.912'],
  ['ViT_L_16', 'vision_transformer.py', 'ViT_L_16_Weights', '79.662'],
  ['ViT_L_32', 'vision_transformer.py', 'ViT_L_32_Weights', '76.972'],
  ['Swin_T', 'swin_transformer.py', 'Swin_T_Weights', '81.474'],
  ['Swin_S', 'swin_transformer.py', 'Swin_S_Weights', '83.196'],
  ['Swin_B', 'swin_transformer.py', 'Swin_B_Weights', '83.582'],
  ['Swin_V2_T', 'swin_transformer.py', 'Swin_V2_T_Weights', '82.072'],
  ['Swin_V2_S', 'swin_transformer.py', 'Swin_V2_S_Weights', '83.712'],
  ['Swin_V2_B', 'swin_transformer.py', 'Swin_V2_B_Weights', '84.112'],
  ['MaxVit_T', 'maxvit.py', 'MaxVit_T_Weights', '83.700'],
];

/** How any name of a model is looked up: `mobilenet_v2`, `MobileNetV2` and `mobilenetv2` are one model. */
export const modelKey = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, '');

const byKey = new Map<string, Partial<Record<Framework, Published>>>();
const add = (p: Published) => {
  const key = modelKey(p.display);
  byKey.set(key, { ...byKey.get(key), [p.framework]: p });
};
for (const [display, top1] of KERAS_ROWS) add({ display, framework: 'keras', top1, source: KERAS });
for (const [name, file, weights, top1] of TORCHVISION_ROWS) add({ display: name, framework: 'pytorch', top1, source: torchvision(`torchvision/models/${file}`, weights) });

/** Every model with a published accuracy, as its framework names it (each must have a preset: a test). */
export const PUBLISHED_MODELS: readonly string[] = [...byKey.values()].flatMap((rows) => Object.values(rows).map((p) => p.display));

/** The published top-1 of a model in a framework, by any of its names; undefined if none is published. */
export function publishedAccuracy(names: readonly string[], framework: Framework): Published | undefined {
  for (const name of names) {
    const found = byKey.get(modelKey(name))?.[framework];
    if (found) return found;
  }
  return undefined;
}

/** The display name a framework gives a model, for titles ("VGG16", "MobileNetV2"). */
export function displayName(names: readonly string[]): string | undefined {
  for (const name of names) {
    const rows = byKey.get(modelKey(name));
    if (rows) return (rows.keras ?? rows.pytorch)!.display;
  }
  return undefined;
}
