import { buildTrainingScript, ITrainingScript } from '../../index';
import { notebook } from '../cells';

/**
 * Notebook shapes people really train from, written for these tests: what
 * only works in a notebook, what is only looked at, where the model is
 * saved, and which tensor library the code runs on.
 */
interface IShape {
  name: string;
  cells: string[];
  /** Cells taken, 1-based. */
  taken?: number[];
  saves?: string[];
  tensor?: ITrainingScript['tensorFramework'];
  /** A regular expression for each warning, in order. */
  warnings?: RegExp[];
  entryPoint?: string;
}

const NO_MODEL = /^cell \d+ line \d+: the script saves no model/;

const SHAPES: IShape[] = [
  {
    name: 'Trainer checkpoints in a temporary folder, the model saved into SM_MODEL_DIR',
    cells: [
      'import os, tempfile\nfrom transformers import Trainer, TrainingArguments',
      [
        'model_dir = os.environ.get("SM_MODEL_DIR", "model")',
        'scratch = os.environ.get("SM_OUTPUT_DATA_DIR") or tempfile.mkdtemp()',
        'args = TrainingArguments(output_dir=os.path.join(scratch, "trainer"), save_strategy="no")',
        'trainer = Trainer(model=None, args=args)',
        'trainer.train()',
        'trainer.save_model(model_dir)'
      ].join('\n')
    ],
    taken: [1, 2],
    saves: ['$SM_MODEL_DIR'],
    tensor: null,
    warnings: []
  },
  {
    name: 'Trainer fine-tuning that peeks at the data and pushes to the hub',
    cells: [
      '!pip install -q transformers datasets evaluate',
      'from datasets import load_dataset\nfrom transformers import AutoTokenizer, AutoModelForSequenceClassification, TrainingArguments, Trainer',
      'raw = load_dataset("imdb")\ntokenizer = AutoTokenizer.from_pretrained("distilbert-base-uncased")',
      'raw["train"][0]',
      'sample = tokenizer(raw["train"][0]["text"])\ntokenizer.decode(sample["input_ids"])',
      'tokenized = raw.map(lambda b: tokenizer(b["text"], truncation=True), batched=True)',
      'model = AutoModelForSequenceClassification.from_pretrained("distilbert-base-uncased", num_labels=2)',
      [
        'args = TrainingArguments(',
        '    output_dir="./results",',
        '    num_train_epochs=1,',
        '    push_to_hub=True,',
        ')',
        'trainer = Trainer(model=model, args=args, train_dataset=tokenized["train"])',
        'trainer.train()',
        'trainer.push_to_hub()'
      ].join('\n')
    ],
    taken: [2, 3, 6, 7, 8],
    saves: ['results'],
    tensor: null,
    warnings: [/^cell 8 line 4: push_to_hub=True/, /^cell 8 line 8: \.push_to_hub\(\)/]
  },
  {
    name: 'Keras fine-tuning with TF classes and PushToHubCallback',
    cells: [
      'import tensorflow as tf\nfrom transformers import TFAutoModelForSequenceClassification, PushToHubCallback',
      'model = TFAutoModelForSequenceClassification.from_pretrained("bert-base-cased", num_labels=2)\nmodel.compile(optimizer="adam")',
      'model.summary()',
      'cb = PushToHubCallback(output_dir="bert-imdb", hub_model_id="me/bert-imdb")\nmodel.fit(tf.data.Dataset.range(2), epochs=1, callbacks=[cb])'
    ],
    taken: [1, 2, 4],
    saves: [],
    tensor: 'tensorflow',
    warnings: [/^cell 4 line 1: PushToHubCallback:.*Remove the callback/, NO_MODEL]
  },
  {
    name: 'PEFT LoRA with TRL, adapters saved',
    cells: [
      'import torch\nfrom peft import LoraConfig, get_peft_model\nfrom trl import SFTConfig, SFTTrainer\nfrom transformers import AutoModelForCausalLM',
      'base = AutoModelForCausalLM.from_pretrained("gpt2")\nmodel = get_peft_model(base, LoraConfig(r=8))',
      'model.print_trainable_parameters()',
      'config = SFTConfig(output_dir="outputs", max_steps=10)\ntrainer = SFTTrainer(model=model, args=config, train_dataset=None)\ntrainer.train()\nmodel.save_pretrained("lora-adapter")'
    ],
    taken: [1, 2, 4],
    saves: ['outputs', 'lora-adapter'],
    tensor: 'pytorch',
    warnings: []
  },
  {
    name: 'SetFit saved under a folder named by a constant',
    cells: [
      'from setfit import SetFitModel, Trainer\nOUT = "models"',
      'model = SetFitModel.from_pretrained("sentence-transformers/paraphrase-MiniLM-L3-v2")\ntrainer = Trainer(model=model, train_dataset=None)\ntrainer.train()\nmodel.save_pretrained(f"{OUT}/setfit")'
    ],
    saves: ['models/setfit'],
    warnings: []
  },
  {
    name: 'sentence-transformers fit with output_path',
    cells: [
      'from sentence_transformers import SentenceTransformer, losses',
      'model = SentenceTransformer("all-MiniLM-L6-v2")\nloss = losses.CosineSimilarityLoss(model)\nmodel.fit(train_objectives=[(None, loss)], epochs=1, output_path="output/st-model")'
    ],
    saves: ['output/st-model'],
    tensor: null,
    warnings: []
  },
  {
    name: 'scikit-learn TF-IDF: a peek, an in-place clean-up, joblib',
    cells: [
      'import pandas as pd\nimport joblib\nfrom sklearn.pipeline import make_pipeline\nfrom sklearn.feature_extraction.text import TfidfVectorizer\nfrom sklearn.linear_model import LogisticRegression',
      'df = pd.read_csv("data/train/reviews.csv")',
      'df.head()\ndf.describe()',
      'df.dropna(inplace=True)',
      'df["label"].value_counts()',
      'pipe = make_pipeline(TfidfVectorizer(), LogisticRegression())\npipe.fit(df["text"], df["label"])\njoblib.dump(pipe, "model.joblib")'
    ],
    taken: [1, 2, 4, 6],
    saves: ['model.joblib'],
    tensor: null,
    warnings: []
  },
  {
    name: 'Colab: Drive mounted in the cell that names the data folder',
    cells: [
      'from google.colab import drive\ndrive.mount("/content/drive")\nDATA = "/content/drive/MyDrive/data"',
      'from huggingface_hub import notebook_login\nnotebook_login()',
      'import pandas as pd\nimport joblib\nfrom sklearn.dummy import DummyClassifier',
      'df = pd.read_csv(DATA + "/train.csv")\nm = DummyClassifier().fit(df[["x"]], df["y"])\njoblib.dump(m, "m.joblib")'
    ],
    taken: [1, 3, 4],
    saves: ['m.joblib'],
    warnings: [/^cell 1 line 1: google\.colab exists only in Colab: move it to a cell of its own/]
  },
  {
    name: 'a login in the cell that also sets the model name',
    cells: [
      'from huggingface_hub import notebook_login\nnotebook_login()\nmodel_name = "bert-base-uncased"',
      'from transformers import AutoModel\nmodel = AutoModel.from_pretrained(model_name)\nmodel.save_pretrained("bert")'
    ],
    saves: ['bert'],
    warnings: [/^cell 1 line 2: notebook_login\(\) waits for someone to type a token/]
  },
  {
    name: 'SageMaker example style: saves to SM_MODEL_DIR already',
    cells: [
      'import os\nfrom transformers import Trainer, TrainingArguments\nmodel_dir = os.environ.get("SM_MODEL_DIR", "model")',
      'args = TrainingArguments(output_dir=os.path.join(model_dir, "checkpoints"))\ntrainer = Trainer(model=None, args=args)\ntrainer.train()\ntrainer.save_model(model_dir)'
    ],
    saves: ['$SM_MODEL_DIR', '$SM_MODEL_DIR'],
    warnings: []
  },
  {
    name: 'plain Keras, with torch imported only to look for a GPU',
    cells: [
      'import torch\nprint(torch.cuda.is_available())\nfrom tensorflow import keras',
      'model = keras.Sequential([keras.layers.Dense(1)])\nmodel.compile(loss="mse")\nmodel.fit([[0.0]], [[0.0]], epochs=1)\nmodel.save("model.keras")'
    ],
    saves: ['model.keras'],
    tensor: 'tensorflow',
    warnings: []
  },
  {
    name: 'tf.keras through tf_keras, with a TensorFlow image',
    cells: [
      'import tf_keras as keras',
      'model = keras.Sequential([keras.layers.Dense(1)])\nmodel.fit([[0.0]], [[0.0]])\nmodel.save_weights("weights.h5")'
    ],
    saves: ['weights.h5'],
    tensor: 'tensorflow'
  },
  {
    name: 'PyTorch loop: model moved to the GPU in its own cell, state_dict saved',
    cells: [
      'import torch\nfrom torch import nn',
      'device = "cuda" if torch.cuda.is_available() else "cpu"\nmodel = nn.Linear(4, 2)',
      'model.to(device)',
      'print(model)',
      'opt = torch.optim.AdamW(model.parameters())\nfor _ in range(2):\n    opt.zero_grad()\n    model(torch.zeros(1, 4, device=device)).sum().backward()\n    opt.step()\ntorch.save(model.state_dict(), "model.pt")'
    ],
    taken: [1, 2, 3, 5],
    saves: ['model.pt'],
    tensor: 'pytorch',
    warnings: []
  },
  {
    name: 'NLTK data downloaded in its own cell',
    cells: [
      'import nltk\nimport joblib\nfrom sklearn.naive_bayes import MultinomialNB',
      'nltk.download("punkt")\nnltk.download("stopwords")',
      'nltk.word_tokenize("a look at the tokenizer")',
      'stop = set(nltk.corpus.stopwords.words("english"))\nm = MultinomialNB()\njoblib.dump(m, "nb.joblib")'
    ],
    taken: [1, 2, 4],
    saves: ['nb.joblib']
  },
  {
    name: 'seeds set in a cell of their own',
    cells: [
      'import random\nimport numpy as np\nimport joblib\nfrom sklearn.linear_model import SGDClassifier',
      'random.seed(0)\nnp.random.seed(0)',
      'np.zeros(3).mean()',
      'X = np.random.rand(4, 2)\nm = SGDClassifier().fit(X, [0, 1, 0, 1])\njoblib.dump(m, "sgd.joblib")'
    ],
    taken: [1, 2, 4],
    saves: ['sgd.joblib']
  },
  {
    name: 'accelerate launched from the notebook',
    cells: [
      'from accelerate import Accelerator, notebook_launcher\nimport torch',
      'def training_function():\n    accelerator = Accelerator()\n    torch.save({}, "state.pt")',
      'notebook_launcher(training_function, num_processes=2)'
    ],
    saves: ['state.pt'],
    warnings: [/^cell 3 line 1: notebook_launcher\(\) starts processes from a notebook: call the training function directly/]
  },
  {
    name: 'a value asked for with input()',
    cells: [
      'import joblib\nfrom sklearn.dummy import DummyClassifier\nstrategy = input("strategy? ")',
      'm = DummyClassifier(strategy=strategy)\njoblib.dump(m, "d.joblib")'
    ],
    warnings: [/^cell 1 line 3: input\(\) waits for typing.*parameters cell/]
  },
  {
    name: 'a local train.py module beside the notebook',
    cells: [
      'from train import train_loop\nimport torch',
      'model = train_loop(epochs=1)\ntorch.save(model, "m.pt")'
    ],
    entryPoint: 'train_cell.py',
    warnings: [/^cell 1 line 1: this imports the local module train\.py, so the script is named train_cell\.py instead\.$/]
  },
  {
    name: 'display helpers imported from IPython in a needed cell',
    cells: [
      'from IPython.display import display, HTML\nimport pandas as pd\nimport joblib\nfrom sklearn.dummy import DummyClassifier\ndef show(df):\n    display(HTML(df.to_html()))',
      'df = pd.DataFrame({"x": [0, 1], "y": [0, 1]})\nshow(df)\njoblib.dump(DummyClassifier().fit(df[["x"]], df["y"]), "dummy.joblib")'
    ],
    warnings: [/^cell 1 line 1: IPython is not installed in the training image/]
  },
  {
    name: 'hub and notebook words only in strings and comments',
    cells: [
      'from transformers import TrainingArguments\n# push_to_hub=True would need a token; notebook_login() too\nhelp_text = "call trainer.push_to_hub() or input() later"',
      'args = TrainingArguments(output_dir="out")  # from google.colab import drive'
    ],
    saves: ['out'],
    warnings: []
  },
  {
    name: 'spaCy text classifier',
    cells: [
      'import spacy\nnlp = spacy.blank("en")',
      'nlp.add_pipe("textcat")',
      'nlp.pipe_names',
      'nlp.initialize()\nnlp.to_disk("spacy_model")'
    ],
    taken: [1, 2, 4],
    saves: ['spacy_model'],
    warnings: []
  },
  {
    name: 'a vectorizer pickled next to the model',
    cells: [
      'import pickle\nfrom sklearn.feature_extraction.text import CountVectorizer',
      'vec = CountVectorizer().fit(["a b", "b c"])\npickle.dump(vec, open("vectorizer.pkl", "wb"))'
    ],
    saves: ['vectorizer.pkl']
  },
  {
    name: 'a metric tried on fake predictions before compute_metrics',
    cells: [
      'import numpy as np\nimport evaluate\nfrom transformers import Trainer, TrainingArguments\nmetric = evaluate.load("accuracy")',
      'metric.compute(predictions=[0, 1], references=[0, 1])',
      'def compute_metrics(p):\n    return metric.compute(predictions=np.argmax(p.predictions, -1), references=p.label_ids)',
      'trainer = Trainer(model=None, args=TrainingArguments("clf"), compute_metrics=compute_metrics)\ntrainer.train()'
    ],
    taken: [1, 3, 4],
    saves: ['clf']
  },
  {
    name: 'special tokens added in their own cell, embeddings resized',
    cells: [
      'from transformers import AutoTokenizer, AutoModelForCausalLM\ntok = AutoTokenizer.from_pretrained("gpt2")\nmodel = AutoModelForCausalLM.from_pretrained("gpt2")',
      'tok.add_special_tokens({"pad_token": "[PAD]"})\nmodel.resize_token_embeddings(len(tok))',
      'tok.convert_ids_to_tokens([1, 2])',
      'model.config.pad_token_id = tok.pad_token_id',
      'model.save_pretrained("gpt2-pad")\ntok.save_pretrained("gpt2-pad")'
    ],
    taken: [1, 2, 4, 5],
    saves: ['gpt2-pad', 'gpt2-pad']
  },
  {
    name: 'Seq2Seq output_dir written as an f-string of the model name',
    cells: [
      'from transformers import Seq2SeqTrainingArguments, Seq2SeqTrainer\nmodel_checkpoint = "t5-small"\nmodel_name = model_checkpoint.split("/")[-1]\nprefix = "t5-small"',
      'args = Seq2SeqTrainingArguments(f"{prefix}-finetuned-xsum", predict_with_generate=True)\ntrainer = Seq2SeqTrainer(model=None, args=args)\ntrainer.train()'
    ],
    saves: ['t5-small-finetuned-xsum'],
    warnings: []
  },
  {
    name: 'an output_dir only known when the job runs',
    cells: [
      'import sys\nfrom transformers import Trainer, TrainingArguments',
      'args = TrainingArguments(output_dir=sys.argv[1])\nTrainer(model=None, args=args).train()'
    ],
    saves: [],
    warnings: [/^cell 2 line 1: TrainingArguments\(output_dir=…\) saves where only the running job knows/]
  }
];

describe('a corpus of notebook shapes: will the job run, and keep its model?', () => {
  it(`holds ${SHAPES.length} shapes`, () => {
    expect(SHAPES.length).toBeGreaterThanOrEqual(25);
  });

  it.each(SHAPES.map(shape => [shape.name, shape] as const))('%s', (_, shape) => {
    const built = buildTrainingScript(notebook(...shape.cells), shape.cells.length - 1);
    if (shape.taken) {
      expect(built.cells.map(c => c.index + 1)).toEqual(shape.taken);
    }
    if (shape.saves) {
      expect(built.modelSaves.map(s => s.path)).toEqual(shape.saves);
    }
    if (shape.tensor !== undefined) {
      expect(built.tensorFramework).toBe(shape.tensor);
    }
    if (shape.warnings) {
      expect(built.warnings).toEqual(shape.warnings.map(w => expect.stringMatching(w)));
    }
    expect(built.entryPoint).toBe(shape.entryPoint ?? 'train.py');
    const kept = built.modelSaves.filter(s => s.path !== '$SM_MODEL_DIR');
    expect(built.script.includes('_sagemaker_keep_model(')).toBe(kept.length > 0);
  });
});
