/** English messages: the layers Keras Applications models use (preprocessing, LayerScale, cropping) and `from` branches. */
import type { P } from '../params.js';

export const keras = {
  'kind.rescaling': () => `Rescaling: x·scale + offset (Keras preprocessing); two constants, no parameters.`,
  'kind.normalization': () => `Keras Normalization: (x − mean)/√variance per channel; adapted, its mean, variance and count are 2·C + 1 non-trainable weights.`,
  'kind.crop': () => `Cropping of H and W (Keras Cropping2D); no parameters.`,

  'mistake.rescaling': () => `scale and offset are constants of the layer, not weights: Rescaling has no parameters.`,
  'mistake.normalization': () =>
    `an adapted Normalization keeps the mean and variance per channel and the count of samples seen: 2·C + 1, all non-trainable; with mean= and variance= given they are constants (0).`,

  'note.normalizationKeras': (p: P<'c'>) => `Keras convention: adapted to data, the layer keeps mean (${p.c}), variance (${p.c}) and count (1) as non-trainable weights; none are trained.`,
  'note.normalizationTorch': (p: P<'c'>) =>
    `PyTorch convention: a mean and std kept in a module are buffers, not parameters (torchvision normalizes in its transforms). Keras's summary shows 2×${p.c} + 1 non-trainable.`,
  'note.normalizationFixed': () => `mean= and variance= given as numbers: constants of the layer, not weights (EfficientNetV2, ConvNeXt).`,

  'why.rescalingConstants': () => `Rescaling's scale and offset are fixed numbers given when the layer is made: no weights.`,
  'why.normalizationNoAffine': () => `Normalization learns nothing: no γ or β as in BatchNorm, only the statistics adapt() measured (or none when they are given).`,
  'why.normalizationCount': () => `an adapted Keras Normalization also keeps the count of samples it saw: one more weight.`,
  'why.normalizationConstants': () => `with mean= and variance= given, the statistics are constants of the layer, not weights: 0 parameters.`,
  'why.layerscaleNoShift': () => `LayerScale only multiplies: it has γ but no β.`,
  'why.cropOneSide': (p: P<'p'>) => `cropping ${p.p} removes ${p.p} from both sides: H − 2·${p.p}.`,

  'err.edges': (p: P<'token' | 'what'>) => `\`${p.token}\` is not a valid ${p.what}: expected N, NxM, B:A (before:after) or B:AxB:A.`,
  'err.cropTooLarge': (p: P<'kind' | 'shape' | 'crop'>) => `\`${p.kind} ${p.crop}\` leaves nothing of a ${p.shape} input.`,
  'err.fromBefore': (p: P<'name'>) => `\`from ${p.name}\`: no layer or group named \`${p.name}\` has been evaluated before it.`,
  'err.fromName': (p: P<'token'>) => `\`${p.token}\`: \`from\` takes one name: from NAME.`,

  'opt.fixed': () => `fixed=true a Normalization with mean= and variance= given: constants, no weights`,
  'opt.preprocessing': () => `preprocessing=false a Keras preset without its Rescaling/Normalization (include_preprocessing=False)`,
};
