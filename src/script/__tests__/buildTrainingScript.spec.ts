import { buildTrainingScript } from '../index';
import { notebook } from './cells';

const PARAMETERS = [
  '#tags: parameters',
  '# Values the job may override',
  'model_name = "distilbert-base-uncased"',
  "learning_rate = 1e-5",
  'epochs = 3',
  'warmup: float = -0.5',
  'fp16 = False',
  'seed = None',
  'hidden = 0x20',
  "labels = ['neg', 'pos']",
  'shape = (1, 2)',
  'extra = {"dropout": 0.1, "layers": [1, 2], "name": \'a\\tb\'}',
  'title = ("multi"',
  '         "part")'
].join('\n');

describe('buildTrainingScript', () => {
  it('reads the parameters cell as typed hyperparameters', () => {
    const built = buildTrainingScript(notebook(PARAMETERS, 'print(model_name)'), 1);
    expect(built.hyperparameters).toEqual({
      model_name: 'distilbert-base-uncased',
      learning_rate: 1e-5,
      epochs: 3,
      warmup: -0.5,
      fp16: false,
      seed: null,
      hidden: 32,
      labels: ['neg', 'pos'],
      shape: [1, 2],
      extra: { dropout: 0.1, layers: [1, 2], name: 'a\tb' },
      title: 'multipart'
    });
  });

  it('puts code that reads the values back in place of the parameters cell', () => {
    const built = buildTrainingScript(notebook(PARAMETERS, 'print(epochs)'), 1);
    const section = built.script.split('# --- cell 1 ---\n')[1].split('# --- cell 2 ---')[0];
    expect(section).toContain('SM_HPS');
    expect(section).toContain('parse_known_args');
    expect(section).toContain("    'learning_rate': 1e-5,\n");
    expect(section).toContain("    'title': (\"multi\"\n         \"part\"),\n");
    expect(section).toContain("epochs = _hp['epochs']\n");
    expect(built.translations).toEqual([
      'cell 1 line 1: parameters model_name, learning_rate, epochs, warmup, fp16, seed, hidden, labels, shape, extra, title → ' +
        'job hyperparameters (read back from SM_HPS, else --name value arguments)'
    ]);
    const line = built.script.split('\n').indexOf("epochs = _hp['epochs']");
    expect(built.lineMap[line]).toEqual({ cellIndex: 0, line: 4 }); // the cell's 4th line: the tags are not source
  });

  it('lays the script out with a header and one marker per cell', () => {
    const cells = notebook('import os\nx = 1\n\n\n', 'y = x + 1', '!echo {y}\ndisplay(y)');
    const built = buildTrainingScript(cells, 2);
    expect(built.entryPoint).toBe('train.py');
    expect(built.script).toBe(
      [
        '# Generated from notebook cells 1, 2, 3 — edit the notebook, not this file.',
        'import subprocess',
        'display = print  # outside a notebook, display() prints to the job log',
        '',
        '# --- cell 1 ---',
        'import os',
        'x = 1',
        '',
        '# --- cell 2 ---',
        'y = x + 1',
        '',
        '# --- cell 3 ---',
        "subprocess.run(f'echo {y}', shell=True, check=True)",
        'display(y)',
        ''
      ].join('\n')
    );
    expect(built.lineMap[12]).toEqual({ cellIndex: 2, line: 1 });
    expect(built.lineMap[9]).toEqual({ cellIndex: 1, line: 1 });
    expect(built.lineMap[4]).toBeNull();
    expect(built.translations).toEqual([
      "cell 3 line 1: !echo {y} → subprocess.run(f'echo {y}', shell=True, check=True)"
    ]);
  });

  it('uses IPython.display when a cell imports it, without the shim', () => {
    const built = buildTrainingScript(
      notebook('from IPython.display import display', 'display(1)'),
      1
    );
    expect(built.script).not.toContain('display = print');
    expect(built.cells.map(c => c.index)).toEqual([0, 1]);
  });

  it('collects requirements from install cells up to the training cell, de-duplicated', () => {
    const cells = notebook(
      '%pip install -q transformers==4.40.0 datasets',
      '#tags: sagemaker-exclude\n%pip install jupyterlab-widgets',
      'import transformers\n!pip install datasets evaluate',
      'print(transformers.__version__)',
      '%pip install later-package'
    );
    const built = buildTrainingScript(cells, 3);
    expect(built.requirements).toEqual(['transformers==4.40.0', 'datasets', 'evaluate']);
    expect(built.translations).toEqual([
      'cell 1 line 1: %pip install -q transformers==4.40.0 datasets → requirements.txt: transformers==4.40.0, datasets. Dropped: -q (it only changes what pip prints)',
      'cell 3 line 2: !pip install datasets evaluate → requirements.txt: datasets, evaluate'
    ]);
  });

  it('notes what it dropped and translated in the cells it took', () => {
    const cells = notebook(
      '%matplotlib inline\n%load_ext autoreload\n%autoreload 2\nimport os',
      '%env WANDB_DISABLED=true\n%time x = 1',
      'print(x, os.sep)'
    );
    const built = buildTrainingScript(cells, 2);
    expect(built.translations).toEqual([
      'cell 1 line 1: %matplotlib inline dropped',
      'cell 1 line 2: %load_ext autoreload dropped',
      'cell 1 line 3: %autoreload 2 dropped',
      "cell 2 line 1: %env WANDB_DISABLED=true → os.environ['WANDB_DISABLED'] = 'true'",
      'cell 2 line 2: %time x = 1 → x = 1'
    ]);
    expect(built.script.split('\n').slice(0, 2)).toEqual([
      '# Generated from notebook cells 1, 2, 3 — edit the notebook, not this file.',
      'import os'
    ]);
  });

  it.each([
    [['from transformers import AutoModel', 'import torch'], 'huggingface'],
    [['import torch.nn as nn'], 'pytorch'],
    [['import tensorflow as tf'], 'tensorflow'],
    [['from keras import layers'], 'tensorflow'],
    [['import mxnet as mx'], 'mxnet'],
    [['from sklearn.linear_model import LogisticRegression'], 'sklearn'],
    [['import numpy as np'], null]
  ])('detects the framework from %j', (imports, framework) => {
    const cells = notebook(...imports, 'print("train")');
    // The imports are taken because the training cell is tagged to need them.
    cells.slice(0, -1).forEach(cell => cell.tags.push('sagemaker-include'));
    expect(buildTrainingScript(cells, cells.length - 1).framework).toBe(framework);
  });

  it('detects the framework from the taken cells only', () => {
    const cells = notebook('import torch', 'import sklearn\nprint(sklearn)');
    expect(buildTrainingScript(cells, 1).framework).toBe('sklearn');
  });

  it('finds the channels the script reads', () => {
    const cells = notebook(
      [
        'import os',
        "train_dir = os.environ['SM_CHANNEL_TRAIN']",
        'test_dir = os.environ.get("SM_CHANNEL_TEST", "data/test")',
        "extra = os.getenv('SM_CHANNEL_EXTRA_DATA')",
        "again = os.environ['SM_CHANNEL_TRAIN']",
        "model_dir = os.environ['SM_MODEL_DIR']",
        "note = 'SM_CHANNEL_NOT_READ'"
      ].join('\n'),
      'print(train_dir, test_dir, extra, again, model_dir, note)'
    );
    expect(buildTrainingScript(cells, 1).channels).toEqual(['train', 'test', 'extra_data']);
  });

  it('reports names no earlier cell defines', () => {
    const built = buildTrainingScript(notebook('print(tokenizer)', 'tokenizer = 1'), 0);
    expect(built.warnings).toEqual([
      'cell 1 line 1: no earlier cell defines `tokenizer`, so the job will stop with a NameError unless the name comes from elsewhere.'
    ]);
  });

  it('builds a large notebook quickly', () => {
    const sources = Array.from({ length: 300 }, (_, i) =>
      `import os\nvalue_${i} = ${i > 0 ? `value_${i - 1} + ` : ''}len(os.sep)\n` +
      `def f_${i}(x):\n    return [y * value_${i} for y in range(x)]\n%matplotlib inline`
    );
    const started = Date.now();
    const built = buildTrainingScript(notebook(...sources), 299);
    expect(built.cells).toHaveLength(300);
    expect(Date.now() - started).toBeLessThan(3000);
  });
});

describe('buildTrainingScript: files and imports-only cells', () => {
  it('names the files the script reads that no taken cell writes, with cell and line', () => {
    const cells = notebook(
      'import pandas as pd\nDATA = "data"',
      'pd.read_csv(f"{DATA}/all.csv").sample(10).to_csv(f"{DATA}/small.csv")',
      'small = pd.read_csv(f"{DATA}/small.csv")\nlabels = pd.read_csv("./data/labels.csv")'
    );
    const built = buildTrainingScript(cells, 2);
    expect(built.cells.map(c => c.index)).toEqual([0, 1, 2]);
    expect(built.fileNeeds).toEqual([
      { path: 'data/all.csv', cellIndex: 1, line: 1 },
      { path: 'data/labels.csv', cellIndex: 2, line: 2 }
    ]);
  });

  it('marks a cell taken for its imports alone and puts only its imports in the script', () => {
    const cells = notebook('import json\nprint(json.dumps(sample))', 'print(json.dumps([1]))');
    const built = buildTrainingScript(cells, 1);
    expect(built.cells).toEqual([
      { index: 0, id: 'cell-1', reason: 'dependency', importsOnly: true },
      { index: 1, id: 'cell-2', reason: 'training' }
    ]);
    expect(built.script).toContain('# --- cell 1 ---\nimport json\n\n# --- cell 2 ---\n');
    expect(built.warnings.join('\n')).not.toContain('`sample`');
  });
});
