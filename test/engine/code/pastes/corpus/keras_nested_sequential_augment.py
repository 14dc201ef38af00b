import keras
from keras import layers

image_size = (180, 180)

data_augmentation = keras.Sequential(
    [
        layers.RandomFlip("horizontal"),
        layers.RandomRotation(0.1),
    ]
)

feature_extractor = keras.Sequential(
    [
        keras.Input(shape=image_size + (3,)),
        layers.Rescaling(1.0 / 255),
        layers.Conv2D(32, 3, strides=2, activation="relu"),
        layers.BatchNormalization(),
        layers.Conv2D(64, 3, activation="relu"),
        layers.GlobalAveragePooling2D(),
    ],
    name="features",
)

model = keras.Sequential(
    [
        feature_extractor,
        layers.Dropout(0.25),
        layers.Dense(1, activation=None),
    ]
)
model.summary()
