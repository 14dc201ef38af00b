import keras
from keras import layers

inputs = keras.Input(shape=(128, 128, 3), name="img")
x = layers.Conv2D(32, 3, activation="relu")(inputs)
x = layers.Conv2D(64, 3, activation="relu")(x)
block_1_output = layers.MaxPooling2D(3)(x)

x = layers.Conv2D(64, 3, activation="relu", padding="same")(block_1_output)
x = layers.Conv2D(64, 3, activation="relu", padding="same")(x)
block_2_output = layers.add([x, block_1_output])

x = layers.GlobalAveragePooling2D()(block_2_output)
shared = layers.Dense(256, activation="relu")(x)
age = layers.Dense(1, name="age")(shared)
gender = layers.Dense(2, activation="softmax", name="gender")(shared)
emotion = layers.Dense(7, activation="softmax", name="emotion")(layers.Dropout(0.5)(shared))

model = keras.Model(inputs, [age, gender, emotion], name="face_heads")
model.compile(
    optimizer="adam",
    loss={"age": "mse", "gender": "sparse_categorical_crossentropy", "emotion": "sparse_categorical_crossentropy"},
)
