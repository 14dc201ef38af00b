from keras import layers, models


def depthwise_block(x, filters, strides):
    x = layers.DepthwiseConv2D(3, strides=strides, padding="same", use_bias=False)(x)
    x = layers.BatchNormalization()(x)
    x = layers.ReLU(6.0)(x)
    x = layers.Conv2D(filters, 1, use_bias=False)(x)
    x = layers.BatchNormalization()(x)
    return layers.ReLU(6.0)(x)


inputs = layers.Input((96, 96, 3))
x = layers.Conv2D(32, 3, strides=2, padding="same", use_bias=False)(inputs)
x = layers.BatchNormalization()(x)
x = layers.ReLU(6.0)(x)
for filters, strides in [(64, 1), (128, 2), (128, 1), (256, 2), (256, 1), (512, 2)]:
    x = depthwise_block(x, filters, strides)
x = layers.GlobalAveragePooling2D()(x)
outputs = layers.Dense(5, activation="softmax")(x)
model = models.Model(inputs, outputs, name="tiny_mobilenet")
