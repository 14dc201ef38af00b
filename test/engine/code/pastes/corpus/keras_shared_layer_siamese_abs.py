import keras
from keras import layers, ops

input_shape = (105, 105, 1)


def build_encoder():
    inp = keras.Input(shape=input_shape)
    x = layers.Conv2D(64, 10, activation="relu")(inp)
    x = layers.MaxPooling2D()(x)
    x = layers.Conv2D(128, 7, activation="relu")(x)
    x = layers.MaxPooling2D()(x)
    x = layers.Conv2D(128, 4, activation="relu")(x)
    x = layers.MaxPooling2D()(x)
    x = layers.Conv2D(256, 4, activation="relu")(x)
    x = layers.Flatten()(x)
    x = layers.Dense(512, activation="sigmoid")(x)
    return keras.Model(inp, x, name="encoder")


encoder = build_encoder()
left = keras.Input(shape=input_shape)
right = keras.Input(shape=input_shape)
l1 = layers.Lambda(lambda t: ops.abs(t[0] - t[1]))([encoder(left), encoder(right)])
prediction = layers.Dense(1, activation="sigmoid")(l1)
model = keras.Model(inputs=[left, right], outputs=prediction)
