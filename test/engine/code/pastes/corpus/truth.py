"""Prints each corpus paste's row for corpus.test.ts with real PyTorch: the `model` it builds, its total and trainable count.

    /usr/bin/python3 test/engine/code/pastes/corpus/truth.py test/engine/code/pastes/corpus/*.py
"""
import re, sys, os, torch, types
sys.modules.setdefault("torchsummary", types.SimpleNamespace(summary=lambda *a, **k: None))
for f in sys.argv[1:]:
    g = {"__name__": "paste"}
    src = open(f).read()
    # pretrained weights need a download and never change a count: built without them
    src = re.sub(r"weights=(\w+\.)?(DEFAULT|IMAGENET1K_V\d)|weights='[A-Z0-9_]+'", "weights=None", src)
    exec(src, g)
    m = g["model"]
    total = sum(p.numel() for p in m.parameters())
    tr = sum(p.numel() for p in m.parameters() if p.requires_grad)
    print(f"    ['{os.path.basename(f)}', {total}, {tr}],")
