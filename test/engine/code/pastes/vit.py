# A small Vision Transformer in the usual student style: a patch embedding convolution, a learned
# class token and position table (nn.Parameter), nn.TransformerEncoder, a linear head.
import torch
import torch.nn as nn


class ViT(nn.Module):
    def __init__(self, image_size=32, patch_size=4, in_channels=3, num_classes=10, dim=192, depth=6, heads=3, mlp_dim=768, dropout=0.1):
        super().__init__()
        assert image_size % patch_size == 0, "image size must be divisible by the patch size"
        num_patches = (image_size // patch_size) ** 2
        self.patch_embed = nn.Conv2d(in_channels, dim, kernel_size=patch_size, stride=patch_size)
        self.cls_token = nn.Parameter(torch.zeros(1, 1, dim))
        self.pos_embed = nn.Parameter(torch.randn(1, num_patches + 1, dim) * .02)
        self.dropout = nn.Dropout(dropout)
        layer = nn.TransformerEncoderLayer(d_model=dim, nhead=heads, dim_feedforward=mlp_dim, dropout=dropout, activation="gelu", batch_first=True, norm_first=True)
        self.encoder = nn.TransformerEncoder(layer, num_layers=depth)
        self.norm = nn.LayerNorm(dim)
        self.head = nn.Linear(dim, num_classes)

    def forward(self, x):
        x = self.patch_embed(x)               # (B, dim, H/p, W/p)
        x = x.flatten(2).transpose(1, 2)      # (B, N, dim)
        cls = self.cls_token.expand(x.shape[0], -1, -1)
        x = torch.cat((cls, x), dim=1)
        x = self.dropout(x + self.pos_embed)
        x = self.encoder(x)
        return self.head(self.norm(x[:, 0]))
