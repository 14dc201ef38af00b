# A subclassed keras.Model with layers made in __init__ and a residual in call().
import tensorflow as tf
from tensorflow import keras


class ResidualBlock(keras.layers.Layer):
    def __init__(self, filters, **kwargs):
        super().__init__(**kwargs)
        self.conv1 = keras.layers.Conv2D(filters, 3, padding="same", activation="relu")
        self.conv2 = keras.layers.Conv2D(filters, 3, padding="same")
        self.bn = keras.layers.BatchNormalization()

    def call(self, inputs, training=False):
        x = self.conv1(inputs)
        x = self.bn(self.conv2(x), training=training)
        return tf.nn.relu(x + inputs)


class SmallNet(keras.Model):
    def __init__(self, num_classes=10):
        super().__init__()
        self.stem = keras.layers.Conv2D(64, 3, padding="same", activation="relu")
        self.blocks = [ResidualBlock(64) for _ in range(2)]
        self.pool = keras.layers.GlobalAveragePooling2D()
        self.head = keras.layers.Dense(num_classes)
        self.unused = keras.layers.Dense(128)

    def call(self, x, training=False):
        x = self.stem(x)
        for block in self.blocks:
            x = block(x, training=training)
        return self.head(self.pool(x))


model = SmallNet()
model.build((None, 32, 32, 3))
