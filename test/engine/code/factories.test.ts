/**
 * Every torch factory in every argument form PyTorch accepts (`*size`, `size=`, a tuple, a list,
 * torch.Size, dtype/device/requires_grad/layout/pin_memory), fixed and random, against the
 * element counts real PyTorch 1.13 produced (pastes/factories.py wrote torch-factories.json).
 * Each call becomes a parameter, so a size read wrong is a wrong count.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { read, refusal, total } from './helpers.js';

const TABLE = JSON.parse(readFileSync(new URL('./pastes/torch-factories.json', import.meta.url), 'utf8')) as Array<[string, number, number[]]>;

const asParameter = (call: string) => `import torch
import torch.nn as nn

class Holder(nn.Module):
    def __init__(self):
        super().__init__()
        self.p = nn.Parameter(torch.${call}.float())

m = Holder()
`;

describe('torch factories against PyTorch 1.13 (numel of each call)', () => {
  test.each(TABLE)('torch.%s has %i elements', (call, numel) => {
    expect(total(read(asParameter(call)))).toBe(BigInt(numel));
  });
});

describe('an argument a factory does not read is refused by name', () => {
  test('out= is named', () => {
    expect(refusal(asParameter('zeros(3, 4, out=torch.empty(3, 4))'))).toContain('`torch.zeros` got `out=`');
  });
  test('a dtype the reader does not know is named', () => {
    expect(refusal(asParameter('zeros(3, 4, dtype="complex")'))).toContain('`dtype=`');
  });
  test('size= and sizes together are a TypeError, as in PyTorch', () => {
    expect(refusal(asParameter('zeros(3, size=(3, 4))'))).toContain('TypeError');
  });
  test('an unknown keyword is a TypeError, as in PyTorch', () => {
    expect(refusal(asParameter('randn(3, 4, shape=(3, 4))'))).toContain("unexpected keyword argument 'shape'");
  });
  test('the graph attention layer: W and a from torch.empty(size=...)', () => {
    const code = `import torch
import torch.nn as nn

class GraphAttentionLayer(nn.Module):
    def __init__(self, in_features, out_features):
        super().__init__()
        self.W = nn.Parameter(torch.empty(size=(in_features, out_features)))
        nn.init.xavier_uniform_(self.W.data, gain=1.414)
        self.a = nn.Parameter(torch.empty(size=(2 * out_features, 1)))

layer = GraphAttentionLayer(1433, 8)
`;
    // PyTorch 1.13: sum(p.numel()) = 1433*8 + 16
    expect(total(read(code))).toBe(11_480n);
  });
});
