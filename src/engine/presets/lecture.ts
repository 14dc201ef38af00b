/**
 * The model of the lecture the bot teaches from (shared/seeds/lecture-param-count.zh-TW.txt):
 * VGG16 with a 2-class head, written in the /count language exactly as its summary table lists
 * the layers. The engine must reproduce that table row for row (test/engine/vgg16-lecture.test.ts).
 */
export const LECTURE_VGG16 = [
  'input 224x224x3',
  'conv 64 3 pad=same', 'conv 64 3 pad=same', 'maxpool 2',
  'conv 128 3 pad=same', 'conv 128 3 pad=same', 'maxpool 2',
  'conv 256 3 pad=same', 'conv 256 3 pad=same', 'conv 256 3 pad=same', 'maxpool 2',
  'conv 512 3 pad=same', 'conv 512 3 pad=same', 'conv 512 3 pad=same', 'maxpool 2',
  'conv 512 3 pad=same', 'conv 512 3 pad=same', 'conv 512 3 pad=same', 'maxpool 2',
  'flatten', 'dense 4096', 'dropout 0.5', 'dense 4096', 'dropout 0.5', 'dense 2',
].join(' > ');
