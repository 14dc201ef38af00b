"""A subclassed Keras model whose blocks are described by namedtuples and kept in a list attribute."""
from collections import namedtuple
import keras
from keras import layers

BlockSpec = namedtuple("BlockSpec", ["filters", "kernel", "pool"])


class ConvNet(keras.Model):
    def __init__(self, specs, num_classes=10, **kwargs):
        super().__init__(**kwargs)
        self.blocks = []
        for spec in specs:
            self.blocks.append(layers.Conv2D(spec.filters, spec.kernel, padding="same", activation="relu"))
            self.blocks.append(layers.BatchNormalization())
            if spec.pool:
                self.blocks.append(layers.MaxPooling2D())
        self.gap = layers.GlobalAveragePooling2D()
        self.classifier = layers.Dense(num_classes)

    def call(self, x, training=False):
        for layer in self.blocks:
            x = layer(x, training=training) if isinstance(layer, layers.BatchNormalization) else layer(x)
        return self.classifier(self.gap(x))


model = ConvNet([BlockSpec(32, 3, True), BlockSpec(64, 3, True), BlockSpec(128, 3, False)], num_classes=10)
outputs = model(keras.Input(shape=(32, 32, 3)))
