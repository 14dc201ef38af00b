"""Deep Learning with Python's feature extraction with data: a frozen VGG16 conv base as the first layer of a Sequential."""
from keras.applications.vgg16 import VGG16
from keras import layers, models
conv_base = VGG16(weights=None, include_top=False, input_shape=(180, 180, 3))
conv_base.trainable = False
model = models.Sequential([conv_base, layers.Flatten(), layers.Dense(256, activation="relu"), layers.Dropout(0.5), layers.Dense(1, activation="sigmoid")])
