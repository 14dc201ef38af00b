"""The Keras transfer-learning guide: a frozen Xception base called with training=False, a new binary head."""
import keras
from keras import layers
base_model = keras.applications.Xception(weights=None, input_shape=(150, 150, 3), include_top=False)
base_model.trainable = False
inputs = keras.Input(shape=(150, 150, 3))
x = base_model(inputs, training=False)
x = keras.layers.GlobalAveragePooling2D()(x)
x = keras.layers.Dropout(0.2)(x)
outputs = keras.layers.Dense(1)(x)
model = keras.Model(inputs, outputs)
