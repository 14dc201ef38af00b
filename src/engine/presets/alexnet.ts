/**
 * AlexNet as torchvision.models.alexnet builds it (the single-GPU variant of Krizhevsky et al.
 * 2012, after "One weird trick", arXiv:1404.5997): five convolutions, an AdaptiveAvgPool2d(6), and
 * three dense layers. Keras Applications has no AlexNet.
 */
import { block, inputOf, layer, layers, type Preset } from './preset.js';

export const alexnet: Preset = {
  name: 'alexnet',
  aliases: [],
  sources: { pytorch: 'torchvision.models.alexnet' },
  build(o) {
    return {
      input: inputOf(o),
      nodes: [
        block('features', layers(
          'conv 64 11 stride=4 pad=2', 'relu', 'maxpool 3 stride=2',
          'conv 192 5 pad=2', 'relu', 'maxpool 3 stride=2',
          'conv 384 3 pad=1', 'relu', 'conv 256 3 pad=1', 'relu', 'conv 256 3 pad=1', 'relu', 'maxpool 3 stride=2',
        )),
        ...(o.top
          ? [
              layer('adaptivepool 6'),
              layer('flatten'),
              block('fc1', layers('dropout 0.5', 'dense 4096', 'relu')),
              block('fc2', layers('dropout 0.5', 'dense 4096', 'relu')),
              block('predictions', layers(`dense ${o.classes}`)),
            ]
          : []),
      ],
    };
  },
};
