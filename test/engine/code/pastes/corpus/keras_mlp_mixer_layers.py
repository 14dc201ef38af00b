import keras
from keras import layers

num_classes = 100
input_shape = (32, 32, 3)
image_size = 64
patch_size = 8
num_patches = (image_size // patch_size) ** 2
embedding_dim = 128
num_blocks = 4
dropout_rate = 0.2


class MLPMixerLayer(layers.Layer):
    def __init__(self, num_patches, hidden_units, dropout_rate, *args, **kwargs):
        super().__init__(*args, **kwargs)

        self.mlp1 = keras.Sequential(
            [
                layers.Dense(units=num_patches, activation="gelu"),
                layers.Dense(units=num_patches),
                layers.Dropout(rate=dropout_rate),
            ]
        )
        self.mlp2 = keras.Sequential(
            [
                layers.Dense(units=num_patches, activation="gelu"),
                layers.Dense(units=hidden_units),
                layers.Dropout(rate=dropout_rate),
            ]
        )
        self.normalize = layers.LayerNormalization(epsilon=1e-6)

    def call(self, inputs):
        x = self.normalize(inputs)
        x_channels = keras.ops.transpose(x, axes=(0, 2, 1))
        mlp1_outputs = self.mlp1(x_channels)
        mlp1_outputs = keras.ops.transpose(mlp1_outputs, axes=(0, 2, 1))
        x = mlp1_outputs + inputs
        x_patches = self.normalize(x)
        mlp2_outputs = self.mlp2(x_patches)
        x = x + mlp2_outputs
        return x


inputs = layers.Input(shape=(num_patches, patch_size * patch_size * 3))
x = layers.Dense(units=embedding_dim)(inputs)
blocks = keras.Sequential([MLPMixerLayer(num_patches, embedding_dim, dropout_rate) for _ in range(num_blocks)])
x = blocks(x)
representation = layers.GlobalAveragePooling1D()(x)
representation = layers.Dropout(rate=dropout_rate)(representation)
logits = layers.Dense(num_classes)(representation)
model = keras.Model(inputs=inputs, outputs=logits)
