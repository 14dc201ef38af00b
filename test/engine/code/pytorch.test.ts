/**
 * PyTorch classes as students write them, each counted as `sum(p.numel() for p in
 * model.parameters())` counts it. Counts are PyTorch 1.13's, from pastes/verify.py, unless a
 * published number is cited.
 */
import { describe, expect, it } from 'vitest';
import { notes, paste, read, reason, refusal, row, rows, total } from './helpers.js';

describe('ResNet-18 as classes: BasicBlock, _make_layer, a factory function', () => {
  const resnet = paste('resnet18_classes.py');

  it('counts 11,689,512, the num_params of torchvision.models.resnet18 (ResNet18_Weights.IMAGENET1K_V1 meta)', () => {
    const result = read(resnet);
    expect(total(result)).toBe(11_689_512n);
    // named like named_modules(): stages, blocks, layers
    expect(rows(result).map((r) => r.name)).toContain('layer1.0.conv1');
    expect(row(result, 'layer2.0.shortcut.0').counts.total).toBe(64n * 128n);
    expect(row(result, 'fc').counts.total).toBe(513_000n);
    expect(notes(result).join('\n')).toMatch(/counted ResNet18\(\); the paste also defines `ResNet34\(\)`/);
  });

  it('model= picks another factory: ResNet34 is 21,797,672 (torchvision resnet34 num_params)', () => {
    expect(total(read(resnet, 'model=ResNet34'))).toBe(21_797_672n);
  });

  it('settings reach the factory: num_classes=10 gives (512 + 1)·10 in fc', () => {
    const result = read(resnet, 'num_classes=10');
    expect(row(result, 'fc').counts.total).toBe(5_130n);
    expect(total(result)).toBe(11_689_512n - 513_000n + 5_130n);
  });

  it('follows forward through the residual additions', () => {
    const result = read(resnet, 'in=3x224x224');
    expect(row(result, 'layer4.1.bn2').shape).toEqual([1, 512, 7, 7]);
    expect(row(result, 'fc').shape).toEqual([1, 1000]);
    expect(row(result, 'maxpool').calls).toBe(1);
  });
});

describe('VGG from a config table and make_layers', () => {
  it('counts VGG16-BN with 47 classes: 134,461,551', () => {
    const result = read(paste('vgg_cfg.py'), 'in=3x32x32');
    expect(total(result)).toBe(134_461_551n);
    expect(rows(result)[0]!.name).toBe('features.0');
    expect(row(result, 'classifier.6').counts.total).toBe(4_097n * 47n);
    expect(row(result, 'avgpool').shape).toEqual([1, 512, 7, 7]);
  });
});

describe('DCGAN generator and discriminator with module-level constants', () => {
  // pytorch.org/tutorials/beginner/dcgan_faces_tutorial.html (nz=100, ngf=ndf=64, nc=3)
  const dcgan = paste('dcgan.py');

  it('counts the first model built, netG: 3,576,704, and names the other', () => {
    const result = read(dcgan);
    expect(result.code!.model).toBe('Generator');
    expect(total(result)).toBe(3_576_704n);
    expect(notes(result).join('\n')).toMatch(/also builds `netD` \(Discriminator\); this counts `netG`/);
  });

  it('model=netD counts the discriminator: 2,765,568, and follows it to one score', () => {
    const result = read(dcgan, 'model=netD in=3x64x64');
    expect(total(result)).toBe(2_765_568n);
    expect(row(result, 'main.11').shape).toEqual([1, 1, 1, 1]);
  });

  it('the generator upsamples 1×1 noise to a 64×64 image', () => {
    expect(row(read(dcgan, 'in=100x1x1'), 'main.12').shape).toEqual([1, 3, 64, 64]);
  });
});

describe('a ViT with a class token and a position table (nn.Parameter)', () => {
  it('counts 2,693,578: the parameters held directly are rows too', () => {
    const result = read(paste('vit.py'), 'input_size=(2,3,32,32)');
    expect(total(result)).toBe(2_693_578n);
    expect(row(result, 'cls_token').counts.total).toBe(192n);
    expect(row(result, 'pos_embed').counts.total).toBe(65n * 192n);
    expect(row(result, 'encoder.layers.5.linear2').counts.total).toBe(769n * 192n);
    expect(row(result, 'head').shape).toEqual([2, 10]);
  });
});

describe('nn.TransformerEncoder: deep copies of its layer', () => {
  // docs: TransformerEncoder(encoder_layer, num_layers) "a stack of N encoder layers"; PyTorch 1.13 counts
  it.each([
    ['nn.TransformerEncoderLayer(512, 8)', 3_152_384n],
    ['nn.Transformer()', 44_140_544n],
    ['nn.TransformerDecoderLayer(256, 4, 1024, norm_first=True)', 1_053_440n],
    ['nn.TransformerEncoder(nn.TransformerEncoderLayer(64, 4, 128), 3, norm=nn.LayerNorm(64))', 100_544n],
  ])('%s = %d', (code, expected) => {
    expect(total(read(`import torch.nn as nn\nmodel = ${code}`))).toBe(expected);
  });

  it('the tutorial language model: 12,025,582; its positional table is a buffer, not counted', () => {
    const result = read(paste('transformer_lm.py'), 'in=35');
    expect(total(result)).toBe(12_025_582n);
    expect(rows(result).map((r) => r.name)).not.toContain('pos_encoder.pe');
    expect(row(result, 'linear').shape).toEqual([1, 35, 28_782]);
  });

  it('num_layers is bounded by the module limit, not looped blindly', () => {
    expect(refusal('import torch.nn as nn\nm = nn.TransformerEncoder(nn.TransformerEncoderLayer(8, 2, 16), num_layers=10_000)')).toMatch(
      /limit of the reader: modules \(layers\) created \(at most 2,000\)/,
    );
  });
});

describe('recurrent models', () => {
  it('a bidirectional 2-layer LSTM classifier: 4,810,857', () => {
    const result = read(paste('lstm_classifier.py'), 'in=50');
    expect(total(result)).toBe(4_810_857n);
    expect(row(result, 'lstm').shape).toEqual([1, 50, 512]);
    expect(row(result, 'fc').shape).toEqual([1, 1]);
  });

  it('a character GRU: 214,849', () => {
    expect(total(read(paste('lstm_classifier.py'), 'model=CharGRU'))).toBe(214_849n);
  });
});

describe('idioms, all in one model (pastes/idioms.py)', () => {
  const result = read(paste('idioms.py'), 'input_size=(1,3,16,16)');

  it('counts 242,096, 241,168 trainable (a frozen block; a tied weight once)', () => {
    expect(total(result)).toBe(242_096n);
    expect(result.report.counts.trainable).toBe(241_168n);
    expect(row(result, 'features.0.conv').counts.nonTrainable).toBe(864n);
  });

  it('names rows like named_modules(): Sequential, ModuleList, ModuleDict and OrderedDict keys', () => {
    expect(rows(result).map((r) => r.name)).toEqual([
      'features.0.conv',
      'features.0.bn',
      'features.0.act',
      'features.1.conv',
      'features.1.bn',
      'features.1.act',
      'features.2.conv',
      'features.2.bn',
      'features.2.act',
      'extra.0',
      'extra.1',
      'extra.2',
      'extra.3',
      'heads.cls',
      'heads.box',
      'stem.embed',
      'stem.proj',
      'shared',
      'spare',
      'pool',
    ]);
    expect(row(result, 'features.0.act').type).toBe('GELU');
  });

  it('says what PyTorch would do with the tricky parts', () => {
    const text = notes(result).join('\n');
    expect(text).toMatch(/`stem.proj.weight` is `stem.embed.weight`/);
    expect(text).toMatch(/`self.plain` is a plain Python list of layers: PyTorch does not register them/);
    expect(text).toMatch(/declared but never used in forward: `stem.embed`, `spare`/);
    expect(row(result, 'shared').calls).toBe(2);
  });
});

describe('construction as Python does it', () => {
  it('the instantiation line`s arguments: Net(num_classes=47)', () => {
    const code = `import torch.nn as nn\nclass Net(nn.Module):\n    def __init__(self, num_classes=10, hidden=128):\n        super().__init__()\n        self.fc1 = nn.Linear(784, hidden)\n        self.fc2 = nn.Linear(hidden, num_classes)\nmodel = Net(num_classes=47)\n`;
    expect(total(read(code))).toBe(785n * 128n + 129n * 47n);
  });

  it('asks for the constructor arguments that have no default', () => {
    const code = 'import torch.nn as nn\nclass MLP(nn.Module):\n    def __init__(self, d_in, d_out):\n        super().__init__()\n        self.fc = nn.Linear(d_in, d_out)\n';
    expect(refusal(code)).toMatch(/`MLP` needs `d_in`, `d_out` to be built: add `model = MLP\(d_in=…, d_out=…\)` to the code, or give them before it \(`\/count d_in=… d_out=… <code>`\)/);
    expect(total(read(code, 'd_in=784 d_out=10'))).toBe(7_850n);
  });

  it('refuses a module assigned before super().__init__(), as PyTorch does', () => {
    const code = 'import torch.nn as nn\nclass Net(nn.Module):\n    def __init__(self):\n        self.fc = nn.Linear(2, 2)\n        super().__init__()\nnet = Net()\n';
    expect(refusal(code)).toMatch(/^Line 4 \(`self.fc = nn.Linear\(2, 2\)`\): Python would stop here with AttributeError: cannot assign module `self.fc` before Module.__init__\(\) call/);
  });

  it('requires_grad_(False) freezes; .eval() changes nothing', () => {
    const code = 'import torch.nn as nn\nnet = nn.Sequential(nn.Linear(10, 10), nn.Linear(10, 2))\nnet[0].requires_grad_(False)\nnet.eval()\n';
    const result = read(code);
    expect(result.report.counts).toEqual({ total: 132n, trainable: 22n, nonTrainable: 110n });
  });

  it('a module registered twice is counted once, under its first name', () => {
    const code = 'import torch.nn as nn\nclass Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.a = nn.Linear(4, 4)\n        self.b = self.a\nnet = Net()\n';
    const result = read(code);
    expect(total(result)).toBe(20n);
    expect(rows(result).map((r) => r.name)).toEqual(['a']);
  });

  // PyTorch 1.13 and torchvision 0.14: Siamese() has 40 + 9 = 49 parameters; build_model() 11,178,051.
  it('a factory another class calls is a part, not the model: the class that uses it is counted', () => {
    const code =
      'import torch.nn as nn\ndef make_cnn(out_dim=8):\n    return nn.Sequential(nn.Linear(4, out_dim))\nclass Siamese(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.branch = make_cnn()\n        self.head = nn.Linear(8, 1)\n';
    const result = read(code);
    expect(total(result)).toBe(49n);
    expect(result.code!.model).toBe('Siamese');
  });

  it('a factory that names what it built before returning it (`model = ...; return model`) is a factory', () => {
    const code =
      'import torch.nn as nn\nfrom torchvision import models\ndef build_model(num_classes=3):\n    model = models.resnet18(weights=None)\n    model.fc = nn.Linear(model.fc.in_features, num_classes)\n    return model\n';
    expect(total(read(code))).toBe(11_178_051n);
  });

  // PyTorch 1.13: Net() holds two Linear(10, 10); after delattr(model, "aux"), 110
  it('delattr(model, name) takes a layer off, as `del model.name` does (it was a NameError Python does not raise)', () => {
    const code =
      'import torch.nn as nn\nclass Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(10, 10)\n        self.aux = nn.Linear(10, 10)\nmodel = Net()\ndelattr(model, "aux")\n';
    expect(total(read(code))).toBe(110n);
  });

  // PyTorch 1.13: nn.Bilinear(8, 6, 3) has 147 parameters (a 3×8×6 weight and 3 biases), 144 with bias=False
  it('nn.Bilinear: an IN1×IN2 matrix per output, and its biases', () => {
    expect(total(read('import torch.nn as nn\nmodel = nn.Bilinear(8, 6, 3)\n'))).toBe(147n);
    expect(total(read('import torch.nn as nn\nmodel = nn.Bilinear(8, 6, 3, bias=False)\n'))).toBe(144n);
  });

  // PyTorch 1.13: sum(p.numel() for p in model.parameters()) is 10 for the list, 100 for the module.
  it('one parameter held twice by the same module is counted once, under its first name', () => {
    const list = read('import torch\nimport torch.nn as nn\nw = nn.Parameter(torch.zeros(10))\nmodel = nn.ParameterList([w, w])\n');
    expect(total(list)).toBe(10n);
    expect(rows(list).map((r) => r.name)).toEqual(['0']);
    const attrs = read(
      'import torch\nimport torch.nn as nn\nclass M(nn.Module):\n    def __init__(self):\n        super().__init__()\n        w = nn.Parameter(torch.randn(10, 10))\n        self.p = w\n        self.q = w\nmodel = M()\n',
    );
    expect(total(attrs)).toBe(100n);
    expect(notes(attrs).some((n) => n.includes('`q` is `p`'))).toBe(true);
  });

  it('forward is never needed for the count: an unfollowable forward still counts, and says why', () => {
    const code =
      'import torch.nn as nn\nimport shapetools\nclass Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(8, 2)\n    def forward(self, x):\n        x = shapetools.flatten(x, "b c h w -> b (c h w)")\n        return self.fc(x)\n';
    const result = read(code, 'in=2x2x2');
    expect(total(result)).toBe(18n);
    expect(reason(result)).toMatch(/^Line 9 \(`return self.fc\(x\)`\): the value comes from `shapetools.flatten\(…\)` \(line 8\), which the reader does not run/);
  });
});

describe('more shapes of model code', () => {
  it('ResNet-50 as torchvision writes it: 25,557,032, the num_params of torchvision.models.resnet50', () => {
    expect(total(read(paste('resnet50_classes.py')))).toBe(25_557_032n);
  });

  it('a U-Net: blocks in a ModuleList, torch.cat skips, torchsummary`s own call followed: 7,766,018', () => {
    const result = read(paste('unet.py'));
    expect(total(result)).toBe(7_766_018n);
    expect(result.code!.shapes).toEqual({ known: true, inputs: [[1, 3, 64, 64]] });
    expect(row(result, 'ups.0').shape).toEqual([1, 256, 8, 8]);
    expect(row(result, 'final').shape).toEqual([1, 2, 64, 64]);
  });

  it('an autoencoder with from-imports, a frozen from_pretrained embedding, Unflatten, spectral_norm', () => {
    const result = read(paste('autoencoder.py'));
    expect(result.report.counts).toEqual({ total: 162_745n, trainable: 137_745n, nonTrainable: 25_000n });
    expect(row(result, 'dec.2').shape).toEqual([2, 32, 7, 7]);
    expect(notes(result).join('\n')).toMatch(/spectral_norm keeps the parameter count/);
  });
});

describe('a training script around the model', () => {
  // PyTorch 1.13 runs each of these; the model is nn.Linear(4, 2): 10 parameters.
  const model =
    'import torch\nfrom torch import nn\nfrom torch.utils.data import DataLoader, TensorDataset\nmodel = nn.Linear(4, 2)\nloader = DataLoader(TensorDataset(torch.randn(8, 4), torch.zeros(8, dtype=torch.long)), batch_size=4)\n';

  it('what a loop over data binds (the loss) is data after it: printing it, formatted or not, is no NameError', () => {
    const code = `${model}for x, y in loader:\n    loss = nn.functional.cross_entropy(model(x), y)\nprint(loss.item())\nprint(f"loss={loss.item():.4f} after {len(loader)} batches")\n`;
    expect(total(read(code))).toBe(10n);
  });

  it('enumerate and zip over a DataLoader are the loop over data, skipped as it is', () => {
    expect(total(read(`${model}for i, (x, y) in enumerate(loader):\n    out = model(x)\nprint(i)\n`))).toBe(10n);
    expect(total(read(`${model}for (x, y), step in zip(loader, range(3)):\n    out = model(x)\n`))).toBe(10n);
  });

  it('a name bound before the loop keeps its value: `model = model.to(device)` inside it does not lose the model', () => {
    expect(total(read(`${model}for x, y in loader:\n    model = model.to("cpu")\n`))).toBe(10n);
  });

  it('a layer sized by what the loop over data computed is refused, naming it', () => {
    expect(refusal(`${model}for x, y in loader:\n    n = x.shape[1]\nhead = nn.Linear(n, 2)\n`)).toMatch(/needs the value of/);
  });

  it('a loop over data that builds layers is refused, naming the data: as many layers as the data has', () => {
    expect(
      refusal(
        'import yaml\nimport torch.nn as nn\ncfg = yaml.safe_load("x")\nlayers = []\nfor c in cfg["channels"]:\n    layers.append(nn.Linear(c, c))\nmodel = nn.Sequential(nn.Linear(4, 4), *layers)\n',
      ),
    ).toMatch(/^Line 5 \(`for c in cfg\["channels"\]:`\): the loop over `yaml\.safe_load\(…\)\[…\]` \(line 5\) builds layers/);
    // through a pasted block factory, and over enumerate(...) of a DataFrame's columns
    const factory =
      'import pandas as pd\nimport torch.nn as nn\ndef block(c):\n    return nn.Sequential(nn.Linear(c, c), nn.ReLU())\ndf = pd.read_csv("x.csv")\nmodel = nn.Sequential()\nfor i, c in enumerate(df.columns):\n    model.add_module(str(i), block(4))\n';
    expect(refusal(factory)).toMatch(/the loop over `pandas\.read_csv\(…\)\.columns` \(line 7\) builds layers/);
  });

  it("len, range, sorted, sum, min and max of data are data: a training script's bookkeeping passes, a layer sized by it is refused", () => {
    const head = `${model}import glob\nfiles = sorted(glob.glob("*.png"))\nprint(len(files), sum(len(f) for f in files) if False else 0)\nfor i in range(len(files)):\n    print(files[i])\n`;
    expect(total(read(head))).toBe(10n);
    expect(refusal(`${head}head = nn.Linear(len(files), 2)\n`)).toMatch(/needs the value of `files`, which line 7 computes/);
  });

  it("Python's own modules hold no parameters: a name the reader does not know there is data, refused only where a layer needs it", () => {
    const vocab = 'import torch.nn as nn\nfrom collections import Counter\nwords = ["a", "b", "a"]\nvocab = Counter(words)\n';
    const counted = read(`${vocab}model = nn.Embedding(100, 8)\n`);
    expect(total(counted)).toBe(800n);
    expect(notes(counted).some((n) => n.includes('`collections.Counter` is not something the reader knows: nothing the count is made of comes from it'))).toBe(true);
    expect(refusal(`${vocab}model = nn.Embedding(len(vocab), 8)\n`)).toMatch(/collections\.Counter/);
  });
});

describe("the script's entry point, run as `python model.py` runs it", () => {
  // PyTorch 1.13 runs each file as __main__; the totals are sum(p.numel() for p in model.parameters()).
  const net = 'import torch.nn as nn\nclass Net(nn.Module):\n    def __init__(self, n=10):\n        super().__init__()\n        self.fc = nn.Linear(4, n)\n';

  it("the model the `if __name__ == '__main__':` block builds is counted, with its arguments (not the class's defaults)", () => {
    const result = read(`${net}if __name__ == '__main__':\n    model = Net(n=2)\n`);
    expect(total(result)).toBe(10n);
    expect(notes(result).join('\n')).not.toMatch(/with its defaults/);
  });

  it('a model main() keeps in a local is the one counted', () => {
    expect(total(read(`${net}def main():\n    model = Net(n=3)\n    return 0\nif __name__ == "__main__":\n    main()\n`))).toBe(15n);
  });

  it('argparse gives its defaults (a string default through its type, store_true False), said in a note', () => {
    const code = `import argparse\n${net}parser = argparse.ArgumentParser(description="train")\nparser.add_argument("--hidden-size", type=int, default="6")\nparser.add_argument("--deep", action="store_true")\ngroup = parser.add_argument_group("model")\ngroup.add_argument("-w", "--width", type=int, default=2)\nargs = parser.parse_args()\nmodel = Net(n=args.hidden_size * args.width + (100 if args.deep else 0))\n`;
    const result = read(code);
    expect(total(result)).toBe(5n * 12n);
    expect(notes(result).join('\n')).toMatch(
      /reads the command line with argparse: this is the script run without arguments \(`python script.py`\), so these are their defaults: `hidden_size`, `deep`, `width`/,
    );
    // a notebook's parse_args([]) is the same empty command line
    expect(total(read(code.replace('parse_args()', 'parse_args([])')))).toBe(60n);
  });

  it('what the command line must give (a positional, required=True) is data: refused only where a layer needs it', () => {
    const head = `import argparse\n${net}p = argparse.ArgumentParser()\np.add_argument("data_dir")\np.add_argument("--n", type=int, required=True)\nargs = p.parse_args()\nprint(args.data_dir)\n`;
    expect(total(read(`${head}model = Net()\n`))).toBe(50n);
    expect(refusal(`${head}model = Net(n=args.n)\n`)).toMatch(/the command line's --n/);
  });

  it("what the script's block cannot follow is refused, as anywhere: past it the model may still change", () => {
    // bookkeeping on data passes (a sorted file list, its length printed)
    const surgery = `import glob\nimport torch.nn as nn\nfrom torchvision import models\nif __name__ == '__main__':\n    model = models.resnet18(weights=None)\n    files = sorted(glob.glob("*.png"))\n    print(len(files))\n    model.fc = nn.Linear(512, 10)\n`;
    // torchvision's resnet18 with a 10-class fc: 11,181,642 (PyTorch 1.13)
    expect(total(read(surgery))).toBe(11_181_642n);
    // a branch on data is refused, though the model was built before it: the fc after it may be the one
    expect(refusal(surgery.replace('    print(len(files))\n', '    if len(files) > 3:\n        print("many")\n'))).toMatch(/needs the value of `files`/);
  });

  // PyTorch 1.13: the vocabulary a loop over data fills decides the embedding; 2 entries before it, not 2 after
  it('what a loop over data changes in place (a vocabulary, a list of sizes, an argument) is data after it', () => {
    const head = 'import torch.nn as nn\nimport pandas as pd\ndf = pd.read_csv("train.csv")\n';
    expect(refusal(`${head}vocab = {"<pad>": 0, "<unk>": 1}\nfor w in df.text:\n    vocab[w] = len(vocab)\nmodel = nn.Embedding(len(vocab), 8)\n`)).toMatch(
      /needs the value of `len\(for … in pandas\.read_csv\(…\)\.text\)`/,
    );
    expect(refusal(`${head}sizes = [4]\nfor h in df.width:\n    sizes.append(h)\nmodel = nn.Linear(4, len(sizes))\n`)).toMatch(/needs the value of `len\(for … in pandas\.read_csv\(…\)\.width\)`/);
    // a name holding a module or a model is not data: the loop trains the model, and `torch` stays torch
    expect(total(read(`import torch\n${head}model = nn.Linear(4, 2)\nfor x in df.x:\n    model.train()\n    torch.save(model.state_dict(), "m.pt")\nhead2 = torch.nn.Linear(2, 2)\n`))).toBe(10n);
  });

  // PIL's Image.mode is data: which branch `== 'L'` takes is not known
  it('data compared for equality is data: the branch it picks is refused, not guessed', () => {
    expect(refusal('import torch.nn as nn\nfrom PIL import Image\nimg = Image.open("x.png")\nin_ch = 1 if img.mode == "L" else 3\nmodel = nn.Conv2d(in_ch, 8, 3)\n')).toMatch(/needs the value of/);
  });

  it("before any model is built, or inside a model's own code, it is the refusal it always was", () => {
    expect(refusal(`import glob\n${net}if __name__ == '__main__':\n    files = sorted(glob.glob("data/*.png"))\n    model = Net(n=len(files))\n`)).toMatch(/glob\.glob/);
    const unknownLayer =
      'import torch.nn as nn\nclass Pair(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc = nn.Linear(4, 4)\n        self.head = nn.AdaptiveLogSoftmaxWithLoss(4, 100, [10])\nif __name__ == "__main__":\n    model = Pair()\n';
    expect(refusal(unknownLayer)).toMatch(/torch\.nn\.AdaptiveLogSoftmaxWithLoss/);
  });
});

describe('the script read as argparse and Python read it', () => {
  // PyTorch 1.13 with sys.argv = ['script.py']: each total below is sum(p.numel()) of the model the script builds
  const net = 'import argparse\nimport torch.nn as nn\n';
  it("argparse's precedence: the first argument of a dest decides it, set_defaults is the default of its dest's arguments, parents= brings a parser's arguments", () => {
    const pair = `${net}p = argparse.ArgumentParser()\np.add_argument("--bn", dest="bn", action="store_true")\np.add_argument("--no-bn", dest="bn", action="store_false")\nargs = p.parse_args()\nmodel = nn.Sequential(nn.Linear(10, 10), nn.BatchNorm1d(10) if args.bn else nn.Identity())\n`;
    expect(total(read(pair))).toBe(110n);
    const later = `${net}p = argparse.ArgumentParser()\np.set_defaults(bn=True)\np.add_argument("--bn", action="store_true")\nargs = p.parse_args()\nmodel = nn.Sequential(nn.Linear(10, 10), nn.BatchNorm1d(10) if args.bn else nn.Identity())\n`;
    expect(total(read(later))).toBe(130n);
    const parents = `${net}base = argparse.ArgumentParser(add_help=False)\nbase.add_argument("--h", type=int, default=8)\np = argparse.ArgumentParser(parents=[base])\nargs = p.parse_args()\nmodel = nn.Linear(1, args.h)\n`;
    expect(total(read(parents))).toBe(16n);
    expect(total(read(`import sys\n${parents.replace('p.parse_args()', 'p.parse_args(sys.argv[1:])')}`))).toBe(16n);
  });

  it('the model main() goes on with is the one counted: the last its name held', () => {
    const code = `${net}def main():\n    model = nn.Linear(1, 3)\n    if True:\n        model = nn.Linear(100, 100)\n    return 0\nif __name__ == "__main__":\n    main()\n`;
    expect(total(read(code))).toBe(10_100n);
  });

  it('a script run through a library the reader does not run, or whose model an unknown call replaced, is refused', () => {
    expect(
      refusal(
        `import fire\n${net}class Net(nn.Module):\n    def __init__(self, n=3):\n        super().__init__()\n        self.fc = nn.Linear(1, n)\ndef train(n=100):\n    model = Net(n)\nif __name__ == "__main__":\n    fire.Fire(train)\n`,
      ),
    ).toMatch(/The script runs `train` through `fire\.Fire\(…\)`/);
    expect(refusal(`import torch\n${net}model = nn.Linear(100, 100)\nmodel = torch.quantization.quantize_dynamic(model, {nn.Linear}, dtype=torch.qint8)\n`)).toMatch(
      /`model` is what `torch\.quantization\.quantize_dynamic\(…\)` \(line 5\) returns/,
    );
  });

  it("a loop over data that builds layers through an object's method is refused", () => {
    const code = `import pandas as pd\n${net}class Tab(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.embs = nn.ModuleList()\n    def add_column(self, n):\n        self.embs.append(nn.Embedding(n, 4))\nmodel = Tab()\ndf = pd.read_csv("x.csv")\nfor c in df.columns:\n    model.add_column(df[c].nunique())\n`;
    expect(refusal(code)).toMatch(/builds layers/);
  });
});

describe('reading a loop over data for the layers it builds costs the paste its size, not its call graph', () => {
  it('120 functions calling 20 each, six deep, under a loop skipped 300 times: read once, counted', () => {
    const defs: string[] = [];
    for (let d = 0; d < 6; d++) {
      for (let i = 0; i < 20; i++) defs.push(`def f${d}_${i}():\n    ${d < 5 ? Array.from({ length: 20 }, (_, j) => `f${d + 1}_${j}()`).join('; ') : 'pass'}\n`);
    }
    const code = `import pandas as pd\nimport torch.nn as nn\ndf = pd.read_csv("x")\n${defs.join('')}model = nn.Linear(2, 2)\nfor i in range(300):\n    for x in df.x:\n        f0_0()\n`;
    expect(total(read(code))).toBe(6n);
  });
});
