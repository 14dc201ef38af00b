"""Prints each Keras corpus paste's row for corpus.test.ts with real Keras 3 (jax): count_params() and the trainable weights.

    PYTHONPATH=/opt/keras3 python3 test/engine/code/pastes/corpus/keras_truth.py test/engine/code/pastes/corpus/keras_*.py
"""
import os, sys
os.environ["KERAS_BACKEND"] = "jax"
import keras, numpy as np
for f in sys.argv[1:]:
    g = {"__name__": "paste"}
    src = open(f).read()
    # tf.keras and keras_core are Keras under other names: counted with Keras 3 itself
    src = src.replace("import tensorflow as tf\n", "import keras as _k\nclass tf: keras = _k\n").replace("from tensorflow import keras", "import keras").replace("from tensorflow.keras import", "from keras import").replace("keras_core", "keras")
    exec(src, g)
    m = g["model"]
    tr = sum(int(np.prod(w.shape)) for w in m.trainable_weights)
    print(f"    ['{os.path.basename(f)}', {m.count_params()}, {tr}],")
