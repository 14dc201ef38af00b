import torch
import torch.nn as nn
from torchvision import models

model = models.vgg16(weights=models.VGG16_Weights.DEFAULT)
for param in model.features.parameters():
    param.requires_grad = False
num_features = model.classifier[6].in_features
features = list(model.classifier.children())[:-1]
features.extend([nn.Linear(num_features, 5)])
model.classifier = nn.Sequential(*features)
