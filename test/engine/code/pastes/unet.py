# A U-Net as students write it: blocks in a ModuleList, skip connections with torch.cat, F.interpolate, nn.Module.__init__(self) called by name, torchsummary.
import torch
from torch import nn
import torch.nn.functional as F
from torchsummary import summary


class DoubleConv(nn.Module):
    def __init__(self, in_ch, out_ch):
        nn.Module.__init__(self)
        self.net = nn.Sequential(
            nn.Conv2d(in_ch, out_ch, 3, padding=1), nn.BatchNorm2d(out_ch), nn.ReLU(inplace=True),
            nn.Conv2d(out_ch, out_ch, 3, padding=1), nn.BatchNorm2d(out_ch), nn.ReLU(inplace=True))

    def forward(self, x):
        return self.net(x)


class UNet(nn.Module):
    def __init__(self, n_channels=3, n_classes=2, widths=(32, 64, 128, 256)):
        super().__init__()
        self.downs = nn.ModuleList()
        self.ups = nn.ModuleList()
        ch = n_channels
        for w in widths:
            self.downs.append(DoubleConv(ch, w))
            ch = w
        self.bottleneck = DoubleConv(widths[-1], widths[-1] * 2)
        for w in reversed(widths):
            self.ups.append(nn.ConvTranspose2d(w * 2, w, kernel_size=2, stride=2))
            self.ups.append(DoubleConv(w * 2, w))
        self.final = nn.Conv2d(widths[0], n_classes, kernel_size=1)

    @torch.no_grad()
    def predict(self, x):
        return self.forward(x).argmax(1)

    def forward(self, x):
        skips = []
        for down in self.downs:
            x = down(x)
            skips.append(x)
            x = F.max_pool2d(x, 2)
        x = self.bottleneck(x)
        skips = skips[::-1]
        for i in range(0, len(self.ups), 2):
            x = self.ups[i](x)
            skip = skips[i // 2]
            if x.shape != skip.shape:
                x = F.interpolate(x, size=skip.shape[2:])
            x = torch.cat((skip, x), dim=1)
            x = self.ups[i + 1](x)
        return self.final(x)


model = UNet()
summary(model, (3, 64, 64))
