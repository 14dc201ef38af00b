"""A small U-Net for segmentation: skips joined with layers.concatenate, a residual with layers.add."""
import keras
from keras import layers


def conv_block(x, filters):
    x = layers.Conv2D(filters, 3, padding="same", use_bias=False)(x)
    x = layers.BatchNormalization()(x)
    x = layers.Activation("relu")(x)
    x = layers.Conv2D(filters, 3, padding="same", use_bias=False)(x)
    x = layers.BatchNormalization()(x)
    return layers.Activation("relu")(x)


def get_model(img_size=(64, 64), num_classes=3):
    inputs = keras.Input(shape=img_size + (3,))
    skips = []
    x = inputs
    for filters in [16, 32, 64]:
        x = conv_block(x, filters)
        skips.append(x)
        x = layers.MaxPooling2D(2)(x)
    x = conv_block(x, 128)
    residual = layers.Conv2D(128, 1)(x)
    x = layers.add([x, residual])
    for filters, skip in zip([64, 32, 16], reversed(skips)):
        x = layers.Conv2DTranspose(filters, 2, strides=2)(x)
        x = layers.concatenate([x, skip], axis=-1)
        x = conv_block(x, filters)
    outputs = layers.Conv2D(num_classes, 1, activation="softmax")(x)
    return keras.Model(inputs, outputs)


model = get_model()
