import { translateIPython } from '../ipythonSyntax';

const writes = (source: string) => translateIPython(source).writes;
const paths = (source: string) => writes(source).map(w => w.path);

describe('paths written by shell lines', () => {
  it.each([
    ['!wget -O data/train.json https://example.org/t.json', ['data/train.json']],
    ['!wget -q --output-document=vocab.txt https://example.org/v', ['vocab.txt']],
    ['!wget -qO squad.json https://example.org/squad.json', ['squad.json']],
    ['!wget -P data https://example.org/files/imdb.tar.gz?raw=1', ['data/imdb.tar.gz']],
    ['!wget https://example.org/files/train.csv', ['train.csv']],
    ['!wget -nc https://example.org/', ['index.html']],
    ['!wget -O - https://example.org/a.tgz | tar -xz -C data', ['data']],
    ['!curl -L -o model.bin https://example.org/m', ['model.bin']],
    ['!curl -sSLo "my file.txt" https://example.org/m', ['my file.txt']],
    ['!curl -O https://example.org/d/dev.jsonl', ['dev.jsonl']],
    ['!curl https://example.org/x > x.json', ['x.json']],
    ['!git clone https://github.com/org/lib.git', ['lib']],
    ['!git clone --depth 1 -b main https://github.com/org/lib/ vendor/lib', ['vendor/lib']],
    ['!git clone git@github.com:org/private-repo.git', ['private-repo']],
    ['!cat > config.json', ['config.json']],
    ['!echo "{\\"a\\": 1}" > settings.json && echo more >> log.txt', ['settings.json', 'log.txt']],
    ['!python make_data.py 2> errors.txt 1>/dev/null', ['errors.txt']],
    ['!unzip -q data.zip -d data/raw', ['data/raw']],
    ['!tar -xzf corpus.tar.gz -C corpus', ['corpus']],
    ['!tar xvf corpus.tar --directory=corpus', ['corpus']],
    ['!tar -czf out.tgz results', ['out.tgz']],
    ['!mkdir -p data/train data/test', ['data/train', 'data/test']],
    ['!cp -r /content/drive/MyDrive/ds ./ds', ['./ds']],
    ['!mv a.txt b.txt texts/', ['texts/']],
    ['!huggingface-cli download org/model --local-dir models/base --include "*.json"', ['models/base']],
    ['!hf download org/model --local-dir=ckpt', ['ckpt']],
    ['!mkdir -p {out_dir} && wget -O {out_dir}/train.json $URL', ['{out_dir}', '{out_dir}/train.json']],
    ['!echo hi | tee -a notes.txt', ['notes.txt']],
    ['!ls -la data && nvidia-smi', []],
    ['!echo 1 2>&1', []],
    ['!cd data && wget -q https://example.org/a.csv && unzip b.zip -d raw', ['data/a.csv', 'data/raw']],
    ['!cd /tmp && git clone https://github.com/org/tool', ['/tmp/tool']],
    ['!cd - && touch x', []]
  ])('%s', (line, expected) => {
    expect(paths(line)).toEqual(expected);
  });

  it('gives the line of each write', () => {
    expect(writes('import os\n!mkdir -p data\nif True:\n    !wget -O data/a.txt https://x/a')).toEqual([
      { line: 2, path: 'data' },
      { line: 4, path: 'data/a.txt' }
    ]);
  });

  it('reads continued lines as one command', () => {
    expect(writes('!wget \\\n    -O big.bin \\\n    https://x/big')).toEqual([{ line: 1, path: 'big.bin' }]);
  });

  it('finds none in strings, comments, or plain Python', () => {
    expect(writes('s = """\n!wget -O a https://x\n"""\n# !git clone https://x/y\nopen("f", "w")')).toEqual([]);
  });
});
