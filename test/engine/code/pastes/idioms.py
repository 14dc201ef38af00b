# Python idioms model code uses, in one model: module-level constants, a config table, zip/range,
# comprehensions, conditional expressions, list += and *unpacking, nn.ModuleList / nn.ModuleDict /
# an OrderedDict Sequential, a helper method that returns layers, weight tying, a frozen part,
# a plain list of layers (not registered), a module used twice, and one never used in forward.
from collections import OrderedDict

import torch
import torch.nn as nn
import torch.nn.functional as F

WIDTHS = [32, 64, 128]
VOCAB, DIM = 1000, 64
config = {"small": {"depth": 2, "act": "relu"}, "large": {"depth": 4, "act": "gelu"}}


class Block(nn.Module):
    def __init__(self, cin, cout, act="relu"):
        super(Block, self).__init__()
        self.conv = nn.Conv2d(cin, cout, 3, padding=1, bias=False)
        self.bn = nn.BatchNorm2d(cout)
        self.act = nn.ReLU() if act == "relu" else nn.GELU()

    def forward(self, x):
        return self.act(self.bn(self.conv(x)))


class Kitchen(nn.Module):
    def __init__(self, size="small", num_classes=10):
        super().__init__()
        cfg = config[size]
        layers = []
        for cin, cout in zip([3] + WIDTHS[:-1], WIDTHS):
            layers += [Block(cin, cout, cfg["act"])]
        self.features = nn.Sequential(*layers)
        self.extra = nn.ModuleList([nn.Conv2d(WIDTHS[-1], WIDTHS[-1], 1) for _ in range(cfg["depth"])])
        self.heads = nn.ModuleDict({"cls": nn.Linear(WIDTHS[-1], num_classes), "box": nn.Linear(WIDTHS[-1], 4)})
        self.stem = nn.Sequential(OrderedDict([("embed", nn.Embedding(VOCAB, DIM)), ("proj", nn.Linear(DIM, VOCAB, bias=False))]))
        self.stem.proj.weight = self.stem.embed.weight  # tied: counted once
        self.shared = nn.Linear(WIDTHS[-1], WIDTHS[-1])
        self.plain = [nn.Linear(10, 10), nn.Linear(10, 10)]  # a plain list: PyTorch does not register these
        self.spare = nn.Linear(WIDTHS[-1], 7)  # declared, never used in forward
        self.pool = nn.AdaptiveAvgPool2d(1)
        for p in self.features[0].parameters():
            p.requires_grad = False

    def _make(self, n):
        return [nn.Identity() for _ in range(n)]

    def forward(self, x):
        x = self.features(x)
        for conv in self.extra:
            x = F.relu(conv(x)) + x
        x = self.pool(x).flatten(1)
        x = self.shared(self.shared(x))
        return self.heads["cls"](x), self.heads["box"](x)


model = Kitchen(size="large", num_classes=5)
