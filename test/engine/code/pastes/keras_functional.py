# The functional API: two inputs, a residual Add, a Concatenate, two outputs.
from tensorflow import keras
from tensorflow.keras import layers

image = keras.Input(shape=(32, 32, 3), name="image")
meta = keras.Input(shape=(10,), name="meta")

x = layers.Conv2D(32, 3, padding="same", activation="relu")(image)
y = layers.Conv2D(32, 3, padding="same")(x)
y = layers.BatchNormalization()(y)
x = layers.Add()([x, y])
x = layers.Activation("relu")(x)
x = layers.MaxPooling2D()(x)
x = layers.GlobalAveragePooling2D()(x)

m = layers.Dense(16, activation="relu")(meta)
z = layers.Concatenate()([x, m])
z = layers.Dropout(0.3)(z)
label = layers.Dense(5, activation="softmax", name="label")(z)
score = layers.Dense(1, name="score")(z)

model = keras.Model(inputs=[image, meta], outputs=[label, score])
model.summary()
