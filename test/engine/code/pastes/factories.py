"""Writes torch-factories.json: each factory call in every argument form, with its numel from real PyTorch.

    /usr/bin/python3 test/engine/code/pastes/factories.py > test/engine/code/pastes/torch-factories.json
"""
import torch, json, itertools, random
random.seed(7)
calls = []
for f in ['zeros','ones','empty','randn','rand']:
    for form in ['{f}(3, 5)','{f}((3, 5))','{f}([3, 5])','{f}(torch.Size([3, 5]))','{f}(size=(3, 5))','{f}(size=[3, 5])','{f}(7)','{f}(size=(7,))','{f}(3, 5, dtype=torch.float64)','{f}(3, 5, device="cpu")','{f}(3, 5, requires_grad=True)','{f}((2, 3, 4), dtype=torch.float16, device="cpu", requires_grad=False)','{f}(())','{f}(4, 0)','{f}(size=(3, 5), dtype=torch.float32)']:
        calls.append(form.format(f=f))
calls += ['full((3, 4), 0.5)','full(size=(3, 4), fill_value=1.0)','full([2, 2], 7, dtype=torch.float32)','eye(4)','eye(3, 5)','eye(n=3)','eye(3, m=2, dtype=torch.float64)',
 'arange(10)','arange(2, 10)','arange(0, 10, 3)','arange(0.0, 1.0, 0.1)','arange(end=5)','arange(start=1, end=7, step=2)','linspace(0, 1, 5)','linspace(0, 1, steps=11)','logspace(0, 2, steps=3)',
 'randperm(6)','randint(10, (3, 4))','randint(0, 10, (3, 4))','randint(10, size=(2, 5))','randint(low=0, high=5, size=(4,))','randint(3, 10, size=[6])',
 'zeros_like(torch.zeros(3, 4))','full_like(torch.zeros(2, 3), 1.0)','ones_like(torch.zeros(2, 3), dtype=torch.float64)',
 'tensor([[1, 2], [3, 4]])','tensor([1.0, 2.0, 3.0], requires_grad=True)','tensor(5)','as_tensor([1, 2, 3], dtype=torch.float32)',
 'Tensor(3, 4)','Tensor([[1, 2, 3]])','FloatTensor(2, 5)','LongTensor(4)',
 'zeros(3, 4).new_zeros(2, 6)','zeros(3, 4).new_zeros((2, 6))','zeros(3, 4).new_zeros(size=(2, 6))','zeros(3, 4).new_ones(5)','zeros(3, 4).new_empty((1, 2, 3))','zeros(3, 4).new_full((2, 2), 3.0)','zeros(3).new_tensor([1, 2])']
forms = ['{f}({a})','{f}(({a},))','{f}([{a}])','{f}(torch.Size([{a}]))','{f}(size=({a},))','{f}(size=[{a}])']
opts = ['dtype=torch.float64','device="cpu"','requires_grad=True','dtype=torch.float16','layout=torch.strided','pin_memory=False']
for i in range(60):
    f = random.choice(['zeros','ones','empty','randn','rand'])
    dims = ', '.join(str(random.randint(1, 9)) for _ in range(random.randint(1, 4)))
    call = random.choice(forms).format(f=f, a=dims)
    extra = random.sample(opts, random.randint(0, 2))
    if extra: call = call[:-1] + ', ' + ', '.join(extra) + ')'
    calls.append(call)
rows = []
for c in calls:
    try:
        t = eval('torch.' + c)
        rows.append([c, t.numel(), list(t.shape)])
    except Exception as e:
        rows.append([c, None, type(e).__name__])
print(json.dumps(rows))
