import keras
from keras import layers


class MLPBlock(keras.layers.Layer):
    def __init__(self, units):
        super().__init__()
        self.dense_1 = layers.Dense(units, activation="relu")
        self.dense_2 = layers.Dense(units, activation="relu")
        self.norm = layers.LayerNormalization()

    def call(self, inputs):
        x = self.dense_1(inputs)
        x = self.dense_2(x)
        return self.norm(x + inputs)


class Classifier(keras.Model):
    def __init__(self, num_classes=10, units=256, depth=3):
        super().__init__()
        self.stem = layers.Dense(units)
        self.blocks = [MLPBlock(units) for _ in range(depth)]
        self.dropout = layers.Dropout(0.3)
        self.head = layers.Dense(num_classes)

    def call(self, inputs, training=False):
        x = self.stem(inputs)
        for block in self.blocks:
            x = block(x)
        x = self.dropout(x, training=training)
        return self.head(x)


model = Classifier()
model(keras.ops.zeros((1, 784)))
model.summary()
