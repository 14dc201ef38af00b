/**
 * A ViT's image turned into tokens, one piece per row as torchvision's VisionTransformer holds
 * them (torchvision/models/vision_transformer.py), so each row is named as named_modules() and
 * named_parameters() name it:
 *
 * - `tokens`: the patch convolution's H×W×C map read as a sequence of H·W tokens (its
 *   `_process_input`: reshape and permute, applied as functions: no module, no parameters).
 * - `classtoken`: the learned class token (`class_token`, 1×1×D, a parameter of the model itself)
 *   put before the tokens: T×D becomes (T + 1)×D.
 * - `posparam`: a learned position per token (`encoder.pos_embedding`, 1×T×D, a parameter of the
 *   encoder) added to the tokens. Unlike `posembed` (an nn.Embedding with a row per position up to
 *   a maximum) it has exactly as many rows as the sequence has tokens, the class token's included.
 *
 * `patchembed` keeps the three together in one row, as Hugging Face's ViTEmbeddings and CLIP's
 * vision embeddings are one module.
 */
import { fail } from '../errors.js';
import { type Expr, lit, noWeights, product } from '../expr.js';
import { formatInt } from '../format.js';
import { msg } from '../../i18n/messages.js';
import { expectRank, resolveFeatures, tensor } from './common.js';
import type { Shape } from '../types.js';
import { defineKind, mistake, type Kind, type MistakeDef } from './kind.js';
import { printed } from './transformer.js';

interface TokensConfig {
  readonly kind: 'tokens';
}

export const tokens = defineKind<TokensConfig>({
  name: 'tokens',
  aliases: ['totokens'],
  family: 'shape',
  summary: msg('kind.tokens'),
  mistake: msg('mistake.shape'),
  args: [],
  options: [],
  example: 'tokens in=14x14x768',
  input: { rank: 3, form: 'HxWxC' },
  parse: () => ({ kind: 'tokens' }),
  print: () => 'tokens',
  evaluate(c, input, framework) {
    expectRank(input, 3, 'tokens', 'H×W×C');
    const [height = null, width = null, channels = null] = input;
    const steps = height === null || width === null ? null : height * width;
    // Keras writes it as a Reshape((-1, C)); PyTorch as reshape and permute in forward.
    return { resolved: c, typeName: framework === 'keras' ? 'Reshape' : 'Tokens', tensors: [], formula: noWeights, outputShape: [steps, channels], macs: 0n, conventionSensitive: false };
  },
});

/** The width of the tokens a learned parameter goes with: given, or the sequence's. */
interface TokenParamConfig {
  readonly model: number | undefined;
}

type ResolvedTokenParam = TokenParamConfig & { readonly model: number };

/** What sets one learned tensor of the sequence apart from the other: its shape and what it does to the sequence. */
interface TokenParameter {
  readonly name: 'classtoken' | 'posparam';
  /** torchvision's attribute name. */
  readonly alias: string;
  readonly example: string;
  /** Its shape, worked formula and the sequence after it, for T tokens (null: unknown) of D. */
  held(steps: number | null, d: number): { readonly shape: readonly number[]; readonly formula: () => Expr; readonly output: Shape };
  readonly mistakes: readonly MistakeDef<ResolvedTokenParam>[];
}

function tokenParameter(p: TokenParameter): Kind {
  return defineKind<TokenParamConfig, ResolvedTokenParam>({
    name: p.name,
    aliases: [p.alias],
    family: 'transformer',
    summary: msg(`kind.${p.name}`),
    mistake: msg(`mistake.${p.name}`),
    args: [{ name: 'D', inferable: true }],
    options: [],
    example: p.example,
    input: { rank: 2, form: 'T', features: (c) => c.model },
    parse: (a) => ({ model: a.inferableSize('D') }),
    print: (c) => printed(p.name, c.model),
    evaluate(c, input) {
      expectRank(input, 2, p.name, 'T×D');
      const d = resolveFeatures(c.model, input, p.name, 'D');
      const { shape, formula, output } = p.held(input[0] ?? null, d);
      return {
        resolved: { ...c, model: d },
        typeName: 'Parameter',
        // The parameter is the row itself (`class_token`, `encoder.pos_embedding`): no sub-name.
        tensors: [tensor('', shape, 'weight')],
        formula,
        outputShape: output,
        macs: 0n, // put before the tokens or added to them: no multiply-accumulates of weights
        conventionSensitive: false,
      };
    },
    mistakes: p.mistakes,
  });
}

export const classtoken = tokenParameter({
  name: 'classtoken',
  alias: 'class_token',
  example: 'classtoken 768 in=196',
  held: (steps, d) => ({ shape: [1, 1, d], formula: () => lit(d, 'D'), output: [steps === null ? null : steps + 1, d] }),
  mistakes: [
    // it is one vector for the whole model, not one per token
    mistake(
      'classTokenPerToken',
      'structure',
      ({ config: c, output }) => {
        const steps = output[0] ?? null;
        return steps === null ? undefined : BigInt(steps) * BigInt(c.model);
      },
      ({ config: c }) => msg('why.classTokenOnce', { d: formatInt(c.model) }),
    ),
  ],
});

export const posparam = tokenParameter({
  name: 'posparam',
  alias: 'pos_embedding',
  example: 'posparam 768 in=197',
  held(steps, d) {
    // One position per token: the table's size is the sequence's, which must be known.
    if (steps === null) return fail('err.needsIn', { kind: 'posparam', form: 'T' });
    return { shape: [1, steps, d], formula: () => product(lit(steps, 'T'), lit(d, 'D')), output: [steps, d] };
  },
  mistakes: [
    // the class token has a position too: (N + 1)×D, not N×D
    mistake(
      'positionsWithoutClass',
      'shape',
      ({ config: c, input }) => {
        const steps = input[0] ?? null;
        return steps === null || steps < 2 ? undefined : BigInt(steps - 1) * BigInt(c.model);
      },
      ({ input }) => msg('why.positionOfClass', { t: formatInt(input[0] ?? 0) }),
    ),
  ],
});

export const tokenKinds: readonly Kind[] = [tokens, classtoken, posparam];
