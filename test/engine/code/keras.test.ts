/**
 * Keras (keras 3 and tf.keras) pastes. A Keras layer has weights only once it has seen an input,
 * so these counts are what `model.summary()` prints after the model is built. Counts are derived
 * in the comments from the layer formulas (keras.io/api/layers) and, where keras.io shows the
 * summary of the same model, cited.
 */
import { describe, expect, it } from 'vitest';
import { notes, paste, read, refusal, row, rows, total } from './helpers.js';

describe('Sequential', () => {
  it('Sequential([...]) and .add, Keras 2 and 3 imports', () => {
    // keras.io/examples/nlp/bidirectional_lstm_imdb: "Total params: 2,757,761"
    const result = read(paste('keras_sequences.py'));
    expect(total(result)).toBe(2_757_761n);
    expect(rows(result).map((r) => r.name)).toEqual(['embedding', 'bidirectional', 'bidirectional_1', 'dropout', 'dense']);
    // None axes: sequences of any length
    expect(row(result, 'bidirectional').shape).toEqual([null, null, 128]);
    expect(row(result, 'bidirectional_1').shape).toEqual([null, 128]);
  });

  it('input_shape= on the first layer builds it; trainable=False moves a layer to non-trainable', () => {
    const code = 'from tensorflow import keras\nmodel = keras.Sequential([keras.layers.Dense(32, input_shape=(16,), trainable=False), keras.layers.BatchNormalization(), keras.layers.Dense(4)])\n';
    const result = read(code);
    // (16 + 1)·32 frozen; BatchNormalization 4·32 of which 2·32 moving statistics; (32 + 1)·4
    expect(result.report.counts).toEqual({ total: 544n + 128n + 132n, trainable: 64n + 132n, nonTrainable: 544n + 64n });
  });

  it('layer.trainable = False after building, and a base model frozen as a whole', () => {
    const code =
      'import keras\nfrom keras import layers\nbase = keras.Sequential([keras.Input((8,)), layers.Dense(8), layers.Dense(8)])\nbase.trainable = False\nmodel = keras.Sequential([keras.Input((8,)), base, layers.Dense(2)])\nmodel.layers[-1].trainable = False\n';
    const result = read(code);
    expect(result.report.counts).toEqual({ total: 72n + 72n + 18n, trainable: 0n, nonTrainable: 162n });
    expect(rows(result).map((r) => r.name)).toEqual(['sequential/dense', 'sequential/dense_1', 'dense_2']);
  });

  it("a convolution's padding in any case ('Same'), as Keras lowercases it; a pooling layer's as Keras 3 takes it", () => {
    // (5·5·1 + 1)·32 = 832 and (5·5·32 + 1)·32 = 25,632, the 28×28 kept by 'same' padding
    const code =
      "from keras import layers, models\nmodel = models.Sequential()\nmodel.add(layers.Conv2D(32, (5, 5), padding='Same', input_shape=(28, 28, 1)))\nmodel.add(layers.Conv2D(32, 5, padding='SAME', data_format='Channels_Last'))";
    const result = read(code);
    expect(total(result)).toBe(832n + 25_632n);
    expect(rows(result).map((r) => r.shape)).toEqual([
      [null, 28, 28, 32],
      [null, 28, 28, 32],
    ]);
    // Keras 3's pooling output shape takes 'valid' or 'same' only (compute_pooling_output_shape)
    expect(refusal(`${code}\nmodel.add(layers.MaxPooling2D(2, padding='Same'))`)).toMatch(/padding.*Same/);
  });

  it('an unbuilt model is refused, saying how to give it an input', () => {
    expect(refusal('import keras\nmodel = keras.Sequential([keras.layers.Dense(10)])\n')).toMatch(/The Keras model `sequential` is not built, so it has no weights yet .*in=28x28x1/);
    expect(total(read('import keras\nmodel = keras.Sequential([keras.layers.Dense(10)])\n', 'in=20'))).toBe(210n);
  });
});

describe('the functional API', () => {
  it('over sequences of any length: Input(shape=(None, 32)) into two LSTMs', () => {
    // LSTM 4·(32·64 + 64·64 + 64) = 24,832; LSTM 4·(64·32 + 32·32 + 32) = 12,416; Dense 33
    const r = read(paste('keras_lstm.py'));
    expect(total(r)).toBe(37_281n);
    expect(row(r, 'lstm').shape).toEqual([null, null, 64]);
  });

  const result = read(paste('keras_functional.py'));

  it('two inputs, a residual Add, a Concatenate, two outputs: 10,742', () => {
    // Conv2D (3·3·3 + 1)·32 = 896, Conv2D (3·3·32 + 1)·32 = 9,248, BatchNormalization 4·32 = 128,
    // Dense (10 + 1)·16 = 176, Dense (48 + 1)·5 = 245, Dense (48 + 1)·1 = 49
    expect(total(result)).toBe(10_742n);
    expect(result.report.counts.nonTrainable).toBe(64n);
    expect(row(result, 'concatenate').shape).toEqual([null, 48]);
    expect(row(result, 'label').shape).toEqual([null, 5]);
    expect(result.code!.shapes).toEqual({
      known: true,
      inputs: [
        [null, 32, 32, 3],
        [null, 10],
      ],
    });
  });

  it('refuses a Concatenate of shapes that do not join, as Keras does', () => {
    const code = 'import keras\nfrom keras import layers\na = keras.Input((4, 4, 2))\nb = keras.Input((5, 5, 2))\nc = layers.Concatenate()([a, b])\n';
    expect(refusal(code)).toMatch(/^Line 5 .*A `Concatenate` layer requires inputs with matching shapes except for the concatenation axis -1/);
  });

  it('x + y on Keras tensors, and a layer shared by two branches (built once, counted once)', () => {
    const code =
      'import keras\nfrom keras import layers\na = keras.Input((16,))\nb = keras.Input((16,))\nshared = layers.Dense(8)\ny = shared(a) + shared(b)\nmodel = keras.Model([a, b], layers.Dense(1)(y))\n';
    const r = read(code);
    expect(total(r)).toBe(17n * 8n + 9n);
    expect(row(r, 'dense').calls).toBe(2);
  });
});

describe('models the paste does not wrap in keras.Model', () => {
  it('layers called on an Input with no keras.Model(...): the model from the Input to what is kept', () => {
    // Dense (111 + 1)·20 = 2,240; then (20 + 1)·5 = 105: `h` is taken by the second layer, so the output is `out`
    const r = read('import keras\nfrom keras import layers\ninputs = keras.Input(shape=(111,))\nh = layers.Dense(20)(inputs)\nout = layers.Dense(5)(h)\n');
    expect(total(r)).toBe(2_345n);
    expect(notes(r).join('\n')).toMatch(/No keras.Model\(...\) is made in the paste: the model is read as keras.Model\(inputs, `out`\) would be/);
  });

  it('a chain written with arrows, as the quiz shows a model, with or without imports', () => {
    // Dense (35 + 1)·800 = 28,800; Dense (800 + 1)·73 = 58,473
    const r = read('Input(shape=(35,))\n→ Dense(800)\n→ Dense(73)  # the classes\n');
    expect(total(r)).toBe(87_273n);
    expect(rows(r).map((x) => x.shape)).toEqual([
      [null, 800],
      [null, 73],
    ]);
    expect(notes(r).join('\n')).toMatch(/Read as a chain: each `→` layer is applied to what the line before gives/);
    expect(total(read('from keras import layers, Input\nInput(shape=(35,))\n-> layers.Dense(800)\n'))).toBe(28_800n);
    // a wrong size still names the line the student sees
    expect(refusal('Input(shape=(8, 8, 3))\n→ Conv2D(16, 9)\n')).toMatch(/^Line 2 \(`_chain = Conv2D\(16, 9\)\(_chain\)`\)/);
  });

  it('MultiHeadAttention called with one tensor (Keras needs query and value): read as self-attention, and said', () => {
    const one = read('import keras\nfrom keras import layers\nx = keras.Input(shape=(56, 88))\ny = layers.MultiHeadAttention(num_heads=2, key_dim=44)(x)\n');
    const two = read('import keras\nfrom keras import layers\nx = keras.Input(shape=(56, 88))\ny = layers.MultiHeadAttention(num_heads=2, key_dim=44)(x, x)\n');
    // query, key, value 3·(88·2·44 + 2·44) = 23,496 and output 2·44·88 + 88 = 7,832
    expect(total(one)).toBe(31_328n);
    expect(total(two)).toBe(31_328n);
    expect(notes(one).join('\n')).toMatch(/Line 4 .*is called with one tensor; Keras's MultiHeadAttention needs `\(query, value\)`/);
  });
});

describe('a subclassed keras.Model with layers made in __init__', () => {
  const result = read(paste('keras_subclass.py'));

  it('counts 150,666 after model.build((None, 32, 32, 3)); a Layer subclass`s layers under its name', () => {
    // Conv2D (3·3·3 + 1)·64 = 1,792; per block two Conv2D (3·3·64 + 1)·64 = 36,928 and a
    // BatchNormalization 4·64 = 256 (half non-trainable); Dense (64 + 1)·10 = 650
    expect(total(result)).toBe(150_666n);
    expect(result.report.counts.nonTrainable).toBe(256n);
    expect(
      rows(result)
        .map((r) => r.name)
        .slice(0, 4),
    ).toEqual(['conv2d', 'residual_block/conv2d_1', 'residual_block/conv2d_2', 'residual_block/batch_normalization']);
  });

  it('a layer never called has no weights in Keras, and says so', () => {
    expect(row(result, 'dense_1').counts.total).toBe(0n);
    expect(notes(result).join('\n')).toMatch(/`dense_1`: made in __init__ but never called, so Keras never built them/);
  });

  it('a pasted layer`s add_weight weights are counted', () => {
    const code =
      'import keras\nclass Scale(keras.layers.Layer):\n    def build(self, input_shape):\n        self.w = self.add_weight(shape=(input_shape[-1],), initializer="ones", trainable=True)\n        self.b = self.add_weight(shape=(1,), trainable=False)\n    def call(self, x):\n        return x * self.w + self.b\ninputs = keras.Input((12,))\nmodel = keras.Model(inputs, Scale()(inputs))\n';
    expect(read(code).report.counts).toEqual({ total: 13n, trainable: 12n, nonTrainable: 1n });
  });
});

describe('MultiHeadAttention read as Keras builds it', () => {
  // Keras 3.15.1 (tensorflow 2.21): count_params() is 2,624; the output is (None, 10, 16).
  // Keras 3.15.1 (tensorflow 2.21): 40 (a 10×4 position embedding) and 36 (two Dense(2) on 8)
  it('tf.range and tf.random.normal in a layer of your own are keras.ops.arange and keras.random.normal', () => {
    const positions =
      'import tensorflow as tf\nfrom tensorflow import keras\nfrom tensorflow.keras import layers\nclass PosEmb(layers.Layer):\n    def __init__(self):\n        super().__init__()\n        self.pos = layers.Embedding(10, 4)\n    def call(self, x):\n        return x + self.pos(tf.range(start=0, limit=10, delta=1))\ninp = keras.Input(shape=(10, 4))\nmodel = keras.Model(inp, PosEmb()(inp))\n';
    expect(total(read(positions))).toBe(40n);
    const sampling =
      'import tensorflow as tf\nfrom tensorflow import keras\nfrom tensorflow.keras import layers\nclass Sampling(layers.Layer):\n    def call(self, inputs):\n        z_mean, z_log_var = inputs\n        epsilon = tf.random.normal(shape=tf.shape(z_mean))\n        return z_mean + tf.exp(0.5 * z_log_var) * epsilon\ninp = keras.Input(shape=(8,))\nmodel = keras.Model(inp, Sampling()([layers.Dense(2)(inp), layers.Dense(2)(inp)]))\n';
    expect(total(read(sampling))).toBe(36n);
  });

  // Keras 3.15.1: Normalization() adapted on 3 features keeps mean, variance and count, 7 non-trainable; with mean= and variance= given, none
  it('Normalization: adapted, 2·C + 1 non-trainable statistics; given its mean and variance, constants', () => {
    const head = 'import numpy as np\nfrom tensorflow import keras\nfrom tensorflow.keras import layers\n';
    const adapted = read(`${head}norm = layers.Normalization()\nnorm.adapt(np.random.rand(10, 3))\ninp = keras.Input(shape=(3,))\nmodel = keras.Model(inp, norm(inp))\n`);
    expect(adapted.report.counts).toEqual({ total: 7n, trainable: 0n, nonTrainable: 7n });
    expect(total(read(`${head}inp = keras.Input(shape=(3,))\nmodel = keras.Model(inp, layers.Normalization(mean=[0.5, 0.5, 0.5], variance=[0.25, 0.25, 0.25])(inp))\n`))).toBe(0n);
    expect(refusal(`${head}inp = keras.Input(shape=(4, 3))\nmodel = keras.Model(inp, layers.Normalization(axis=1)(inp))\n`)).toMatch(/Normalization\(axis=…\) other than the last axis/);
  });

  // Keras 3.15.1: Dense(10) on 784 inputs, 7,850; the setting stands for the data load_data gives
  it('a size given for data the script converts (`x_train.astype(...)`) is an array of that shape', () => {
    const code =
      "import numpy as np\nfrom tensorflow import keras\n(x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()\nx_train = x_train.astype('float32') / 255.\nmodel = keras.Sequential([keras.Input(shape=(784,)), keras.layers.Dense(10)])\n";
    expect(total(read(code, 'x_train=1000x28x28x1'))).toBe(7_850n);
  });

  // Keras 3.15.1 runs TimeDistributed(Sequential) (112 parameters for this one); the reader does not follow it, and says so rather than claiming Keras would fail
  it('TimeDistributed around a model is refused as not followed, not as a Python error', () => {
    const code =
      'from tensorflow import keras\nfrom tensorflow.keras import layers\ncnn = keras.Sequential([layers.Conv2D(4, 3, input_shape=(8, 8, 3)), layers.GlobalAveragePooling2D()])\ninp = keras.Input(shape=(5, 8, 8, 3))\nmodel = keras.Model(inp, layers.TimeDistributed(cnn)(inp))\n';
    const why = refusal(code);
    expect(why).toMatch(/`TimeDistributed` around a Sequential \(a model, or a layer of your own\) is not followed by the reader, though Keras runs it/);
    expect(why).not.toMatch(/Python would stop/);
  });

  // Keras 3.15.1: a Lambda of abs(a - b) on two Dense(2) branches, then Dense(1): 5 parameters.
  it('abs() of a Keras tensor is elementwise (it was a TypeError Keras does not raise)', () => {
    const code =
      'from tensorflow import keras\nfrom tensorflow.keras import layers\na = keras.Input(shape=(2,))\nb = keras.Input(shape=(2,))\nd = layers.Lambda(lambda t: abs(t[0] - t[1]))([a, b])\nmodel = keras.Model([a, b], layers.Dense(1)(d))\n';
    expect(total(read(code))).toBe(3n);
  });

  it('output_shape= sizes the output projection and the output', () => {
    const result = read(
      'from tensorflow import keras\nfrom tensorflow.keras import layers\nq = keras.Input(shape=(10, 48))\nmodel = keras.Model(q, layers.MultiHeadAttention(num_heads=2, key_dim=8, output_shape=16)(q, q))\n',
    );
    expect(total(result)).toBe(2_624n);
    expect(row(result, 'multi_head_attention').shape).toEqual([null, 10, 16]);
  });
});
