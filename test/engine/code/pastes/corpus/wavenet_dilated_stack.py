import torch
import torch.nn as nn
import torch.nn.functional as F


class CausalConv1d(nn.Conv1d):
    def __init__(self, in_channels, out_channels, kernel_size, dilation=1, **kwargs):
        self.__padding = (kernel_size - 1) * dilation
        super(CausalConv1d, self).__init__(in_channels, out_channels, kernel_size=kernel_size,
                                           padding=self.__padding, dilation=dilation, **kwargs)

    def forward(self, input):
        result = super(CausalConv1d, self).forward(input)
        if self.__padding != 0:
            return result[:, :, :-self.__padding]
        return result


class ResidualLayer(nn.Module):
    def __init__(self, residual_channels, skip_channels, dilation):
        super().__init__()
        self.filter_conv = CausalConv1d(residual_channels, residual_channels, 2, dilation=dilation)
        self.gate_conv = CausalConv1d(residual_channels, residual_channels, 2, dilation=dilation)
        self.residual_conv = nn.Conv1d(residual_channels, residual_channels, 1)
        self.skip_conv = nn.Conv1d(residual_channels, skip_channels, 1)

    def forward(self, x):
        out = torch.tanh(self.filter_conv(x)) * torch.sigmoid(self.gate_conv(x))
        skip = self.skip_conv(out)
        return self.residual_conv(out) + x, skip


class WaveNet(nn.Module):
    def __init__(self, layers=10, stacks=2, residual_channels=32, skip_channels=256, quantization=256):
        super().__init__()
        self.start_conv = CausalConv1d(quantization, residual_channels, 1)
        self.layers = nn.ModuleList()
        for s in range(stacks):
            for i in range(layers):
                self.layers.append(ResidualLayer(residual_channels, skip_channels, 2 ** i))
        self.end_conv_1 = nn.Conv1d(skip_channels, skip_channels, 1)
        self.end_conv_2 = nn.Conv1d(skip_channels, quantization, 1)

    def forward(self, x):
        x = self.start_conv(x)
        skips = 0
        for layer in self.layers:
            x, skip = layer(x)
            skips = skips + skip
        out = F.relu(skips)
        out = F.relu(self.end_conv_1(out))
        return self.end_conv_2(out)


model = WaveNet()
y = model(torch.randn(1, 256, 1000))
