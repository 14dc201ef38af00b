import math
import torch
import torch.nn as nn
import torch.nn.functional as F


class LoRALinear(nn.Module):
    def __init__(self, in_features, out_features, r=8, lora_alpha=16, lora_dropout=0.05, bias=True):
        super().__init__()
        self.linear = nn.Linear(in_features, out_features, bias=bias)
        self.r = r
        self.scaling = lora_alpha / r
        self.lora_A = nn.Parameter(torch.zeros((r, in_features)))
        self.lora_B = nn.Parameter(torch.zeros((out_features, r)))
        self.lora_dropout = nn.Dropout(p=lora_dropout)
        nn.init.kaiming_uniform_(self.lora_A, a=math.sqrt(5))
        nn.init.zeros_(self.lora_B)
        self.linear.weight.requires_grad = False
        if bias:
            self.linear.bias.requires_grad = False

    def forward(self, x):
        result = self.linear(x)
        result = result + (self.lora_dropout(x) @ self.lora_A.transpose(0, 1) @ self.lora_B.transpose(0, 1)) * self.scaling
        return result


class MLP(nn.Module):
    def __init__(self, d=512, hidden=2048, n_classes=10, r=4):
        super().__init__()
        self.fc1 = LoRALinear(d, hidden, r=r)
        self.fc2 = LoRALinear(hidden, hidden, r=r)
        self.head = nn.Linear(hidden, n_classes)

    def forward(self, x):
        return self.head(F.gelu(self.fc2(F.gelu(self.fc1(x)))))


model = MLP()
trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
print(f"trainable params: {trainable}")
y = model(torch.randn(4, 512))
