import keras
from keras import layers

n_steps, n_features = 30, 7

model = keras.Sequential()
model.add(layers.Input(shape=(n_steps, n_features)))
model.add(layers.GRU(64, return_sequences=True, dropout=0.1))
model.add(layers.GRU(32, return_sequences=True))
model.add(layers.TimeDistributed(layers.Dense(16, activation="relu")))
model.add(layers.TimeDistributed(layers.Dense(1)))
model.compile(optimizer="adam", loss="mse")
