/**
 * ResNets (He et al. 2015).
 * - Keras (keras.applications.ResNet50): convolutions WITH bias, then BatchNorm; the stride sits
 *   on the first 1×1 convolution of a stage; zero padding layers before conv1 and the max pool.
 * - torchvision (resnet18, resnet50): convolutions without bias (BatchNorm's β makes it
 *   redundant); the stride sits on the 3×3 convolution (ResNet v1.5). Hence the different totals.
 * Keras Applications has no ResNet18: under Keras conventions it is torchvision's architecture.
 */
import type { Node } from '../model.js';
import { block, inputOf, layer, layers, residual, type Preset, type PresetOptions } from './preset.js';

const STAGE_WIDTHS = [64, 128, 256, 512];

/** Keras ResNet50 `block1`: 1×1 (stride) → 3×3 → 1×1 ×4, projection shortcut on the first block. */
function kerasBottleneck(filters: number, stride: number, project: boolean): Node {
  const s = stride === 1 ? '' : ` stride=${stride}`;
  return residual(
    layers(`conv ${filters} 1${s}`, 'bn', 'relu', `conv ${filters} 3 pad=same`, 'bn', 'relu', `conv ${4 * filters} 1`, 'bn'),
    project ? layers(`conv ${4 * filters} 1${s}`, 'bn') : [],
  );
}

function kerasResNet50(o: PresetOptions): { input: readonly number[]; nodes: Node[] } {
  const stages = [3, 4, 6, 3].map((blocks, i) =>
    block(
      `conv${i + 2}`,
      Array.from({ length: blocks }, (_, b) => kerasBottleneck(STAGE_WIDTHS[i]!, b === 0 && i > 0 ? 2 : 1, b === 0)),
    ),
  );
  return {
    input: inputOf(o),
    nodes: [
      block('conv1', layers('zeropad 3', 'conv 64 7 stride=2', 'bn', 'relu', 'zeropad 1', 'maxpool 3 stride=2')),
      ...stages,
      ...(o.top ? [layer('gap'), block('predictions', layers(`dense ${o.classes}`))] : []),
    ],
  };
}

/** torchvision BasicBlock (resnet18/34) or Bottleneck (resnet50+), downsample when shapes change. */
function torchBlock(kind: 'basic' | 'bottleneck', planes: number, stride: number, inChannels: number): Node {
  const s = stride === 1 ? '' : ` stride=${stride}`;
  const expansion = kind === 'basic' ? 1 : 4;
  const main =
    kind === 'basic'
      ? layers(`conv ${planes} 3${s} pad=1 bias=false`, 'bn', 'relu', `conv ${planes} 3 pad=1 bias=false`, 'bn')
      : layers(`conv ${planes} 1 bias=false`, 'bn', 'relu', `conv ${planes} 3${s} pad=1 bias=false`, 'bn', 'relu', `conv ${planes * expansion} 1 bias=false`, 'bn');
  const downsample = stride !== 1 || inChannels !== planes * expansion;
  return residual(main, downsample ? layers(`conv ${planes * expansion} 1${s} bias=false`, 'bn') : []);
}

function torchResNet(kind: 'basic' | 'bottleneck', depths: readonly number[]) {
  return (o: PresetOptions): { input: readonly number[]; nodes: Node[] } => {
    const expansion = kind === 'basic' ? 1 : 4;
    let channels = 64;
    const stages = depths.map((blocks, i) => {
      const planes = STAGE_WIDTHS[i]!;
      const nodes = Array.from({ length: blocks }, (_, b) => {
        const node = torchBlock(kind, planes, b === 0 && i > 0 ? 2 : 1, channels);
        channels = planes * expansion;
        return node;
      });
      return block(`layer${i + 1}`, nodes);
    });
    return {
      input: inputOf(o),
      nodes: [
        block('conv1', layers('conv 64 7 stride=2 pad=3 bias=false', 'bn', 'relu', 'maxpool 3 stride=2 pad=1')),
        ...stages,
        ...(o.top ? [layer('gap'), block('fc', layers(`dense ${o.classes}`))] : []),
      ],
    };
  };
}

const torchResNet18 = torchResNet('basic', [2, 2, 2, 2]);
const torchResNet50 = torchResNet('bottleneck', [3, 4, 6, 3]);

export const resnet50: Preset = {
  name: 'resnet50',
  aliases: ['resnet'],
  sources: { keras: 'keras.applications.ResNet50', pytorch: 'torchvision.models.resnet50' },
  build: (o, framework) => (framework === 'keras' ? kerasResNet50(o) : torchResNet50(o)),
};

export const resnet18: Preset = {
  name: 'resnet18',
  aliases: [],
  sources: { pytorch: 'torchvision.models.resnet18' },
  build: (o) => torchResNet18(o),
};
