"""A Keras tabular classifier configured by a dataclass, with an Enum choosing the activation and layers.multiply gating."""
from dataclasses import dataclass, field
from enum import Enum
from typing import List
import keras
from keras import layers


class Act(Enum):
    RELU = "relu"
    GELU = "gelu"


@dataclass
class Config:
    num_features: int = 28
    hidden: List[int] = field(default_factory=lambda: [128, 64])
    num_classes: int = 5
    activation: Act = Act.GELU
    dropout: float = 0.2


def build(cfg: Config) -> keras.Model:
    inputs = keras.Input(shape=(cfg.num_features,))
    x = inputs
    for units in cfg.hidden:
        h = layers.Dense(units, activation=cfg.activation.value)(x)
        gate = layers.Dense(units, activation="sigmoid")(x)
        x = layers.multiply([h, gate])
        x = layers.Dropout(cfg.dropout)(x)
    outputs = layers.Dense(cfg.num_classes, activation="softmax")(x)
    return keras.Model(inputs=inputs, outputs=outputs)


model = build(Config(num_features=20))
