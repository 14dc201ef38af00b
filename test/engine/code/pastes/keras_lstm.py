# The functional API over sequences of any length (None).
import tensorflow as tf
inputs = tf.keras.Input(shape=(None, 32))
x = tf.keras.layers.LSTM(64, return_sequences=True)(inputs)
x = tf.keras.layers.LSTM(32)(x)
outputs = tf.keras.layers.Dense(1)(x)
model = tf.keras.Model(inputs, outputs)
