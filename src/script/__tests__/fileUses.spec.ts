import { findFileUses, ICellFiles } from '../fileUses';
import { UNKNOWN_PART } from '../pathValues';
import { PythonSource } from '../pythonSyntax';

function usesOf(code: string, names: Record<string, string> = {}, shell: ICellFiles['writes'] = []) {
  const files = findFileUses(new PythonSource(code), name => names[name] ?? null, shell);
  return {
    reads: files.reads.map(
      r => `${r.path}${r.ifWritten ? ' (if written)' : ''}${r.module ? ' (module)' : ''}:${r.line}`
    ),
    writes: files.writes.map(w => `${w.path}${w.append ? ' (append)' : ''}:${w.line}`)
  };
}

describe('findFileUses', () => {
  it.each([
    ['open("out.txt", "w")', 'out.txt:1'],
    ['open("log.txt", mode="a")', 'log.txt (append):1'],
    ['open(P, "wb")', 'data/p.bin:1'],
    ['gzip.open("dump.jsonl.gz", "wt")', 'dump.jsonl.gz:1'],
    ['df.to_json("data/train.json", orient="records", lines=True)', 'data/train.json:1'],
    ['df.to_csv(path_or_buf="train.csv")', 'train.csv:1'],
    ['df.to_parquet("t.parquet")', 't.parquet:1'],
    ['ds.save_to_disk("ds_tok")', 'ds_tok:1'],
    ['json.dump(obj, open("cfg.json", "w"))', 'cfg.json:1'],
    ['Path("notes.md").write_text("hi")', 'notes.md:1'],
    ['np.save("emb", x)', 'emb.npy:1'],
    ['numpy.savez("arrays.npz", a=x)', 'arrays.npz:1'],
    ['joblib.dump(vec, "vec.joblib")', 'vec.joblib:1'],
    ['torch.save(state, f="state.pt")', 'state.pt:1'],
    ['tokenizer.save_pretrained("./tok")', 'tok:1'],
    ['urllib.request.urlretrieve(url, "raw.zip")', 'raw.zip:1'],
    ['zipfile.ZipFile("raw.zip").extractall("raw")', 'raw:1'],
    ['snapshot_download("org/data", repo_type="dataset", local_dir="hub_data")', 'hub_data:1'],
    ['TrainingArguments(output_dir="./results", num_train_epochs=1)', 'results:1'],
    ['keras.callbacks.ModelCheckpoint("ckpt/best.keras", save_best_only=True)', 'ckpt/best.keras:1']
  ])('%s writes %s', (code, write) => {
    expect(usesOf(code, { P: 'data/p.bin' }).writes).toEqual([write]);
  });

  it.each([
    ['open("in.txt")', 'in.txt:1'],
    ['open("in.txt", "rb")', 'in.txt:1'],
    ['with open(os.path.join(DATA, "x.json")) as f:\n    pass', 'data/x.json:1'],
    ['pd.read_csv("train.csv", sep="\\t")', 'train.csv:1'],
    ['pandas.read_json(path_or_buf="t.jsonl", lines=True)', 't.jsonl:1'],
    ['read_parquet("t.parquet")', 't.parquet:1'],
    ['load_from_disk("ds_tok")', 'ds_tok:1'],
    ['DatasetDict.load_from_disk(dataset_path=f"{DATA}/tok")', 'data/tok:1'],
    ['Dataset.from_csv("a.csv")', 'a.csv:1'],
    ['json.load(open("cfg.json"))', 'cfg.json:1'],
    ['np.load("emb.npy")', 'emb.npy:1'],
    ['Path("notes.md").read_text()', 'notes.md:1'],
    ['load_dataset("json", data_files="data/train.json")', 'data/train.json:1'],
    ['load_dataset("./my_folder")', 'my_folder:1'],
    ['load_dataset("imdb")', 'imdb (if written):1'],
    ['AutoModel.from_pretrained("bert-base-uncased")', 'bert-base-uncased (if written):1'],
    ['AutoModel.from_pretrained("./checkpoint")', 'checkpoint:1'],
    ['import utils', 'utils (if written) (module):1'],
    ['from helpers.text import clean', 'helpers (if written) (module):1'],
    ['tf.keras.models.load_model("saved.keras")', 'saved.keras:1']
  ])('%s reads %s', (code, read) => {
    expect(usesOf(code, { DATA: 'data' }).reads).toEqual([read]);
  });

  it('reads every data file a load_dataset call names, a glob as its folder', () => {
    const code = [
      'ds = load_dataset(',
      '    "csv",',
      '    data_files={"train": [TRAIN, "more/extra.csv"], "test": "data/test.csv"},',
      ')',
      'other = load_dataset("json", data_files="shards/*.jsonl")',
      'third = load_dataset("text", data_dir="corpus")',
      'fourth = load_dataset("./local", data_files="a.csv")'
    ].join('\n');
    expect(usesOf(code, { TRAIN: 'data/train.csv' }).reads).toEqual([
      'data/train.csv:1',
      'more/extra.csv:1',
      'data/test.csv:1',
      'shards:5',
      'corpus:6',
      'local/a.csv:7'
    ]);
  });

  it('copies read their source and write their target', () => {
    expect(usesOf('shutil.copy("a.txt", "b/a.txt")')).toEqual({ reads: ['a.txt:1'], writes: ['b/a.txt:1'] });
  });

  it('leaves out what it cannot know, URLs and the container contract', () => {
    const code = [
      'open(path_from_somewhere)',
      'open(p, mode)',
      'pd.read_csv(os.path.join(os.environ["SM_CHANNEL_TRAIN"], "train.csv"))',
      'pd.read_csv("s3://bucket/key.csv")',
      'pd.read_csv("https://example.com/a.csv")',
      'open("/opt/ml/input/config/hyperparameters.json")',
      'model.save_pretrained("/opt/ml/model")',
      'Image.open("cat.png")',
      'print("open(\'x.txt\')")  # open("y.txt")'
    ].join('\n');
    expect(usesOf(code)).toEqual({ reads: [], writes: [] });
  });

  it('does not count a read of what the cell itself wrote before', () => {
    const code = 'df.to_csv("t.csv")\nback = pd.read_csv("t.csv")\nlater = pd.read_csv("u.csv")\ndf.to_csv("u.csv")';
    expect(usesOf(code)).toEqual({ reads: ['u.csv:3'], writes: ['t.csv:1', 'u.csv:4'] });
  });

  it("fills the shell's {name} fields from the known strings, and skips what it cannot fill", () => {
    const shell = [
      { line: 1, path: '{DATA}/raw.zip', append: false },
      { line: 2, path: 'repo', append: false },
      { line: 3, path: '{unknown}/x', append: false },
      { line: 4, path: '$HOME/x', append: false },
      { line: 5, path: '$DATA/model-{step}', append: false }
    ];
    expect(usesOf('', { DATA: './data' }, shell).writes).toEqual([
      'data/raw.zip:1',
      'repo:2',
      `data/model-${UNKNOWN_PART}:5`
    ]);
  });

  it('keeps a path with parts known only at run time as a pattern; a pattern read counts only if written', () => {
    const files = findFileUses(
      new PythonSource(
        [
          'for split in splits:',
          '    ds[split].to_json(f"{DATA}/{split}.jsonl")',
          'x = pd.read_csv(f"{DATA}/{name}.csv")'
        ].join('\n')
      ),
      name => (name === 'DATA' ? 'data' : null)
    );
    expect(files.writes).toEqual([
      { path: `data/${UNKNOWN_PART}.jsonl`, line: 2, append: false, pattern: true }
    ]);
    expect(files.reads).toMatchObject([{ path: `data/${UNKNOWN_PART}.csv`, pattern: true, ifWritten: true }]);
  });

  it('marks reads inside function bodies as happening later', () => {
    const files = findFileUses(new PythonSource('def load():\n    return pd.read_csv("t.csv")'), () => null);
    expect(files.reads[0]).toMatchObject({ path: 't.csv', later: true });
  });
});
