/** Students paste framework code; it must mean what it means to the framework. */
import { describe, expect, it } from 'vitest';
import { count } from '../../src/engine/count.js';
import { translateCode } from '../../src/engine/code.js';
import { errorOf } from '../support/count.js';

describe('PyTorch code', () => {
  it.each([
    ['nn.Conv2d(3, 64, kernel_size=3, bias=False)', 'conv 3 64 3 bias=false', 1_728n],
    ['nn.Conv2d(3, 64, 3)', 'conv 3 64 3', 1_792n],
    ['nn.Conv2d(64, 128, (3, 3), stride=2, padding=1, groups=2)', 'conv 64 128 3x3 stride=2 pad=1 groups=2', 36_992n],
    ['nn.Linear(512, 10)', 'dense 512 10', 5_130n],
    ['nn.BatchNorm2d(64)', 'bn 64', 128n],
    ['nn.LSTM(128, 256, num_layers=2, bidirectional=True)', 'lstm 128 256 layers=2 bidirectional=true', 2_367_488n],
    ['torch.nn.Embedding(10000, 128)', 'embedding 10000 128', 1_280_000n],
    ['nn.ConvTranspose2d(64, 32, 4, 2, 1)', 'deconv 64 32 4 stride=2 pad=1', 32_800n],
    ['nn.MultiheadAttention(512, 8)', 'mha 8 512', 1_050_624n],
    ['nn.PReLU()', 'prelu per=one', 1n],
    ['nn.PReLU(64)', 'prelu per=channel in=64', 64n],
    ['nn.GroupNorm(32, 256)', 'gn 32 256', 512n],
    ['nn.LayerNorm(768)', 'ln 768', 1_536n],
    ['nn.Linear(512 // 2, 10 * 2)', 'dense 256 20', 5_140n],
    ['nn.Linear(16 * 5 * 5, 120)', 'dense 400 120', 48_120n],
  ])('%s', (code, spec, total) => {
    expect(translateCode(code)).toEqual({ spec, framework: 'pytorch' });
    const result = count(code);
    expect(result.framework).toBe('pytorch');
    expect(result.report.counts.total).toBe(total);
  });

  it('reads nn.Sequential, ignoring functions and class headers', () => {
    const code = `
class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, 32, 3),   # 320
            nn.ReLU(inplace=True),
            nn.MaxPool2d(2),
            nn.Flatten(),
            nn.Linear(32 * 13 * 13, 10),
        )
    def forward(self, x):
        return F.log_softmax(self.features(x), dim=1)
`;
    expect(count(code).report.counts.total).toBe(320n + 5_409n * 10n);
    // a size the reader cannot work out is refused by name, never guessed
    expect(() => count(code.replace('32 * 13 * 13', 'n_flat'))).toThrow(/`in_features` must be a number/);
  });
});

describe('Keras code', () => {
  it('layers after an Input infer their input channels', () => {
    const code = `
inputs = keras.Input(shape=(28, 28, 1))
model = keras.Sequential([
    layers.Input((28, 28, 1)),
    layers.Conv2D(32, (3, 3), activation="relu"),
    layers.MaxPooling2D((2, 2)),
    layers.Flatten(),
    layers.Dropout(0.5),
    layers.Dense(10, activation="softmax"),
])`;
    const result = count(code);
    expect(result.framework).toBe('keras');
    expect(result.report.counts.total).toBe(320n + (13n * 13n * 32n + 1n) * 10n);
  });
  it('model.add(...) and input_shape=', () => {
    const code = 'model.add(layers.Dense(64, input_shape=(784,)))\nmodel.add(layers.BatchNormalization())\nmodel.add(layers.Dense(10))';
    const { counts } = count(code).report;
    expect(counts.total).toBe(785n * 64n + 256n + 650n);
    expect(counts.nonTrainable).toBe(128n);
  });
  it('Bidirectional(LSTM) and frozen layers', () => {
    expect(count('layers.Input((20, 32))\nlayers.Bidirectional(layers.LSTM(64))').report.counts.total).toBe(2n * 4n * (32n * 64n + 64n * 64n + 64n));
    expect(count('layers.Input((8,))\nlayers.Dense(4, trainable=False)').report.counts.nonTrainable).toBe(36n);
  });
  it('a bare LSTM(64) without a namespace is read as Keras', () => {
    expect(translateCode('LSTM(64)')).toEqual({ spec: 'lstm 64', framework: undefined });
  });
});

describe('refused code, one clear line each', () => {
  it.each([
    ['nn.Conv2d(3, 64)', /missing its `kernel_size`/],
    ['nn.Transformer(512)', /`Transformer` is not a layer ParamQuiz knows/],
    ['nn.LSTM(10, 20, proj_size=5)', /proj_size/],
    ['nn.Linear(10, 5, bogus=1)', /no argument `bogus=`/],
    ['nn.Linear(10, 20)\nlayers.Dense(5)', /mixes PyTorch/],
    ['nn.Conv2d(3, 64, 3', /near `end of input`: expected \)/],
    ['print(1)', /No layers found/],
  ])('%s', (code, message) => {
    expect(errorOf(code)).toMatch(message);
  });
});
