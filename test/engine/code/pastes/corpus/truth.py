"""Prints each corpus paste's row for corpus.test.ts with real PyTorch: the `model` it builds, its total and trainable count.

    /usr/bin/python3 test/engine/code/pastes/corpus/truth.py test/engine/code/pastes/corpus/*.py
"""
import sys, os, torch, types
sys.modules.setdefault("torchsummary", types.SimpleNamespace(summary=lambda *a, **k: None))
for f in sys.argv[1:]:
    g = {"__name__": "paste"}
    exec(open(f).read(), g)
    m = g["model"]
    total = sum(p.numel() for p in m.parameters())
    tr = sum(p.numel() for p in m.parameters() if p.requires_grad)
    print(f"    ['{os.path.basename(f)}', {total}, {tr}],")
