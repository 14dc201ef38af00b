import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from torch.distributions import Categorical


class Policy(nn.Module):
    """
    implements both actor and critic in one model
    """
    def __init__(self, obs_dim=4, n_actions=2, hidden=128):
        super(Policy, self).__init__()
        self.affine1 = nn.Linear(obs_dim, hidden)

        # actor's layer
        self.action_head = nn.Linear(hidden, n_actions)

        # critic's layer
        self.value_head = nn.Linear(hidden, 1)

        # action & reward buffer
        self.saved_actions = []
        self.rewards = []

    def forward(self, x):
        x = F.relu(self.affine1(x))
        action_prob = F.softmax(self.action_head(x), dim=-1)
        state_values = self.value_head(x)
        return action_prob, state_values


model = Policy(obs_dim=8, n_actions=4, hidden=256)
optimizer = torch.optim.Adam(model.parameters(), lr=3e-2)
eps = np.finfo(np.float32).eps.item()
state = torch.zeros(8)
probs, state_value = model(state)
m = Categorical(probs)
