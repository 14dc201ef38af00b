"""EfficientNetB0 from scratch for a seven-class problem."""
import keras
model = keras.applications.EfficientNetB0(weights=None, classes=7)
