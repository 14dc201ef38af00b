"""A CIFAR-10 MobileNetV2 from torchvision trained from scratch (num_classes=10), evaluated in eval mode."""
import torch
import torchvision.models as models

model = models.mobilenet_v2(weights=None, num_classes=10)
model.eval()
n_params = sum(p.numel() for p in model.parameters() if p.requires_grad)
print(f"{n_params:,} trainable parameters")
