/**
 * Notebook shapes seen in real NLP training notebooks (written for these
 * tests, not copied): install cells, shell steps that fetch data, files
 * written by cell magics, and floats written with a trailing dot.
 */
import { buildTrainingScript } from '../../index';
import { translateIPython } from '../../ipythonSyntax';
import { markdown, notebook } from '../cells';

const last = (cells: ReturnType<typeof notebook>) => buildTrainingScript(cells, cells.length - 1);
const taken = (cells: ReturnType<typeof notebook>) => last(cells).cells.map(c => c.index + 1);

describe('notebook shapes: installs', () => {
  it('a Colab install cell under %%capture with quiet, upgrading pip lines', () => {
    const built = last(
      notebook(
        '%%capture\n!pip install -qU transformers datasets accelerate\n!pip install -q evaluate rouge_score',
        'import transformers, datasets\nprint(transformers.__version__, datasets.__version__)'
      )
    );
    expect(built.requirements).toEqual(['transformers', 'datasets', 'accelerate', 'evaluate', 'rouge_score']);
    expect(built.translations[0]).toContain('Dropped: -q (it only changes what pip prints); -U (');
  });

  it('a DeepSpeed install that needs build variables', () => {
    const built = last(
      notebook(
        '!DS_BUILD_CPU_ADAM=1 DS_BUILD_UTILS=1 pip install deepspeed==0.14.0 --no-cache-dir',
        'import deepspeed\nprint(deepspeed.__version__)'
      )
    );
    expect(built.requirements).toEqual(['deepspeed==0.14.0']);
    expect(built.translations[0]).toMatch(/^cell 1 line 1: .*Not applied: DS_BUILD_CPU_ADAM=1 DS_BUILD_UTILS=1 \(/);
  });

  it('PyTorch wheels for one CUDA from their own index', () => {
    const built = last(
      notebook(
        '%pip install torch==2.3.1 torchvision --index-url https://download.pytorch.org/whl/cu121',
        'import torch\nprint(torch.cuda.is_available())'
      )
    );
    expect(built.requirements).toEqual([
      'torch==2.3.1',
      'torchvision',
      '--index-url https://download.pytorch.org/whl/cu121'
    ]);
  });

  it('SetFit installed very quietly, next to a GPU check', () => {
    const cell = translateIPython('!nvidia-smi\n!pip install setfit -qqq');
    expect(cell.requirements).toEqual(['setfit']);
    expect(cell.installNotes[0].text).toContain('Dropped: -q (it only changes what pip prints)');
    expect(cell.notes[0].text).toContain("subprocess.run('nvidia-smi'");
  });

  it('a library installed from its clone, which the job does not have', () => {
    const cell = translateIPython('!git clone https://github.com/org/peft-fork\n!cd peft-fork && pip install -e .');
    expect(cell.writes).toEqual([{ line: 1, path: 'peft-fork' }]);
    expect(cell.installProblem).toEqual({ line: 2, text: expect.stringContaining('pip install -e . installs from a file') });
  });
});

describe('notebook shapes: data fetched and files written by the shell', () => {
  it('a CSV downloaded, then read by pandas', () => {
    const cells = notebook(
      '!wget -q https://example.org/data/reviews.csv\n!mkdir -p outputs',
      'import pandas as pd\ndf = pd.read_csv("reviews.csv")',
      'print(df.shape)'
    );
    expect(translateIPython(cells[0].source).writes).toEqual([
      { line: 1, path: 'reviews.csv' },
      { line: 2, path: 'outputs' }
    ]);
    expect(taken(cells)).toEqual(expect.arrayContaining([2, 3]));
  });

  it('a zipped corpus fetched with curl and unpacked', () => {
    const cell = translateIPython(
      '!curl -sL https://example.org/corpus.zip -o corpus.zip && unzip -oq corpus.zip -d data/ && rm corpus.zip'
    );
    expect(cell.writes.map(w => w.path)).toEqual(['corpus.zip', 'data/']);
  });

  it('a model snapshot downloaded with the hub CLI into a folder the next cell loads', () => {
    const cell = translateIPython(
      '!huggingface-cli download sentence-transformers/all-MiniLM-L6-v2 --local-dir {base_dir}/minilm --quiet'
    );
    expect(cell.writes).toEqual([{ line: 1, path: '{base_dir}/minilm' }]);
    expect(cell.python).toBe(
      "subprocess.run(f'huggingface-cli download sentence-transformers/all-MiniLM-L6-v2 --local-dir {base_dir}/minilm --quiet', shell=True, check=True)"
    );
  });

  it('a label map written with a heredoc-free echo', () => {
    const cell = translateIPython(`!echo '{"0": "neg", "1": "pos"}' > labels.json`);
    expect(cell.writes).toEqual([{ line: 1, path: 'labels.json' }]);
  });
});

describe('notebook shapes: %%writefile', () => {
  it('a training config written for accelerate', () => {
    const cell = translateIPython('%%writefile accelerate_config.yaml\ncompute_environment: LOCAL_MACHINE\nmixed_precision: fp16');
    expect(cell.writes).toEqual([{ line: 1, path: 'accelerate_config.yaml' }]);
    expect(cell.python.split('\n')).toEqual([
      "with open('accelerate_config.yaml', 'w', encoding='utf-8') as _writefile: _writefile.write(",
      "    'compute_environment: LOCAL_MACHINE\\n'",
      "    'mixed_precision: fp16\\n')"
    ]);
  });

  it('a helper module written, then imported by the training cell', () => {
    const built = last(
      notebook(
        '#tags: sagemaker-include\n%%writefile data_utils.py\ndef clean(text):\n    return text.strip().lower()',
        markdown('## Train'),
        'from data_utils import clean\nprint(clean("  Hi "))'
      )
    );
    expect(built.cells.map(c => c.index + 1)).toEqual([1, 3]);
    expect(built.translations).toContain(
      "cell 1 line 1: %%writefile data_utils.py → Python that writes the cell's other lines to data_utils.py when the script runs"
    );
  });
});

describe('notebook shapes: floats with a trailing dot', () => {
  it('TrainingArguments with warmup_ratio=0. and weight_decay=0.', () => {
    const cells = notebook(
      'from transformers import TrainingArguments, Trainer',
      'output_dir = "out"',
      'args = TrainingArguments(output_dir, learning_rate=2e-5, weight_decay=0., warmup_ratio=0.,\n                         max_grad_norm=1.)',
      'trainer = Trainer(args=args)\ntrainer.train()'
    );
    expect(taken(cells)).toEqual([1, 2, 3, 4]);
  });

  it('a PyTorch loop with clamps and a momentum written 0.', () => {
    const cells = notebook(
      'import torch',
      'model = torch.nn.Linear(2, 1)',
      'opt = torch.optim.SGD(model.parameters(), lr=1., momentum=0.)',
      'x = torch.clamp(torch.randn(4, 2), 0., 1.)\nfor _ in range(2):\n    loss = (model(x) - 1.).pow(2.).mean()\n    opt.zero_grad(); loss.backward(); opt.step()'
    );
    expect(taken(cells)).toEqual([1, 2, 3, 4]);
  });

  it('Keras scaling pixels by 255.', () => {
    const cells = notebook('import numpy as np', 'x = np.zeros((2, 2)) / 255.', 'y = x * 2.', 'print(y)');
    expect(taken(cells)).toEqual([1, 2, 3, 4]);
  });

  it('a papermill parameters cell with lr = 2. and dropout = 0.', () => {
    const built = last(
      notebook('#tags: parameters\nlr = 2.\ndropout = 0.\nepochs = 3', 'print(lr, dropout, epochs)')
    );
    expect(built.hyperparameters).toEqual({ lr: 2, dropout: 0, epochs: 3 });
    expect(built.hyperparameterLiterals).toEqual({ lr: '2.', dropout: '0.', epochs: '3' });
  });
});

describe('notebook shapes: long setup cells', () => {
  it('a cell of 800 shell lines builds quickly', () => {
    const setup = Array.from({ length: 800 }, (_, i) => `!echo step ${i} >> setup.log`).join('\n');
    const started = performance.now();
    const built = last(notebook(setup + '\nready = True', 'print(ready)'));
    expect(performance.now() - started).toBeLessThan(1000);
    expect(built.cells.map(c => c.index + 1)).toEqual([1, 2]);
  });

  it('a docstring full of shell-looking lines before real shell lines', () => {
    const cell = translateIPython(
      'HELP = """\nRun:\n!python train.py --help\n%env X=1\nwhy?\n"""\n!ls data\n%env TOKENIZERS_PARALLELISM=false'
    );
    expect(cell.python.split('\n').slice(0, 6).join('\n')).toBe('HELP = """\nRun:\n!python train.py --help\n%env X=1\nwhy?\n"""');
    expect(cell.notes.map(n => n.line)).toEqual([7, 8]);
    expect(cell.problem).toBeNull();
  });
});
