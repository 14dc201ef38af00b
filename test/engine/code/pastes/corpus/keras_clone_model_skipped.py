import numpy as np
import keras
from keras import layers

model = keras.Sequential(
    [
        keras.Input(shape=(32,)),
        layers.Dense(64, activation="relu"),
        layers.Dense(64, activation="relu"),
        layers.Dense(3),
    ]
)
backup = keras.models.clone_model(model)
backup.set_weights(model.get_weights())
print(np.mean([np.mean(w) for w in model.get_weights()]))
