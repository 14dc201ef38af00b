/**
 * The three examples of the issue, pasted as written: the 60-minute blitz `Net`, pytorch/examples'
 * MNIST `Net` (the whole main.py, argparse and all), keras.io's "Simple MNIST convnet" (the whole
 * example, data loading and training included), and a Keras 2 `Dense(64, input_dim=100)`.
 */
import { describe, expect, it } from 'vitest';
import { notes, paste, read, reason, refusal, row, rows, total } from './helpers.js';

describe('PyTorch 60-minute blitz: Net', () => {
  // pytorch.org/tutorials/beginner/blitz/neural_networks_tutorial.html; PyTorch 1.13 (pastes/verify.py): 61,706
  const net = paste('tutorial_net.py');

  it('counts 61,706, one row per module as named in the class', () => {
    const result = read(net);
    expect(result.framework).toBe('pytorch');
    expect(total(result)).toBe(61_706n);
    expect(rows(result).map((r) => [r.name, r.type, r.counts.total])).toEqual([
      ['conv1', 'Conv2d', 156n],
      ['conv2', 'Conv2d', 2_416n],
      ['fc1', 'Linear', 48_120n],
      ['fc2', 'Linear', 10_164n],
      ['fc3', 'Linear', 850n],
    ]);
  });

  it('follows forward with in= (C×H×W) and gives shapes and MACs; without it says why not', () => {
    const result = read(net, 'in=1x32x32');
    expect(row(result, 'conv1').shape).toEqual([1, 6, 28, 28]);
    expect(row(result, 'fc1').shape).toEqual([1, 120]);
    expect(row(result, 'fc3').shape).toEqual([1, 10]);
    // weight MACs: 28·28·(5·5·1)·6 + 10·10·(5·5·6)·16 + 400·120 + 120·84 + 84·10
    expect(result.report.macs).toBe(117_600n + 240_000n + 48_000n + 10_080n + 840n);
    expect(reason(read(net))).toMatch(/in=1x28x28/);
  });

  it('follows the tutorial`s own call `out = net(input)`, backward and all', () => {
    const result = read(`${net}\ninput = torch.randn(1, 1, 32, 32)\nout = net(input)\nprint(out)\nnet.zero_grad()\nout.backward(torch.randn(1, 10))\n`);
    expect(result.code!.shapes).toEqual({ known: true, inputs: [[1, 1, 32, 32]] });
    expect(row(result, 'fc3').shape).toEqual([1, 10]);
  });

  it('names the line where a size does not chain (the shape a student gets wrong)', () => {
    const result = read(net, 'in=1x28x28');
    expect(total(result)).toBe(61_706n);
    expect(reason(result)).toMatch(/^Line 25 \(`x = F.relu\(self.fc1\(x\)\)`\): .*`Linear` expects 400 input features \(in_features\) but gets 256/);
  });
});

describe('pytorch/examples mnist/main.py: Net', () => {
  // github.com/pytorch/examples/blob/main/mnist/main.py; PyTorch 1.13 (pastes/verify.py): 1,199,882
  it("counts 1,199,882 from the whole script: main() runs as `python main.py` runs it, with argparse's defaults", () => {
    const result = read(paste('mnist_net.py'), 'in=1x28x28');
    expect(total(result)).toBe(1_199_882n);
    expect(row(result, 'fc1').counts.total).toBe(9_217n * 128n);
    expect(row(result, 'conv2').shape).toEqual([1, 64, 24, 24]);
    expect(row(result, 'fc2').shape).toEqual([1, 10]);
    const said = notes(result).join('\n');
    expect(said).toMatch(/reads the command line with argparse: this is the script run without arguments/);
  });
});

describe('keras.io Simple MNIST convnet', () => {
  // keras.io/examples/vision/mnist_convnet: model.summary() prints "Total params: 34,826"
  it('counts 34,826 from the whole example (data loading, fit and evaluate included)', () => {
    const result = read(paste('keras_mnist_convnet.py'));
    expect(result.framework).toBe('keras');
    expect(total(result)).toBe(34_826n);
    expect(rows(result).map((r) => r.name)).toEqual(['conv2d', 'max_pooling2d', 'conv2d_1', 'max_pooling2d_1', 'flatten', 'dropout', 'dense']);
    expect(row(result, 'flatten').shape).toEqual([null, 1600]);
  });

  const example = paste('keras_mnist_convnet.py');
  const modelOnly = example.slice(example.indexOf('model = keras.Sequential('), example.indexOf('batch_size = 128'));

  it('pasted without its constants, asks for the names it uses, all at once', () => {
    expect(refusal(modelOnly)).toMatch(
      /^Line 3 \(`keras.Input\(shape=input_shape\),`\): `input_shape`, `num_classes` are not defined in the paste: give them before the code, e\.g\. `\/count input_shape=28x28x1 num_classes=10 <code>`\./,
    );
  });

  it('with the names given before the code, counts 34,826', () => {
    expect(total(read(modelOnly, 'num_classes=10 input_shape=28x28x1'))).toBe(34_826n);
  });
});

describe('Keras 2: Dense(64, input_dim=100)', () => {
  it('reads input_dim as the input size: (100 + 1)·64 + (64 + 1)·10 = 7,114', () => {
    const result = read(paste('keras2_mlp.py'));
    expect(total(result)).toBe(7_114n);
    expect(row(result, 'dense').shape).toEqual([null, 64]);
  });
});
