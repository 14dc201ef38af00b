"""Writes test/fixtures/truths/torchvision-modules.json: every torchvision preset's module tree as
torchvision builds it, for the tests that hold the presets' row names against the framework's.

Run (PyTorch 1.13 and torchvision 0.14 in /usr/bin/python3):
    /usr/bin/python3 tools/truths/torchvision_modules.py src/engine/presets/data/pytorch \
        > test/fixtures/truths/torchvision-modules.json

For each preset whose header names `torchvision.models.NAME`, the model is built without weights
and with its default arguments, as the preset's defaults are. Each entry of `modules` is
[name, type, own] in `named_modules()` order, `own` the parameters the module holds itself
(`parameters(recurse=False)`), and for a module with children that holds parameters itself, a
fourth item: [[parameter name, size], ...]. `calls` (for a few models) lists the leaf modules in the order a
forward pass calls them, with their output shape, batch 1: what torchinfo's rows show.
"""
import json
import re
import sys
from pathlib import Path

import torch
import torchvision

# Models small enough to run forward on a shared CPU when writing the fixtures.
FORWARD = {"resnet18": 224, "alexnet": 224, "vgg16": 224, "mobilenet_v2": 224, "swin_t": 224, "swin_v2_t": 256, "vit_b_16": 224, "convnext_tiny": 224}


def skip_initialization():
    """Names and sizes do not depend on the values: leave the weights uninitialized (vit_h_14 and
    regnet_y_128gf hold over 600M parameters each, and initializing them takes minutes)."""
    for name in dir(torch.nn.init):
        if name.endswith("_") and not name.startswith("_"):
            setattr(torch.nn.init, name, lambda tensor, *a, **k: tensor)


def modules_of(model):
    out = []
    for name, m in model.named_modules():
        own = list(m.named_parameters(recurse=False))
        entry = [name, type(m).__name__, sum(p.numel() for _, p in own)]
        # A module with children that also holds parameters itself (ViT's class_token, an
        # nn.MultiheadAttention's in_proj_weight): its parameters by name.
        if own and next(m.children(), None) is not None:
            entry.append([[pname, p.numel()] for pname, p in own])
        out.append(entry)
    return out


def calls_of(model, size):
    names = {m: n for n, m in model.named_modules()}
    out = []

    def hook(m, _inp, output):
        if isinstance(output, torch.Tensor):
            out.append([names[m], type(m).__name__, list(output.shape)])

    for m in model.modules():
        if next(m.children(), None) is None:
            m.register_forward_hook(hook)
    model.eval()
    with torch.no_grad():
        model(torch.zeros(1, 3, size, size))
    return out


def main(folder):
    skip_initialization()
    truths = {}
    for path in sorted(Path(folder).glob("*.pq")):
        header = path.read_text(encoding="utf-8")
        m = re.search(r"^# source: torchvision\.models\.(\w+)", header, re.M)
        if m is None:
            continue
        builder = m.group(1)
        torch.manual_seed(0)
        model = getattr(torchvision.models, builder)(weights=None)
        entry = {"builder": builder, "modules": modules_of(model)}
        if builder in FORWARD:
            entry["calls"] = calls_of(model, FORWARD[builder])
        truths[path.stem] = entry
        print(path.stem, file=sys.stderr)
    doc = {
        "//": "Made by tools/truths/torchvision_modules.py with torch %s, torchvision %s" % (torch.__version__, torchvision.__version__),
        "presets": truths,
    }
    json.dump(doc, sys.stdout, separators=(",", ":"))


if __name__ == "__main__":
    main(sys.argv[1])
