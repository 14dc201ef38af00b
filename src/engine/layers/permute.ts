/**
 * `permute 0,2,3,1`: torchvision's Permute module (torchvision/ops/misc.py), which moves an image's
 * channels last (N×C×H×W → N×H×W×C) so that LayerNorm and Linear act on them, and `permute 0,3,1,2`
 * back. Swin keeps its whole trunk channels last between the two (features.0.1 and `permute`);
 * a ConvNeXt block does around its LayerNorm and MLP.
 *
 * The engine keeps every shape channels last, so a permute changes no shape it computes: it
 * changes the order the framework holds the tensor in, which the tables print (LayerRecord.channels:
 * this row and the rows after it, until the next permute). No parameters.
 */
import { fail } from '../errors.js';
import { msg } from '../../i18n/messages.js';
import type { ChannelsAt } from '../types.js';
import { expectRank } from './common.js';
import { defineKind } from './kind.js';
import { shapeOnly } from './shape.js';

/** The permutations of a batch of images torchvision writes, by where they put the channels. */
const PERMUTATIONS: Readonly<Record<string, ChannelsAt>> = { '0,2,3,1': 'last', '0,3,1,2': 'first' };
const WRITTEN: Readonly<Record<ChannelsAt, string>> = { last: '0,2,3,1', first: '0,3,1,2' };

interface PermuteConfig {
  readonly channels: ChannelsAt;
}

export const permute = defineKind<PermuteConfig>({
  name: 'permute',
  family: 'shape',
  summary: msg('kind.permute'),
  mistake: msg('mistake.shape'),
  args: [{ name: 'DIMS' }],
  options: [],
  example: 'permute 0,2,3,1 in=56x56x96',
  input: { rank: 3, form: 'HxW' },
  parse(a) {
    const dims = a.word('DIMS').replaceAll(' ', '');
    const channels = PERMUTATIONS[dims];
    if (channels === undefined) return fail('err.notAChoice', { token: a.positionalText('DIMS'), what: 'permute', choices: Object.keys(PERMUTATIONS).join(' | ') });
    return { channels };
  },
  print: (c) => `permute ${WRITTEN[c.channels]}`,
  evaluate(c, input) {
    expectRank(input, 3, 'permute', 'H×W×C');
    return { ...shapeOnly(c, 'Permute', input), channels: c.channels };
  },
});
