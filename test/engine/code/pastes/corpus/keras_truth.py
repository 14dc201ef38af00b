"""Prints each Keras corpus paste's row for corpus.test.ts with real Keras 3 (jax): count_params() and the trainable weights.

    PYTHONPATH=/opt/keras3 python3 test/engine/code/pastes/corpus/keras_truth.py test/engine/code/pastes/corpus/keras_*.py
"""
import os, sys
os.environ["KERAS_BACKEND"] = "jax"
import keras, numpy as np
import re
for f in sys.argv[1:]:
    g = {"__name__": "__main__"}
    src = open(f).read()
    # `# settings: x_train=900x19x64x64x1` stands for the data a paste reads: an array of that shape
    settings = re.search(r"^# settings: (.*)$", src, re.M)
    for name, value in (b.split("=") for b in (settings.group(1).split() if settings else [])):
        g[name] = np.zeros(tuple(int(d) for d in value.split("x"))) if "x" in value else int(value)
    # tf.keras and keras_core are Keras under other names: counted with Keras 3 itself
    src = src.replace("import tensorflow as tf\n", "import keras as _k\nclass tf: keras = _k\n").replace("from tensorflow import keras", "import keras").replace("from tensorflow.keras import", "from keras import").replace("keras_core", "keras")
    exec(src, g)
    m = g["model"]
    tr = sum(int(np.prod(w.shape)) for w in m.trainable_weights)
    print(f"    ['{os.path.basename(f)}', {m.count_params()}, {tr}],")
