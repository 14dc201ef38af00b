"""Prints each corpus paste's row for corpus.test.ts with real PyTorch: the `model` it builds, its total and trainable count.

    /usr/bin/python3 test/engine/code/pastes/corpus/truth.py test/engine/code/pastes/corpus/*.py
"""
import re, sys, os, torch, types
sys.modules.setdefault("torchsummary", types.SimpleNamespace(summary=lambda *a, **k: None))
# einops is not installed here: its layers hold no parameters (an Identity stands in) and its
# functions only reshape, so a paste's forward that calls them stops, after `model` is built
_einops = types.ModuleType("einops")
def _no_einops(*a, **k):
    raise NotImplementedError("einops")
_einops.rearrange = _einops.repeat = _einops.reduce = _no_einops
class _Rearrange(torch.nn.Module):
    def __init__(self, *a, **k):
        super().__init__()
    forward = _no_einops
_einops.layers = types.SimpleNamespace(torch=types.SimpleNamespace(Rearrange=_Rearrange, Reduce=_Rearrange))
sys.modules.setdefault("einops", _einops)
sys.modules.setdefault("einops.layers", _einops.layers)
sys.modules.setdefault("einops.layers.torch", _einops.layers.torch)
for f in sys.argv[1:]:
    g = {"__name__": "__main__"}
    src = open(f).read()
    # pretrained weights need a download and never change a count: built without them
    src = re.sub(r"weights=(\w+\.)*(DEFAULT|IMAGENET1K_V\d)|weights='[A-Z0-9_]+'", "weights=None", src)
    try:
        exec(src, g)
    except NotImplementedError:
        if "model" not in g:
            raise
    m = g["model"]
    total = sum(p.numel() for p in m.parameters())
    tr = sum(p.numel() for p in m.parameters() if p.requires_grad)
    print(f"    ['{os.path.basename(f)}', {total}, {tr}],")
