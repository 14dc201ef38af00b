"""A small ViT built with a mixin, a property, a classmethod constructor, super(Cls, self) and hasattr/getattr defaults."""
import math
import torch
import torch.nn as nn


class InitMixin:
    def init_weights(self):
        for m in self.modules():
            if isinstance(m, nn.Linear):
                nn.init.trunc_normal_(m.weight, std=0.02)
                if getattr(m, 'bias', None) is not None:
                    nn.init.zeros_(m.bias)


class CountMixin:
    @property
    def num_params(self):
        return sum(p.numel() for p in self.parameters())


class PatchEmbed(nn.Module):
    def __init__(self, img_size=32, patch_size=4, in_chans=3, embed_dim=96):
        super(PatchEmbed, self).__init__()
        self.num_patches = (img_size // patch_size) ** 2
        self.proj = nn.Conv2d(in_chans, embed_dim, kernel_size=patch_size, stride=patch_size)

    def forward(self, x):
        return self.proj(x).flatten(2).transpose(1, 2)


class Block(nn.Module):
    def __init__(self, dim, heads, mlp_ratio=4.0):
        super().__init__()
        self.norm1 = nn.LayerNorm(dim, eps=1e-6)
        self.attn = nn.MultiheadAttention(dim, heads, batch_first=True)
        self.norm2 = nn.LayerNorm(dim, eps=1e-6)
        hidden = int(dim * mlp_ratio)
        self.mlp = nn.Sequential(nn.Linear(dim, hidden), nn.GELU(), nn.Linear(hidden, dim))

    def forward(self, x):
        h = self.norm1(x)
        x = x + self.attn(h, h, h, need_weights=False)[0]
        return x + self.mlp(self.norm2(x))


class ViT(InitMixin, CountMixin, nn.Module):
    def __init__(self, depth=4, dim=96, heads=3, num_classes=10, **kwargs):
        super(ViT, self).__init__()
        self.patch_embed = PatchEmbed(embed_dim=dim, **kwargs)
        n = self.patch_embed.num_patches
        self.cls_token = nn.Parameter(torch.zeros(1, 1, dim))
        self.pos_embed = nn.Parameter(torch.zeros(size=(1, n + 1, dim)))
        self.blocks = nn.Sequential(*[Block(dim, heads) for _ in range(depth)])
        self.norm = nn.LayerNorm(dim)
        self.head = nn.Linear(dim, num_classes) if num_classes > 0 else nn.Identity()
        if hasattr(self, 'init_weights'):
            self.init_weights()

    @classmethod
    def tiny(cls, **kwargs):
        return cls(depth=2, dim=64, heads=2, **kwargs)

    @staticmethod
    def scale(dim):
        return 1.0 / math.sqrt(dim)

    def forward(self, x):
        x = self.patch_embed(x)
        cls = self.cls_token.expand(x.shape[0], -1, -1)
        x = torch.cat((cls, x), dim=1) + self.pos_embed
        x = self.norm(self.blocks(x))
        return self.head(x[:, 0])


model = ViT.tiny(num_classes=100, patch_size=8)
assert model.num_params > 0
out = model(torch.randn(2, 3, 32, 32))
