"""Prints each Keras corpus paste's row for corpus.test.ts with real Keras 3 (jax): count_params() and the trainable weights.

    PYTHONPATH=/opt/keras3 python3 test/engine/code/pastes/corpus/keras_truth.py test/engine/code/pastes/corpus/keras_*.py
"""
import os, sys
os.environ["KERAS_BACKEND"] = "jax"
import keras, numpy as np
for f in sys.argv[1:]:
    g = {"__name__": "paste"}
    exec(open(f).read(), g)
    m = g["model"]
    tr = sum(int(np.prod(w.shape)) for w in m.trainable_weights)
    print(f"    ['{os.path.basename(f)}', {m.count_params()}, {tr}],")
