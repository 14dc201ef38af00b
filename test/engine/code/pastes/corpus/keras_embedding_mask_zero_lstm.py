import keras
from keras import layers

vocab_size = 8000
embed_dim = 100
num_tags = 17

model = keras.Sequential([
    layers.Input(shape=(None,)),
    layers.Embedding(vocab_size + 1, embed_dim, mask_zero=True),
    layers.SpatialDropout1D(0.2),
    layers.LSTM(100, return_sequences=True, recurrent_dropout=0.0),
    layers.Dense(num_tags, activation="softmax"),
])
