import torch
import torch.nn as nn
import torch.nn.functional as F


class BiLSTMAttention(nn.Module):
    def __init__(self, vocab_size, embed_dim, hidden_dim, num_classes, num_layers=2, dropout=0.3, pad_idx=0):
        super().__init__()
        self.embedding = nn.Embedding(vocab_size, embed_dim, padding_idx=pad_idx)
        self.lstm = nn.LSTM(embed_dim, hidden_dim, num_layers=num_layers, bidirectional=True,
                            batch_first=True, dropout=dropout)
        self.attn_w = nn.Linear(hidden_dim * 2, hidden_dim * 2)
        self.context = nn.Parameter(torch.randn(hidden_dim * 2))
        self.dropout = nn.Dropout(dropout)
        self.fc = nn.Linear(hidden_dim * 2, num_classes)

    def forward(self, text):
        embedded = self.dropout(self.embedding(text))           # [B, T, E]
        outputs, (hidden, cell) = self.lstm(embedded)           # [B, T, 2H]
        u = torch.tanh(self.attn_w(outputs))                    # [B, T, 2H]
        scores = u @ self.context                               # [B, T]
        alpha = F.softmax(scores, dim=1).unsqueeze(-1)          # [B, T, 1]
        pooled = (alpha * outputs).sum(dim=1)                   # [B, 2H]
        return self.fc(self.dropout(pooled))


model = BiLSTMAttention(vocab_size=25002, embed_dim=100, hidden_dim=256, num_classes=2)
text = torch.randint(0, 25002, (8, 40))
logits = model(text)
