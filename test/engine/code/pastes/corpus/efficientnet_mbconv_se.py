import math
import torch
from torch import nn


def _make_divisible(v, divisor=8, min_value=None):
    if min_value is None:
        min_value = divisor
    new_v = max(min_value, int(v + divisor / 2) // divisor * divisor)
    if new_v < 0.9 * v:
        new_v += divisor
    return new_v


class SqueezeExcitation(nn.Module):
    def __init__(self, in_ch, squeeze_ch):
        super().__init__()
        self.se = nn.Sequential(
            nn.AdaptiveAvgPool2d(1),
            nn.Conv2d(in_ch, squeeze_ch, 1),
            nn.SiLU(),
            nn.Conv2d(squeeze_ch, in_ch, 1),
            nn.Sigmoid(),
        )

    def forward(self, x):
        return x * self.se(x)


class ConvBNAct(nn.Sequential):
    def __init__(self, in_ch, out_ch, kernel_size, stride=1, groups=1, act=True):
        padding = (kernel_size - 1) // 2
        layers = [nn.Conv2d(in_ch, out_ch, kernel_size, stride, padding, groups=groups, bias=False),
                  nn.BatchNorm2d(out_ch, momentum=0.01, eps=1e-3)]
        if act:
            layers.append(nn.SiLU(inplace=True))
        super().__init__(*layers)


class MBConv(nn.Module):
    def __init__(self, in_ch, out_ch, expand_ratio, kernel_size, stride, se_ratio=0.25, drop_rate=0.0):
        super().__init__()
        self.use_res = stride == 1 and in_ch == out_ch
        hidden = _make_divisible(in_ch * expand_ratio)
        layers = []
        if expand_ratio != 1:
            layers.append(ConvBNAct(in_ch, hidden, 1))
        layers.append(ConvBNAct(hidden, hidden, kernel_size, stride, groups=hidden))
        layers.append(SqueezeExcitation(hidden, max(1, int(in_ch * se_ratio))))
        layers.append(ConvBNAct(hidden, out_ch, 1, act=False))
        self.block = nn.Sequential(*layers)
        self.drop_rate = drop_rate

    def forward(self, x):
        out = self.block(x)
        if self.use_res:
            if self.training and self.drop_rate > 0:
                keep = 1 - self.drop_rate
                mask = torch.rand(x.shape[0], 1, 1, 1, device=x.device) < keep
                out = out / keep * mask
            out = out + x
        return out


class EfficientNet(nn.Module):
    # expand, channels, repeats, stride, kernel
    settings = [
        [1, 16, 1, 1, 3],
        [6, 24, 2, 2, 3],
        [6, 40, 2, 2, 5],
        [6, 80, 3, 2, 3],
        [6, 112, 3, 1, 5],
        [6, 192, 4, 2, 5],
        [6, 320, 1, 1, 3],
    ]

    def __init__(self, width_mult=1.0, depth_mult=1.0, num_classes=1000, dropout=0.2):
        super().__init__()
        out_ch = _make_divisible(32 * width_mult)
        features = [ConvBNAct(3, out_ch, 3, stride=2)]
        in_ch = out_ch
        for t, c, n, s, k in self.settings:
            out_ch = _make_divisible(c * width_mult)
            repeats = int(math.ceil(n * depth_mult))
            for i in range(repeats):
                stride = s if i == 0 else 1
                features.append(MBConv(in_ch, out_ch, t, k, stride))
                in_ch = out_ch
        last = _make_divisible(1280 * width_mult)
        features.append(ConvBNAct(in_ch, last, 1))
        self.features = nn.Sequential(*features)
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.classifier = nn.Sequential(nn.Dropout(dropout), nn.Linear(last, num_classes))

    def forward(self, x):
        x = self.features(x)
        x = self.avgpool(x)
        x = torch.flatten(x, 1)
        return self.classifier(x)


model = EfficientNet(width_mult=1.0, depth_mult=1.1, num_classes=10)
out = model(torch.randn(1, 3, 240, 240))
