# Keras 2 style: Sequential with .add, an Embedding, a bidirectional LSTM over any length (None).
from keras.models import Sequential
from keras.layers import Dense, Embedding, LSTM, Bidirectional, Dropout, Input

model = Sequential()
model.add(Input(shape=(None,), dtype="int32"))
model.add(Embedding(20000, 128))
model.add(Bidirectional(LSTM(64, return_sequences=True)))
model.add(Bidirectional(LSTM(64)))
model.add(Dropout(0.5))
model.add(Dense(1, activation="sigmoid"))
model.compile("adam", "binary_crossentropy", metrics=["accuracy"])
