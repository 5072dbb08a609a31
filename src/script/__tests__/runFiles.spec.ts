/// <reference types="node" />
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildTrainingScript } from '../index';
import { notebook } from './cells';

/** The project's Python (made by `make install`): the script must really run. */
const PYTHON = path.resolve(__dirname, '../../../.venv/bin/python');

/** Builds the script for the last cell and runs it in an empty folder, as a job would. */
function runLastCell(...sources: string[]): string {
  const cells = notebook(...sources);
  const built = buildTrainingScript(cells, cells.length - 1);
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'train-files-'));
  try {
    fs.writeFileSync(path.join(workDir, built.entryPoint), built.script);
    return execFileSync(PYTHON, [built.entryPoint], { cwd: workDir, encoding: 'utf8', timeout: 20000 });
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

beforeAll(() => {
  if (!fs.existsSync(PYTHON)) {
    throw new Error(`${PYTHON} is missing: run \`make install\` to create the project's Python.`);
  }
});

describe('built scripts that depend on files and imports, run by Python', () => {
  it('writes the data file before the training cell reads it', () => {
    const out = runLastCell(
      'import json, os',
      'DATA_DIR = "data"\nTRAIN_FILE = f"{DATA_DIR}/train.json"',
      'rows = [{"text": "good", "label": 1}, {"text": "bad", "label": 0}]',
      'os.makedirs(DATA_DIR, exist_ok=True)\nwith open(TRAIN_FILE, "w") as f:\n    json.dump(rows, f)',
      'print(rows[0])',
      'import json\nwith open(TRAIN_FILE) as f:\n    train = json.load(f)\nprint("ROWS", len(train))'
    );
    expect(out).toContain('ROWS 2\n');
  });

  it('saves and loads numpy arrays through a path that gains its suffix', () => {
    const out = runLastCell(
      'import numpy as np',
      'np.save("embeddings", np.ones((2, 3)))',
      'import numpy as np\nemb = np.load("embeddings.npy")\nprint("SHAPE", emb.shape)'
    );
    expect(out).toContain('SHAPE (2, 3)\n');
  });

  it('takes only the imports of a cell whose other lines look at data the job does not have', () => {
    const out = runLastCell(
      'import json\nimport numpy as np\nprint(np.arange(3))\nsummary = df.describe()\nsummary',
      'rows = [1, 2]',
      'print("JSON", json.dumps({"n": int(np.sum(rows))}))'
    );
    expect(out).toContain('JSON {"n": 3}\n');
    expect(out).not.toContain('[0 1 2]'); // the cell's print was left out
  });

  it('writes a module with %%writefile before the training cell imports it', () => {
    const out = runLastCell(
      '%%writefile text_utils.py\ndef clean(text):\n    return text.replace("<br/>", " ")',
      'from text_utils import clean\nprint("CLEAN", clean("a<br/>b"))'
    );
    expect(out).toContain('CLEAN a b\n');
  });
});
