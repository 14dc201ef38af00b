/**
 * What a model takes besides its first input, and parameters that belong to no layer:
 *
 * - `newinput SHAPE`: another input of the model (CLIP's image beside its text, LLaVA's image
 *   beside its prompt). What follows starts from a tensor of that shape; inside `side { ... }` the
 *   model goes on from where it was. No parameters.
 * - `timesteps DIM`: a diffusion model's timestep as DIM sinusoidal features (diffusers'
 *   `Timesteps`, the `time_proj` of a UNet): computed, no parameters, whatever the input.
 * - `param SHAPE`: an nn.Parameter held directly by a module (CLIP's `logit_scale`), its own row as
 *   PyTorch's named_parameters() lists it. Its input goes on unchanged.
 */
import { lit, product } from '../expr.js';
import { msg } from '../../i18n/messages.js';
import { tensor } from './common.js';
import { defineKind, type Kind } from './kind.js';
import { shapeOnly } from './shape.js';

interface Dims {
  readonly dims: readonly number[];
}

export const newinput = defineKind<Dims>({
  name: 'newinput',
  aliases: ['input2'],
  family: 'shape',
  summary: msg('kind.newinput'),
  mistake: msg('mistake.shape'),
  args: [{ name: 'SHAPE' }],
  options: [],
  example: 'newinput 224x224x3',
  input: { rank: 'any', form: 'HxWxC' },
  parse: (a) => ({ dims: a.dims('SHAPE') }),
  print: (c) => `newinput ${c.dims.join('x')}`,
  evaluate: (c) => shapeOnly(c, 'Input', c.dims),
});

export const timesteps = defineKind<{ readonly size: number }>({
  name: 'timesteps',
  aliases: ['timestep'],
  family: 'transformer',
  summary: msg('kind.timesteps'),
  mistake: msg('mistake.timesteps'),
  args: [{ name: 'DIM' }],
  options: [],
  example: 'timesteps 320',
  input: { rank: 'any', form: 'N' },
  parse: (a) => ({ size: a.size('DIM') }),
  print: (c) => `timesteps ${c.size}`,
  evaluate: (c) => shapeOnly(c, 'Timesteps', [c.size]),
});

export const param = defineKind<Dims>({
  name: 'param',
  aliases: ['parameter'],
  family: 'transformer',
  summary: msg('kind.param'),
  mistake: msg('mistake.param'),
  args: [{ name: 'SHAPE' }],
  options: [],
  example: 'param 1',
  input: { rank: 'any', form: 'N' },
  parse: (a) => ({ dims: a.dims('SHAPE') }),
  print: (c) => `param ${c.dims.join('x')}`,
  evaluate: (c, input) => ({
    resolved: c,
    typeName: 'Parameter',
    // The parameter is the module path itself (`logit_scale`): no sub-name.
    tensors: [tensor('', c.dims, 'weight')],
    formula: () => product(...c.dims.map((d) => lit(d))),
    outputShape: input,
    macs: 0n,
    conventionSensitive: false,
  }),
});

export const inputKinds: readonly Kind[] = [newinput, timesteps, param];
