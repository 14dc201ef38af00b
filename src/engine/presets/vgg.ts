/**
 * VGG16 and VGG19 (Simonyan & Zisserman 2014), as keras.applications.VGG16/VGG19 and
 * torchvision.models.vgg16/vgg19 build them: 3×3 same-padded convolutions in five blocks, each
 * closed by a 2×2 max pool, then 4096-4096-classes dense layers. torchvision puts an
 * AdaptiveAvgPool2d(7) before flattening (a no-op at 224×224).
 */
import { block, inputOf, layer, layers, type Preset } from './preset.js';

const WIDTHS = [64, 128, 256, 512, 512];

function vgg(name: string, depths: readonly number[]): Preset {
  return {
    name,
    aliases: [],
    sources: { keras: `keras.applications.${name.toUpperCase()}`, pytorch: `torchvision.models.${name}` },
    build(o, framework) {
      const features = WIDTHS.map((width, i) =>
        block(`block${i + 1}`, [...Array.from({ length: depths[i]! }, () => layer(`conv ${width} 3 pad=same`)), layer('maxpool 2')]),
      );
      const head = o.top
        ? [
            ...(framework === 'pytorch' ? layers('adaptivepool 7') : []),
            layer('flatten'),
            block('fc1', layers('dense 4096')),
            block('fc2', layers('dense 4096')),
            block('predictions', layers(`dense ${o.classes}`)),
          ]
        : [];
      return { input: inputOf(o), nodes: [...features, ...head] };
    },
  };
}

export const vgg16 = vgg('vgg16', [2, 2, 3, 3, 3]);
export const vgg19 = vgg('vgg19', [2, 2, 4, 4, 4]);
