import keras
from keras import layers

# Variable-length int sequences.
query_input = keras.Input(shape=(None,), dtype="int32")
value_input = keras.Input(shape=(None,), dtype="int32")

# Embedding lookup.
token_embedding = layers.Embedding(input_dim=1000, output_dim=64)
# Query embeddings of shape [batch_size, Tq, dimension].
query_embeddings = token_embedding(query_input)
# Value embeddings of shape [batch_size, Tv, dimension].
value_embeddings = token_embedding(value_input)

# CNN layer.
cnn_layer = layers.Conv1D(
    filters=100,
    kernel_size=4,
    # Use 'same' padding so outputs have the same shape as inputs.
    padding="same",
)
# Query encoding of shape [batch_size, Tq, filters].
query_seq_encoding = cnn_layer(query_embeddings)
# Value encoding of shape [batch_size, Tv, filters].
value_seq_encoding = cnn_layer(value_embeddings)

# Query-value attention of shape [batch_size, Tq, filters].
query_value_attention_seq = layers.AdditiveAttention()([query_seq_encoding, value_seq_encoding])
scaled = layers.Attention(use_scale=True)([query_seq_encoding, value_seq_encoding])

# Reduce over the sequence axis to produce encodings of shape
# [batch_size, filters].
query_encoding = layers.GlobalAveragePooling1D()(query_seq_encoding)
query_value_attention = layers.GlobalAveragePooling1D()(query_value_attention_seq)
scaled_pool = layers.GlobalAveragePooling1D()(scaled)

# Concatenate query and document encodings to produce a DNN input layer.
input_layer = layers.Concatenate()([query_encoding, query_value_attention, scaled_pool])
output = layers.Dense(1)(input_layer)
model = keras.Model([query_input, value_input], output)
