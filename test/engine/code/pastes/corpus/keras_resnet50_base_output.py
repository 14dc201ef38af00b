"""A ResNet50 base with global average pooling, its base.input and base.output starting a functional model."""
import keras
from keras import layers
base = keras.applications.ResNet50(include_top=False, weights=None, input_shape=(224, 224, 3), pooling="avg")
x = layers.Dense(10, activation="softmax")(base.output)
model = keras.Model(inputs=base.input, outputs=x)
