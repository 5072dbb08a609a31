/**
 * Notebook shapes (written for these tests) where the training cell needs a
 * file an earlier cell writes, or a module an earlier cell only imports.
 * Each `it` is one shape; the training cell is the last one.
 */
import { buildTrainingScript, ITrainingScript } from '../../index';
import { notebook } from '../cells';

function build(...sources: string[]): ITrainingScript {
  const cells = notebook(...sources);
  return buildTrainingScript(cells, cells.length - 1);
}

/** 1-based numbers of the cells taken, an imports-only cell marked with `i`. */
function taken(built: ITrainingScript): Array<number | string> {
  return built.cells.map(c => (c.importsOnly ? `${c.index + 1}i` : c.index + 1));
}

/** The script's section for cell `n` (1-based). */
function section(built: ITrainingScript, n: number): string {
  return built.script.split(`# --- cell ${n} ---\n`)[1].split('\n\n# --- cell')[0].trimEnd();
}

describe('shapes: files written by one cell and read by the training cell', () => {
  it('Hugging Face: JSON lines written with pandas, read by load_dataset, paths in variables and f-strings', () => {
    const built = build(
      'import pandas as pd\nfrom datasets import load_dataset',
      'DATA_DIR = "./data"\nTRAIN_FILE = f"{DATA_DIR}/train.jsonl"\nTEST_FILE = os.path.join(DATA_DIR, "test.jsonl")',
      'raw = pd.read_csv("https://example.com/reviews.csv")\nraw.head()',
      'train_df = raw.sample(frac=0.8, random_state=0)\ntest_df = raw.drop(train_df.index)',
      [
        'train_df.to_json(TRAIN_FILE, orient="records", lines=True)',
        'test_df.to_json(f"{DATA_DIR}/test.jsonl", orient="records", lines=True)'
      ].join('\n'),
      'print(train_df.shape)  # a look, not needed',
      'ds = load_dataset("json", data_files={"train": TRAIN_FILE, "test": TEST_FILE})\nprint(ds)'
    );
    expect(taken(built)).toEqual(['1i', 2, 3, 4, 5, 7]);
    expect(built.fileNeeds).toEqual([]);
  });

  it('Hugging Face: a tokenized dataset saved to disk and loaded by the training cell', () => {
    const built = build(
      'from datasets import load_dataset, load_from_disk\nfrom transformers import AutoTokenizer',
      'tokenizer = AutoTokenizer.from_pretrained("distilbert-base-uncased")',
      'raw = load_dataset("imdb")\ntokenized = raw.map(lambda b: tokenizer(b["text"]), batched=True)',
      'tokenized.save_to_disk("tokenized_imdb")',
      'tokenized["train"][0]',
      'ds = load_from_disk("./tokenized_imdb")\nprint(ds["train"].num_rows)'
    );
    expect(taken(built)).toEqual(['1i', 2, 3, 4, 6]);
    expect(built.fileNeeds).toEqual([]); // imdb is a hub name, not a file
  });

  it('pandas: a CSV split written in one cell and read in the training cell', () => {
    const built = build(
      'import pandas as pd\nfrom sklearn.model_selection import train_test_split',
      'df = pd.read_csv("reviews.csv")',
      [
        'train, test = train_test_split(df, test_size=0.2)',
        'train.to_csv("data/train.csv", index=False)',
        'test.to_csv("data/test.csv", index=False)'
      ].join('\n'),
      'df.describe()',
      'train = pd.read_csv("data/train.csv")\nprint(len(train))'
    );
    expect(taken(built)).toEqual(['1i', 2, 3, 5]);
    expect(built.fileNeeds).toEqual([{ path: 'reviews.csv', cellIndex: 1, line: 1 }]);
  });

  it('a folder from !git clone, read through a path under it', () => {
    const built = build(
      '!git clone https://github.com/example/sentiment-data.git',
      'unrelated = 1',
      'from datasets import load_dataset\nds = load_dataset("csv", data_files="sentiment-data/data/train.csv")'
    );
    expect(taken(built)).toEqual([1, 3]);
    expect(built.fileNeeds).toEqual([]);
  });

  it('a file downloaded with !wget into a folder named by a variable', () => {
    const built = build(
      'DATA = "raw"',
      '!mkdir -p {DATA} && wget -q -O {DATA}/spam.csv https://example.com/spam.csv',
      'import pandas as pd\ndf = pd.read_csv(f"{DATA}/spam.csv")'
    );
    expect(taken(built)).toEqual([1, 2, 3]);
  });

  it('a module written with %%writefile and imported by the training cell', () => {
    const built = build(
      '%%writefile text_utils.py\nimport re\n\ndef clean(text):\n    return re.sub(r"<br\\s*/?>", " ", text)',
      'other = 2',
      'from text_utils import clean\nprint(clean("a<br/>b"))'
    );
    expect(taken(built)).toEqual([1, 3]);
    expect(built.fileNeeds).toEqual([]);
  });

  it('the latest writer before the reader is taken, not an earlier one', () => {
    const built = build(
      'with open("config.json", "w") as f:\n    f.write(\'{"lr": 0.1}\')',
      'with open("config.json", "w") as f:\n    f.write(\'{"lr": 0.01}\')',
      'import json\nconfig = json.load(open("config.json"))'
    );
    expect(taken(built)).toEqual([2, 3]);
  });

  it('pathlib paths held in a variable, written with write_text and read with open', () => {
    const built = build(
      'from pathlib import Path\nDATA = Path("corpus")\nDATA.mkdir(exist_ok=True)',
      '(DATA / "train.txt").write_text("\\n".join(sentences))',
      'sentences = ["a b", "c d"]',
      'with open(DATA / "train.txt") as f:\n    lines = f.read().splitlines()'
    );
    expect(taken(built)).toEqual([1, 2, 4]);
    expect(built.warnings.some(w => w.includes('cell 2') && w.includes('`sentences`'))).toBe(true);
  });

  it('an imports-only cell still brings the cell that writes the module it imports', () => {
    const built = build(
      '%%writefile text_utils.py\ndef clean(text):\n    return text.strip()',
      'import text_utils\nprint(text_utils.clean(sample_review))',
      'print(text_utils.clean(" x "))'
    );
    expect(taken(built)).toEqual([1, '2i', 3]);
  });

  it('splits written in a loop with an f-string, one of them read by the training cell', () => {
    const built = build(
      'from datasets import load_dataset\nraw = load_dataset("ag_news")',
      'for split in ["train", "test"]:\n    raw[split].to_json(f"data/{split}.jsonl")',
      'ds = load_dataset("json", data_files={"train": "data/train.jsonl"})'
    );
    expect(taken(built)).toEqual([1, 2, 3]);
    expect(built.fileNeeds).toEqual([]);
  });

  it('the training cell reads files named at run time, which an earlier cell writes', () => {
    const built = build(
      'import pandas as pd\ndf = pd.DataFrame({"text": ["a"]})',
      'df.to_csv("folds/fold_0.csv")\ndf.to_csv("folds/fold_1.csv")',
      'for k in range(2):\n    fold = pd.read_csv(f"folds/fold_{k}.csv")'
    );
    expect(taken(built)).toEqual([1, 2, 3]);
    expect(built.fileNeeds).toEqual([]);
  });

  it('lines appended between the writer and the reader are taken too', () => {
    const built = build(
      'LABELS = "labels.txt"',
      'with open(LABELS, "w") as f:\n    f.write("neg\\n")',
      'with open(LABELS, "a") as f:\n    f.write("pos\\n")',
      'labels = open(LABELS).read().split()'
    );
    expect(taken(built)).toEqual([1, 2, 3, 4]);
  });

  it('a folder read takes every cell that writes a file in it', () => {
    const built = build(
      'import json',
      'json.dump(train_rows, open("data/train.json", "w"))',
      'json.dump(test_rows, open("data/test.json", "w"))',
      'from datasets import load_dataset\nds = load_dataset("json", data_dir="data")'
    );
    expect(taken(built)).toEqual(['1i', 2, 3, 4]);
    expect(built.warnings.some(w => w.includes('`train_rows`'))).toBe(true);
  });

  it('a tokenizer saved to a local folder and loaded back with from_pretrained', () => {
    const built = build(
      'from transformers import AutoTokenizer\ntok = AutoTokenizer.from_pretrained("bert-base-uncased")',
      'tok.add_tokens(["<user>"])\ntok.save_pretrained("tok_extended")',
      'tokenizer = AutoTokenizer.from_pretrained("tok_extended")'
    );
    expect(taken(built)).toEqual([1, 2, 3]);
  });

  it('a checkpoint from an earlier training run, loaded to train further', () => {
    const built = build(
      'from transformers import AutoModelForSequenceClassification, Trainer, TrainingArguments',
      'args = TrainingArguments(output_dir="./results", num_train_epochs=1)\ntrainer = Trainer(model=None, args=args)\ntrainer.train()',
      'model = AutoModelForSequenceClassification.from_pretrained("./results/checkpoint-500")'
    );
    expect(taken(built)).toEqual(['1i', 2, 3]);
    expect(built.fileNeeds).toEqual([]);
  });

  it('a loader function reads a file the notebook writes after defining it', () => {
    const built = build(
      'import pandas as pd\nPATH = "clean.csv"\ndef load():\n    return pd.read_csv(PATH)',
      'pd.DataFrame({"text": ["a"]}).to_csv(PATH)',
      'df = load()'
    );
    expect(taken(built)).toEqual([1, 2, 3]);
  });

  it('a file that exists next to the notebook is a need, with its cell and line', () => {
    const built = build(
      'import pandas as pd\nimport json',
      'config = json.load(open("config/train.json"))\nprint(config)',
      'df = pd.read_csv("data/train.csv")\nlabels = open("labels.txt").read()\nprint(config)'
    );
    expect(built.fileNeeds).toEqual([
      { path: 'config/train.json', cellIndex: 1, line: 1 },
      { path: 'data/train.csv', cellIndex: 2, line: 1 },
      { path: 'labels.txt', cellIndex: 2, line: 2 }
    ]);
  });

  it('a file written only after the training cell, or by an excluded cell, is a need', () => {
    const cells = notebook(
      '#tags: sagemaker-exclude\ndf.to_csv("sample.csv")',
      'import pandas as pd\ntrain = pd.read_csv("sample.csv")\nhist = pd.read_csv("history.csv")',
      'train.to_csv("history.csv")'
    );
    const built = buildTrainingScript(cells, 1);
    expect(built.cells.map(c => c.index)).toEqual([1]);
    expect(built.fileNeeds.map(n => n.path)).toEqual(['sample.csv', 'history.csv']);
  });

  it("the container's own paths and the hub are not needs", () => {
    const built = build(
      [
        'import os, pandas as pd',
        'from datasets import load_dataset',
        'train_dir = os.environ.get("SM_CHANNEL_TRAIN", "data/train")',
        'df = pd.read_csv(os.path.join(train_dir, "train.csv"))',
        'hp = open("/opt/ml/input/config/hyperparameters.json").read()',
        'glue = load_dataset("glue", "sst2")',
        'remote = pd.read_csv("s3://bucket/data.csv")'
      ].join('\n')
    );
    expect(built.fileNeeds).toEqual([]);
  });
});

describe('shapes: cells taken only for their imports', () => {
  it('an import cell with plots and prints gives only its imports, on their own lines', () => {
    const built = build(
      'import pandas as pd',
      [
        'import numpy as np',
        'import matplotlib.pyplot as plt',
        'print(np.arange(3))',
        'plt.hist(df["length"])',
        'plt.show()',
        'from collections import (',
        '    Counter,',
        ')'
      ].join('\n'),
      'x = np.zeros(3)\nprint(x)'
    );
    expect(taken(built)).toEqual(['2i', 3]);
    expect(section(built, 2)).toBe(
      'import numpy as np\nimport matplotlib.pyplot as plt\nfrom collections import (\n    Counter,\n)'
    );
    const at = built.script.split('\n').indexOf('    Counter,');
    expect(built.lineMap[at]).toEqual({ cellIndex: 1, line: 7 });
    expect(built.warnings.some(w => w.includes('`df`'))).toBe(false);
  });

  it('does not refuse notebook-only code in the lines an imports-only cell leaves out', () => {
    const built = build('import torch\nget_ipython().system("nvidia-smi")', 'print(torch.__version__)');
    expect(taken(built)).toEqual(['1i', 2]);
    expect(built.script).not.toContain('get_ipython');
  });

  it('goes whole when the cell also defines a needed name', () => {
    const built = build('import numpy as np\nrng = np.random.default_rng(0)\nprint(rng)', 'print(np.pi, rng)');
    expect(taken(built)).toEqual([1, 2]);
    expect(section(built, 1)).toContain('print(rng)');
  });

  it('goes whole when the cell changes the imported module', () => {
    const built = build('import numpy as np\nnp.random.seed(42)\nprint("seeded")', 'print(np.random.rand())');
    expect(taken(built)).toEqual([1, 2]);
  });

  it('goes whole when the import relies on sys.path or os.environ set in the cell', () => {
    expect(taken(build('import sys\nsys.path.append("src")\nimport mylib', 'mylib.run()'))).toEqual([1, 2]);
    expect(
      taken(build('import os\nos.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"\nimport tensorflow as tf', 'print(tf)'))
    ).toEqual([1, 2]);
  });

  it('goes whole when the name is imported inside try or if', () => {
    const built = build('try:\n    import ujson as json\nexcept ImportError:\n    import json', 'print(json.dumps(1))');
    expect(taken(built)).toEqual([1, 2]);
  });

  it('goes whole when another cell needs the rest of it later', () => {
    const built = build(
      'import torch\nbatch_size = 8\ntorch.cuda.is_available()',
      'loader = list(range(batch_size))',
      'print(torch.tensor(loader))'
    );
    expect(taken(built)).toEqual([1, 2, 3]);
    expect(section(built, 1)).toContain('batch_size = 8');
  });

  it('keeps a training, parameters or included cell whole even if it only imports', () => {
    const cells = notebook('#tags: sagemaker-include\nimport json\nprint("hello")', 'print(json.dumps({}))');
    const built = buildTrainingScript(cells, 1);
    expect(taken(built)).toEqual([1, 2]);
    expect(section(built, 1)).toContain('print("hello")');
  });
});
