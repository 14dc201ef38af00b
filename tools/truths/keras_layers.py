"""Writes test/fixtures/truths/keras-layers.json: every Keras Applications preset's layers as
Keras builds them, for the tests that hold the presets' row names against the framework's.

Run (Keras 3 on the JAX backend):
    PYTHONPATH=/opt/keras3 KERAS_BACKEND=jax python3 tools/truths/keras_layers.py \
        src/engine/presets/data/keras > test/fixtures/truths/keras-layers.json

For each preset whose header names `keras.applications.NAME`, the model is built with
weights=None and its default arguments after keras.backend.clear_session(), so layers Keras names
itself (`add_3`) are numbered from zero as in a fresh session. Each entry of `layers` is
[name, class, params] in `model.layers` order; a nested model (ConvNeXt's stem, a Sequential) is
listed with `inner`, its own layers, as summary(expand_nested=True) shows them.
"""
import json
import re
import sys
from pathlib import Path

import keras


def layers_of(model):
    out = []
    for layer in model.layers:
        row = [layer.name, type(layer).__name__, int(layer.count_params()) if layer.built else 0]
        if isinstance(layer, keras.Model):
            row.append(layers_of(layer))
        out.append(row)
    return out


def main(folder):
    truths = {}
    for path in sorted(Path(folder).glob("*.pq")):
        m = re.search(r"^# source: keras\.applications\.(\w+)", path.read_text(encoding="utf-8"), re.M)
        if m is None:
            continue
        keras.backend.clear_session()
        model = getattr(keras.applications, m.group(1))(weights=None)
        truths[path.stem] = {"builder": m.group(1), "model": model.name, "layers": layers_of(model)}
        print(path.stem, file=sys.stderr)
    doc = {
        "//": "Made by tools/truths/keras_layers.py with Keras %s (%s backend)" % (keras.__version__, keras.backend.backend()),
        "presets": truths,
    }
    json.dump(doc, sys.stdout, separators=(",", ":"))


if __name__ == "__main__":
    main(sys.argv[1])
