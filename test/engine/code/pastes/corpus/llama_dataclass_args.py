"""A llama2.c-style feed-forward stack configured by a dataclass: Optional fields, field(default_factory), __post_init__, replace and asdict."""
import math
from dataclasses import dataclass, field, replace, asdict
from typing import Optional, Tuple, List
import torch
import torch.nn as nn

@dataclass
class ModelArgs:
    dim: int = 64
    n_layers: int = 2
    n_heads: int = 4
    n_kv_heads: Optional[int] = None
    vocab_size: int = 100
    hidden_dim: Optional[int] = None
    multiple_of: int = 32
    extras: List[int] = field(default_factory=list)

    def __post_init__(self):
        if self.n_kv_heads is None:
            self.n_kv_heads = self.n_heads

@dataclass(frozen=True)
class Frozen:
    width: int
    depth: int = 3

class FF(nn.Module):
    def __init__(self, dim: int, hidden_dim: Optional[int], multiple_of: int):
        super().__init__()
        if hidden_dim is None:
            hidden_dim = 4 * dim
            hidden_dim = int(2 * hidden_dim / 3)
            hidden_dim = multiple_of * ((hidden_dim + multiple_of - 1) // multiple_of)
        self.w1 = nn.Linear(dim, hidden_dim, bias=False)
        self.w2 = nn.Linear(hidden_dim, dim, bias=False)

class T(nn.Module):
    def __init__(self, params: ModelArgs):
        super().__init__()
        self.tok = nn.Embedding(params.vocab_size, params.dim)
        self.kv = nn.Linear(params.dim, params.n_kv_heads * 8)
        self.layers = nn.ModuleList([FF(params.dim, params.hidden_dim, params.multiple_of) for _ in range(params.n_layers)])
        f = Frozen(width=3)
        self.extra = nn.Linear(f.width, f.depth)
        self.d = nn.Linear(len(asdict(params)), 1)

args = replace(ModelArgs(), dim=32)
model = T(args)
