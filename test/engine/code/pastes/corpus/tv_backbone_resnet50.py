"""A classifier around a pretrained ResNet-50 backbone: its fc replaced by Identity, its first stage frozen, a new head."""
import torch.nn as nn
from torchvision.models import resnet50, ResNet50_Weights

class Classifier(nn.Module):
    def __init__(self, n_classes=5):
        super().__init__()
        self.backbone = resnet50(weights=ResNet50_Weights.DEFAULT)
        in_features = self.backbone.fc.in_features
        self.backbone.fc = nn.Identity()
        for p in self.backbone.layer1.parameters():
            p.requires_grad = False
        self.head = nn.Sequential(nn.Dropout(0.2), nn.Linear(in_features, n_classes))

    def forward(self, x):
        return self.head(self.backbone(x))

model = Classifier()
model.eval()
