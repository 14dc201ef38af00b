import keras
from keras import layers


class WideAndDeep(keras.Model):
    def __init__(self, units=32):
        super().__init__()
        self.deep1 = layers.Dense(units, activation="relu")
        self.deep2 = layers.Dense(units, activation="relu")
        self.out = layers.Dense(1)

    def call(self, inputs):
        wide = inputs["wide"]
        deep = self.deep2(self.deep1(inputs["deep"]))
        return self.out(layers.concatenate([wide, deep]))


model = WideAndDeep()
model({"wide": keras.ops.zeros((2, 5)), "deep": keras.ops.zeros((2, 6))})
