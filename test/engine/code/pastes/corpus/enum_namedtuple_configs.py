"""A small CNN family chosen by an Enum, its stages described with namedtuple and NamedTuple, options in a SimpleNamespace."""
import enum
from collections import namedtuple
from functools import partial
from types import SimpleNamespace
from typing import NamedTuple, List
import torch
import torch.nn as nn


class Size(enum.Enum):
    TINY = enum.auto()
    SMALL = enum.auto()
    BASE = enum.auto()


Stage = namedtuple('Stage', 'channels blocks stride', defaults=[1])


class HeadSpec(NamedTuple):
    hidden: int
    classes: int = 10
    dropout: float = 0.0


WIDTHS = {Size.TINY: 16, Size.SMALL: 32, Size.BASE: 64}


def conv_bn(cin, cout, stride=1, norm=nn.BatchNorm2d):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, stride, 1, bias=False), norm(cout), nn.ReLU(inplace=True))


class Net(nn.Module):
    def __init__(self, size: Size, stages: List[Stage], head: HeadSpec, opts):
        super().__init__()
        width = WIDTHS[size]
        norm = partial(nn.GroupNorm, 4) if opts.group_norm else nn.BatchNorm2d
        layers = [conv_bn(opts.in_channels, width, norm=norm)]
        cin = width
        for st in stages:
            channels, blocks, stride = st
            for i in range(blocks):
                layers.append(conv_bn(cin, channels * size.value, stride if i == 0 else 1, norm=norm))
                cin = channels * size.value
        self.features = nn.Sequential(*layers)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.head = nn.Sequential(nn.Flatten(), nn.Linear(cin, head.hidden), nn.ReLU(), nn.Dropout(head.dropout), nn.Linear(head.hidden, head.classes))

    def forward(self, x):
        return self.head(self.pool(self.features(x)))


opts = SimpleNamespace(in_channels=3, group_norm=True)
stages = [Stage(32, 2), Stage(64, 2, 2), Stage(channels=128, blocks=1, stride=2)]
model = Net(Size['SMALL'], stages, HeadSpec(256)._replace(classes=100), opts)
out = model(torch.randn(2, 3, 32, 32))
