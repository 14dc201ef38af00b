/**
 * MobileNet (Howard et al. 2017) and MobileNetV2 (Sandler et al. 2018) as keras.applications builds
 * them (alpha=1, depth_multiplier=1): convolutions without bias, each followed by BatchNorm.
 * Keras pads explicitly before strided depthwise convolutions; `pad=1` (as torchvision) gives the same
 * shapes and no parameters differ. torchvision's mobilenet_v2 is the same network, so under PyTorch
 * conventions (BatchNorm statistics are buffers) it comes to torchvision's count.
 */
import type { Node } from '../model.js';
import { block, inputOf, layers, residual, type Preset } from './preset.js';

/** [pointwise filters, stride] of MobileNet's 13 depthwise-separable blocks. */
const MOBILENET_BLOCKS: ReadonlyArray<readonly [number, number]> = [
  [64, 1], [128, 2], [128, 1], [256, 2], [256, 1], [512, 2],
  [512, 1], [512, 1], [512, 1], [512, 1], [512, 1], [1024, 2], [1024, 1],
];

export const mobilenet: Preset = {
  name: 'mobilenet',
  aliases: ['mobilenetv1'],
  sources: { keras: 'keras.applications.MobileNet' },
  build(o) {
    const blocks = MOBILENET_BLOCKS.map(([filters, stride], i) =>
      block(`conv_dw_${i + 1}`, layers(`dwconv 3 stride=${stride} pad=1 bias=false`, 'bn', 'relu6', `conv ${filters} 1 bias=false`, 'bn', 'relu6')),
    );
    const top = o.top
      ? [block('predictions', layers('gap keepdims=true', 'dropout 0.001', `conv ${o.classes} 1`, `reshape ${o.classes}`, 'softmax'))]
      : [];
    return {
      input: inputOf(o),
      nodes: [block('conv1', layers('conv 32 3 stride=2 pad=1 bias=false', 'bn', 'relu6')), ...blocks, ...top],
    };
  },
};

/** [expansion, output channels, repeats, first stride] per stage of MobileNetV2. */
const MOBILENET_V2_STAGES: ReadonlyArray<readonly [number, number, number, number]> = [
  [1, 16, 1, 1], [6, 24, 2, 2], [6, 32, 3, 2], [6, 64, 4, 2], [6, 96, 3, 1], [6, 160, 3, 2], [6, 320, 1, 1],
];

function invertedResidual(inChannels: number, expansion: number, outChannels: number, stride: number): Node[] {
  const main = layers(
    ...(expansion === 1 ? [] : [`conv ${inChannels * expansion} 1 bias=false`, 'bn', 'relu6']),
    `dwconv 3 stride=${stride} pad=1 bias=false`,
    'bn',
    'relu6',
    `conv ${outChannels} 1 bias=false`,
    'bn',
  );
  // The skip connection exists only where the block keeps the shape.
  return stride === 1 && inChannels === outChannels ? [residual(main)] : main;
}

export const mobilenetv2: Preset = {
  name: 'mobilenetv2',
  aliases: ['mobilenet_v2'],
  sources: { keras: 'keras.applications.MobileNetV2', pytorch: 'torchvision.models.mobilenet_v2' },
  build(o) {
    let channels = 32;
    let id = 0;
    const blocks: Node[] = [];
    for (const [expansion, out, repeats, firstStride] of MOBILENET_V2_STAGES) {
      for (let r = 0; r < repeats; r++) {
        blocks.push(block(`block_${id++}`, invertedResidual(channels, expansion, out, r === 0 ? firstStride : 1)));
        channels = out;
      }
    }
    return {
      input: inputOf(o),
      nodes: [
        block('Conv1', layers('conv 32 3 stride=2 pad=1 bias=false', 'bn', 'relu6')),
        ...blocks,
        block('Conv_1', layers('conv 1280 1 bias=false', 'bn', 'relu6')),
        ...(o.top ? [block('predictions', layers('gap', `dense ${o.classes}`))] : []),
      ],
    };
  },
};
