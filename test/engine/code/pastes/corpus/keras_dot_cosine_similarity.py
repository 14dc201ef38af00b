import keras
from keras import layers

vocab_size = 5000
embedding_dim = 64

target = keras.Input(shape=(1,), name="target")
context = keras.Input(shape=(1,), name="context")

embedding = layers.Embedding(vocab_size, embedding_dim, name="embedding")
target_vec = layers.Reshape((embedding_dim,))(embedding(target))
context_vec = layers.Reshape((embedding_dim,))(layers.Embedding(vocab_size, embedding_dim, name="context_embedding")(context))

similarity = layers.dot([target_vec, context_vec], axes=1, normalize=True)
dot_product = layers.Dot(axes=1)([target_vec, context_vec])
merged = layers.Concatenate()([similarity, dot_product])
output = layers.Dense(1, activation="sigmoid")(merged)

model = keras.Model(inputs=[target, context], outputs=output)
model.compile(loss="binary_crossentropy", optimizer="rmsprop")
