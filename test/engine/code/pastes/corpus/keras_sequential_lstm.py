"""A Sequential sentiment model: Embedding, a Bidirectional LSTM stack, and a frozen embedding set with trainable=False."""
import keras
from keras import layers

max_features = 20000

model = keras.Sequential([
    keras.Input(shape=(None,), dtype="int32"),
    layers.Embedding(max_features, 128, name="embedding"),
    layers.Bidirectional(layers.LSTM(64, return_sequences=True)),
    layers.Bidirectional(layers.LSTM(64)),
    layers.Dense(1, activation="sigmoid"),
])
model.get_layer("embedding").trainable = False
