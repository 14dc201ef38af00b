/** SimpleRNN, LSTM and GRU: gates × (input + recurrent + bias), and the frameworks' bias conventions. */
import { msg } from '../../i18n/messages.js';
import { countQuestion, mistake, n, type TopicGenerator } from '../question.js';

export const recurrent: TopicGenerator = (rng, level) => {
  const i = rng.pick(level === 'easy' ? [8, 16, 32, 64] : [32, 64, 128, 256]);
  const h = rng.pick(level === 'easy' ? [16, 32, 64] : [64, 128, 256, 512]);
  if (level === 'easy') {
    return countQuestion(msg('q.simpleRnn', { in: n(i), h: n(h) }), `rnn ${i} ${h}`, () => [
      mistake('forgotRecurrent', i * h + h, 'why.forgotRecurrent', { h: n(h) }),
      mistake('forgotBias', i * h + h * h, 'why.forgotBias', { n: n(h) }),
      mistake('otherFrameworkBiases', i * h + h * h + 2 * h, 'why.torchBiases'),
    ]);
  }
  if (level === 'medium') {
    return countQuestion(msg('q.lstmKeras', { in: n(i), h: n(h) }), `lstm ${i} ${h}`, () => [
      mistake('forgotGates', i * h + h * h + h, 'why.forgotGates', { gates: '4' }),
      mistake('forgotRecurrent', 4 * (i * h + h), 'why.forgotRecurrent', { h: n(h) }),
      mistake('otherFrameworkBiases', 4 * (i * h + h * h + 2 * h), 'why.torchBiases'),
    ]);
  }
  const cell = rng.pick(['gru', 'lstm'] as const);
  const bidirectional = cell === 'lstm';
  const gates = cell === 'gru' ? 3 : 4;
  const per = (g: number, biases: number) => g * (i * h + h * h + biases * h);
  const directions = bidirectional ? 2 : 1;
  const prompt = bidirectional ? msg('q.lstmTorchBidirectional', { in: n(i), h: n(h) }) : msg('q.gruTorch', { in: n(i), h: n(h) });
  return countQuestion(prompt, `${cell} ${i} ${h}${bidirectional ? ' bidirectional=true' : ''} --framework pytorch`, () => [
    mistake('otherFrameworkBiases', directions * per(gates, 1), 'why.kerasBiases'),
    mistake('wrongGateCount', directions * per(gates === 3 ? 4 : 3, 2), 'why.wrongGateCount', { cell: cell.toUpperCase(), gates: String(gates) }),
    bidirectional
      ? mistake('forgotDirections', per(gates, 2), 'why.forgotDirections')
      : mistake('forgotRecurrent', gates * (i * h + 2 * h), 'why.forgotRecurrent', { h: n(h) }),
  ]);
};
