# An autoencoder with the from-import style, Embedding.from_pretrained (frozen), nn.Unflatten and spectral_norm.
import torch
from torch.nn import Module, Linear, ReLU, Sequential, Embedding, Unflatten, Flatten, ConvTranspose2d, Conv2d
from torch.nn.utils import spectral_norm


class AE(Module):
    def __init__(self, latent=16):
        super(AE, self).__init__()
        weights = torch.randn(500, 50)
        self.emb = Embedding.from_pretrained(weights, freeze=True)
        self.enc = Sequential(Flatten(), Linear(28 * 28, 128), ReLU(), Linear(128, latent))
        self.dec = Sequential(Linear(latent, 32 * 7 * 7), ReLU(), Unflatten(1, (32, 7, 7)),
                              ConvTranspose2d(32, 16, 4, 2, 1), ReLU(), ConvTranspose2d(16, 1, 4, 2, 1))
        self.disc = spectral_norm(Conv2d(1, 8, 3))

    def forward(self, x):
        return self.dec(self.enc(x))


ae = AE()
out = ae(torch.zeros(2, 1, 28, 28))
print(out.shape)
