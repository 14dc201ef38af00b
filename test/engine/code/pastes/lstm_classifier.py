# A sentiment classifier as students write it: embedding, a 2-layer bidirectional LSTM, the last
# hidden states of both directions concatenated, a linear head.
import torch
import torch.nn as nn


class LSTMClassifier(nn.Module):
    def __init__(self, vocab_size, embed_dim=100, hidden_dim=256, output_dim=1, n_layers=2,
                 bidirectional=True, dropout=0.5, pad_idx=0):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, embed_dim, padding_idx=pad_idx)
        self.lstm = nn.LSTM(embed_dim, hidden_dim, num_layers=n_layers, bidirectional=bidirectional,
                            dropout=dropout, batch_first=True)
        self.fc = nn.Linear(hidden_dim * 2 if bidirectional else hidden_dim, output_dim)
        self.dropout = nn.Dropout(dropout)

    def forward(self, text):
        embedded = self.dropout(self.embedding(text))
        output, (hidden, cell) = self.lstm(embedded)
        hidden = self.dropout(torch.cat((hidden[-2, :, :], hidden[-1, :, :]), dim=1))
        return self.fc(hidden)


class CharGRU(nn.Module):
    def __init__(self, n_chars=65, hidden=128):
        super().__init__()
        self.embed = nn.Embedding(n_chars, hidden)
        self.gru = nn.GRU(hidden, hidden, 2)
        self.out = nn.Linear(hidden, n_chars)

    def forward(self, x, h=None):
        out, h = self.gru(self.embed(x), h)
        return self.out(out), h


model = LSTMClassifier(vocab_size=25002)
