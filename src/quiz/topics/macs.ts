/** MACs of a convolution: positions of the output × multiply-accumulates per position (bias left out). */
import { msg } from '../../i18n/messages.js';
import { evaluate, mistake, n, type TopicGenerator } from '../question.js';

export const macs: TopicGenerator = (rng, level) => {
  const side = rng.pick(level === 'easy' ? [8, 16, 28, 32] : [28, 56, 112, 224]);
  const cin = rng.pick(level === 'easy' ? [3, 8] : [16, 32, 64]);
  const cout = rng.pick(level === 'easy' ? [8, 16, 32] : [32, 64, 128]);
  const k = rng.pick([1, 3]);
  if (level === 'easy' || level === 'medium') {
    const stride = level === 'easy' ? 1 : 2;
    const spec = `conv ${cin} ${cout} ${k} pad=same${stride === 1 ? '' : ` stride=${stride}`} in=${side}x${side}`;
    const r = evaluate(spec);
    const answer = r.report.macs!;
    const out = r.report.output[0] as number;
    const perPosition = k * k * cin * cout;
    return {
      prompt: stride === 1 ? msg('q.macs', { side: String(side), cin: n(cin), cout: n(cout), k: String(k) }) : msg('q.macsStride', { side: String(side), cin: n(cin), cout: n(cout), k: String(k) }),
      spec,
      answer,
      mistakes: [
        mistake('perPositionOnly', perPosition, 'why.perPositionOnly', { positions: `${out}×${out}` }),
        mistake('flopsNotMacs', 2n * answer, 'why.flopsNotMacs'),
        stride === 1
          ? mistake('countedBias', answer + BigInt(out * out * cout), 'why.countedBias')
          : mistake('usedInputSize', BigInt(side * side) * BigInt(perPosition), 'why.usedInputSize', { side: String(side), out: String(out) }),
        mistake('forgotInputChannels', out * out * k * k * cout, 'why.forgotInputChannels', { cin: n(cin) }),
      ],
      working: [`${out}×${out} × ${k}×${k}×${cin}×${cout} = ${n(answer)}`],
    };
  }
  const c = rng.pick([32, 64, 128]);
  const spec = `dwconv ${c} 3 pad=same in=${side}x${side}`;
  const r = evaluate(spec);
  const answer = r.report.macs!;
  return {
    prompt: msg('q.macsDepthwise', { side: String(side), c: n(c) }),
    spec,
    answer,
    mistakes: [
      mistake('depthwiseAsStandard', answer * BigInt(c), 'why.depthwiseAsStandard'),
      mistake('flopsNotMacs', 2n * answer, 'why.flopsNotMacs'),
      mistake('perPositionOnly', 9 * c, 'why.perPositionOnly', { positions: `${side}×${side}` }),
    ],
    working: [`${side}×${side} × 3×3×${c} = ${n(answer)}`],
  };
};
