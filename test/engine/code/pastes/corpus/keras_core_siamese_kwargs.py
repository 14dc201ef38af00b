"""A siamese matcher in keras_core: a shared encoder, a custom layer called with keyword arguments, merged with layers.subtract and layers.concatenate."""
import keras_core as keras
from keras_core import layers


class CrossGate(layers.Layer):
    def __init__(self, units, **kwargs):
        super().__init__(**kwargs)
        self.units = units
        self.proj = layers.Dense(units, use_bias=False)
        self.gate = layers.Dense(units, activation="sigmoid")

    def call(self, source, context=None):
        gated = self.gate(context)
        return layers.multiply([self.proj(source), gated])


def make_encoder(dim=64):
    inputs = keras.Input(shape=(32,))
    x = layers.Dense(128, activation="relu")(inputs)
    x = layers.LayerNormalization()(x)
    outputs = layers.Dense(dim)(x)
    return keras.Model(inputs, outputs, name="encoder")


encoder = make_encoder()
left = keras.Input(shape=(32,), name="left")
right = keras.Input(shape=(32,), name="right")
a = encoder(left)
b = encoder(right)
diff = layers.subtract([a, b])
gated = CrossGate(48)(source=diff, context=b)
merged = layers.concatenate([a, b, gated])
score = layers.Dense(1, activation="sigmoid")(merged)
model = keras.Model(inputs=[left, right], outputs=score)
