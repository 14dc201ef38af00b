/**
 * The worst specs the engine accepts, as an attacker would write them: each as large as the
 * limits allow (engine/limits.ts) in the dimension that multiplies work, within `maxChars` (the
 * engine's own 20,000, or a platform's: a Discord option takes 6,000). `variant` changes a number
 * so that repeated requests are all distinct and no cache can answer them.
 */
import { LIMITS as CODE_LIMITS } from '../src/engine/code/limits.js';
import { LIMITS } from '../src/engine/limits.js';

const repeat = (n: number, text: string, sep: string) => Array.from({ length: n }, () => text).join(sep);

/** `head > segment > segment ...` with as many segments as the layer limit and `maxChars` allow. */
function chain(head: string, segment: string, maxChars: number, sep = ' > '): string {
  const room = Math.floor((maxChars - head.length) / (segment.length + sep.length));
  return `${head}${sep}${repeat(Math.min(room, LIMITS.layers - 1), segment, sep)}`;
}

export interface Adversary {
  readonly name: string;
  readonly spec: (variant: number, maxChars?: number) => string;
}

export const ADVERSARIAL: readonly Adversary[] = [
  { name: 'stacked LSTM at the layers bound', spec: (v) => `lstm ${128 + v} 256 layers=${LIMITS.stackedLayers} bidirectional=true in=1000` },
  { name: 'widest shapes on the most layers', spec: (v, max = LIMITS.specChars) => chain(`input ${2_000_000_000 + v}x${repeat(LIMITS.axes - 1, '2147483647', 'x')}`, 'relu', max) },
  { name: 'a thousand convolutions', spec: (v, max = LIMITS.specChars) => chain(`input ${64 + v}x64x3`, 'conv 8 3 pad=same', max) },
  { name: 'a thousand attention layers', spec: (v, max = LIMITS.specChars) => chain(`input ${512 + v}x512`, 'mha 8', max) },
  { name: 'hundreds of pasted nn.Linear', spec: (v, max = LIMITS.specChars) => `nn.Sequential(${chain(`nn.Linear(${16 + v}, 16)`, 'nn.Linear(16, 16)', max - 16, ', ')})` },
  { name: 'pasted code at the nesting bound', spec: (v) => `nn.Linear(${'('.repeat(CODE_LIMITS.nesting - 1)}${v + 1}${')'.repeat(CODE_LIMITS.nesting - 1)}, 2)` },
  { name: 'the largest sizes', spec: (v) => `conv ${2_147_483_647 - v} 2147483647 3x5 in=2147483647x2147483647` },
  { name: 'a preset, every layer', spec: (v) => `resnet50 classes=${1000 + v} --layers --framework pytorch` },
  { name: 'the largest preset, every layer', spec: (v) => `llama-2-13b in=${4000 + v} --layers --memory` },
  {
    name: 'a repeated block at the expanded-layers bound',
    spec: (v) => `input ${512 + v}x512 > { residual { ln > attention 8 kv_heads=2 } > residual { ln > swiglu 1376 } } x${Math.floor(LIMITS.layers / 6)} --layers`,
  },
  { name: 'widest shapes repeated to the expanded-layers bound', spec: (v) => `input ${2_000_000_000 + v}x${repeat(LIMITS.axes - 1, '2147483647', 'x')} > { relu } x${LIMITS.layers - 1}` },
  { name: 'empty groups at the units bound', spec: (v) => `input ${4 + v} > { { { } x20 } x18 } x20` },
  {
    // Every call with its own arguments: no instance is shared, every layer parsed, evaluated (twice:
    // BatchNorm counts differently under the other framework) and rendered.
    name: 'distinct def instances at the expanded-layers bound',
    spec: (v) => {
      const b = `def b(c) { ${Array.from({ length: 10 }, (_, i) => `l c+${i}`).join(' > ')} }`;
      const g = `def g(c) { ${Array.from({ length: 10 }, (_, i) => `b c+${10 * i}`).join(' > ')} }`;
      const calls = Array.from({ length: Math.floor(LIMITS.layers / 300) }, (_, i) => `g ${1 + 100 * i}`).join(' > ');
      return `def l(c) { conv c 3 pad=same > bn > relu }\n${b}\n${g}\ninput ${64 + v}x64x3 > ${calls}`;
    },
  },
  {
    name: 'defs calling defs to the expansion budget',
    spec: (v) =>
      `def d0(c) { dense c }\n${Array.from({ length: 3 }, (_, i) => `def d${i + 1}(c) { ${repeat(Math.floor(Math.cbrt(LIMITS.layers)), `d${i} c`, ' > ')} }`).join('\n')}\ninput ${8 + v} > d3 8`,
  },
];

/** A Discord string option's limit: what an abuser can send in one /count there. */
export const DISCORD_OPTION_CHARS = 6_000;
