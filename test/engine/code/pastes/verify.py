"""Counts every paste with real PyTorch (maintainers only: the tests do not need torch).

    /usr/bin/python3 test/engine/code/pastes/verify.py
"""
import os, sys, types, torch

# torchsummary is not installed with PyTorch: a stand-in that prints nothing
sys.modules["torchsummary"] = types.SimpleNamespace(summary=lambda model, size: None)

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = [
    ("tutorial_net.py", "Net()", (1, 1, 32, 32)),
    ("mnist_net.py", "Net()", (1, 1, 28, 28)),
    ("resnet18_classes.py", "ResNet18()", (1, 3, 224, 224)),
    ("vgg_cfg.py", "model", (1, 3, 32, 32)),
    ("dcgan.py", "netG", (1, 100, 1, 1)),
    ("dcgan.py", "netD", (1, 3, 64, 64)),
    ("vit.py", "ViT()", (2, 3, 32, 32)),
    ("transformer_lm.py", "model", None),
    ("lstm_classifier.py", "model", None),
    ("lstm_classifier.py", "CharGRU()", None),
    ("resnet50_classes.py", "resnet50()", (1, 3, 224, 224)),
    ("unet.py", "model", (1, 3, 64, 64)),
    ("autoencoder.py", "ae", (2, 1, 28, 28)),
]

for file, expr, size in CASES:
    g = {"__name__": "paste"}
    exec(open(os.path.join(HERE, file)).read(), g)
    m = eval(expr, g)
    total = sum(p.numel() for p in m.parameters())
    trainable = sum(p.numel() for p in m.parameters() if p.requires_grad)
    out = ""
    if size is not None:
        m.eval()
        out = tuple(m(torch.randn(*size)).shape)
    print(f"{file:24} {expr:14} total={total:,} trainable={trainable:,} {out}")

g = {"__name__": "paste"}
exec(open(os.path.join(HERE, "idioms.py")).read(), g)
m = g["model"]
print("idioms.py total", sum(p.numel() for p in m.parameters()), "trainable", sum(p.numel() for p in m.parameters() if p.requires_grad), [tuple(t.shape) for t in m(torch.randn(1, 3, 16, 16))])
print("idioms rows", [n for n, _ in m.named_parameters()])
for expr in ["nn.TransformerEncoderLayer(512, 8)", "nn.Transformer()", "nn.TransformerDecoderLayer(256, 4, 1024, norm_first=True)", "nn.TransformerEncoder(nn.TransformerEncoderLayer(64, 4, 128), 3, norm=nn.LayerNorm(64))"]:
    mm = eval(expr, {"nn": torch.nn})
    print(f"{expr:80} {sum(p.numel() for p in mm.parameters()):,}")
