/// <reference types="node" />
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { buildTrainingScript, ITrainingScript } from '../index';
import { spotResumeNote } from '../keepModel';
import { notebook } from './cells';

/** The project's Python (made by `make install`): the epilogue must really copy. */
const PYTHON = path.resolve(__dirname, '../../../.venv/bin/python');

const NOTEBOOK = notebook(
  'import os\nimport pickle\nimport joblib\nfrom sklearn.dummy import DummyClassifier',
  // A stand-in with Transformers' name, so the test needs no Transformers.
  'class TrainingArguments:\n    def __init__(self, output_dir):\n        self.output_dir = output_dir',
  'OUT = "./results"',
  [
    'args = TrainingArguments(output_dir=OUT)',
    'os.makedirs(os.path.join(args.output_dir, "checkpoint-1"), exist_ok=True)',
    'open(os.path.join(args.output_dir, "config.json"), "w").write("{}")',
    'open(os.path.join(args.output_dir, "checkpoint-1", "weights.bin"), "w").write("w")',
    'model = DummyClassifier().fit([[0], [1]], [0, 1])',
    'joblib.dump(model, "model.joblib")',
    'pickle.dump(model, open(f"{OUT}/model.pkl", "wb"))',
    'joblib.dump(model, os.path.join(os.environ.get("SM_MODEL_DIR", "."), "direct.joblib"))',
    'torch_save_never_runs = False',
    'if torch_save_never_runs:',
    '    model.save("never/saved")',
    'print("TRAINED", flush=True)'
  ].join('\n')
);

let workDir: string;
let built: ITrainingScript;

beforeAll(() => {
  built = buildTrainingScript(NOTEBOOK, 3);
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'keep-model-'));
});

afterAll(() => {
  fs.rmSync(workDir, { recursive: true, force: true });
});

function runIn(dir: string, env: Record<string, string>): string {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, built.entryPoint), built.script);
  const clean: NodeJS.ProcessEnv = { ...process.env, ...env };
  if (!('SM_MODEL_DIR' in env)) {
    delete clean.SM_MODEL_DIR;
  }
  return execFileSync(PYTHON, [built.entryPoint], { cwd: dir, env: clean, encoding: 'utf8', timeout: 30000 });
}

const filesUnder = (dir: string): string[] =>
  fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter(name => fs.statSync(path.join(dir, name)).isFile())
    .sort();

describe('the model the notebook saves is kept', () => {
  it('finds where the script saves, with the path resolved', () => {
    expect(built.modelSaves).toEqual([
      { path: 'results', cellIndex: 3, line: 1, how: 'TrainingArguments(output_dir=…)' },
      { path: 'model.joblib', cellIndex: 3, line: 6, how: 'joblib.dump' },
      { path: 'results/model.pkl', cellIndex: 3, line: 7, how: 'pickle.dump' },
      { path: '$SM_MODEL_DIR', cellIndex: 3, line: 8, how: 'joblib.dump' },
      { path: 'never/saved', cellIndex: 3, line: 11, how: 'model.save' }
    ]);
    expect(built.warnings).toEqual([]);
  });

  it('maps generated lines to no cell and user lines to theirs', () => {
    const lines = built.script.replace(/\n$/, '').split('\n');
    expect(built.lineMap).toHaveLength(lines.length);
    lines.forEach((text, i) => {
      if (text.includes('_sagemaker_')) {
        expect(built.lineMap[i]).toBeNull();
      }
    });
    const trained = lines.indexOf('print("TRAINED", flush=True)');
    expect(built.lineMap[trained]).toEqual({ cellIndex: 3, line: 12 });
    expect(lines[lines.length - 1]).toBe(
      "_sagemaker_keep_model(['results', 'model.joblib', 'results/model.pkl', 'never/saved'])"
    );
  });

  it('copies the saved folder and files into SM_MODEL_DIR after a run, saying so in the log', () => {
    const code = path.join(workDir, 'code');
    const modelDir = path.join(workDir, 'model');
    fs.mkdirSync(modelDir);
    const out = runIn(code, { SM_MODEL_DIR: modelDir });
    expect(out).toContain('TRAINED\n');
    expect(filesUnder(modelDir)).toEqual(
      ['checkpoint-1/weights.bin', 'config.json', 'direct.joblib', 'model.joblib', 'model.pkl'].sort()
    );
    expect(out).toContain(`sagemaker-nlp: kept results in ${fs.realpathSync(modelDir)}`);
    expect(out).toContain('sagemaker-nlp: never/saved was not saved, nothing to keep');
    // No /opt/ml/checkpoints here: output_dir stays a plain folder.
    expect(fs.lstatSync(path.join(code, 'results')).isSymbolicLink()).toBe(false);
  });

  it('copies nothing without SM_MODEL_DIR, and nothing when a path is SM_MODEL_DIR itself', () => {
    const out = runIn(path.join(workDir, 'plain'), {});
    expect(out).not.toContain('sagemaker-nlp: kept');
    const inside = path.join(workDir, 'inside');
    const again = runIn(inside, { SM_MODEL_DIR: path.join(inside, 'results') });
    expect(again).not.toContain('kept results');
    expect(again).toContain('sagemaker-nlp: kept model.joblib');
  });

  it('has no epilogue and warns, naming the fix, when nothing is saved', () => {
    const script = buildTrainingScript(notebook('from sklearn.dummy import DummyClassifier', 'm = DummyClassifier()\nm.fit([[0]], [0])'), 1);
    expect(script.modelSaves).toEqual([]);
    expect(script.script).not.toContain('_sagemaker_keep_model');
    expect(script.warnings).toEqual([
      expect.stringMatching(/^cell 2 line 2: the script saves no model, so it is lost .*os\.environ\["SM_MODEL_DIR"\]/)
    ]);
  });

  it('warns of a save whose path only the job knows', () => {
    const script = buildTrainingScript(
      notebook('import joblib, sys\nfrom sklearn.dummy import DummyClassifier', 'm = DummyClassifier()\njoblib.dump(m, sys.argv[1])'),
      1
    );
    expect(script.warnings).toEqual([
      expect.stringMatching(/^cell 2 line 2: joblib\.dump saves where only the running job knows/)
    ]);
  });

  it('has a note on resuming for spot jobs with an output_dir, and none without', () => {
    expect(spotResumeNote(built.modelSaves)).toBe(
      'cell 4 line 1: on spot, checkpoints in results are kept in /opt/ml/checkpoints; to resume after an ' +
        'interruption, call trainer.train(resume_from_checkpoint=transformers.trainer_utils.get_last_checkpoint(args.output_dir)).'
    );
    expect(spotResumeNote(built.modelSaves.filter(s => !s.how.includes('output_dir')))).toBeNull();
  });

  it('links output_dir to /opt/ml/checkpoints when that folder exists, and still keeps the model', () => {
    expect(built.script.split('\n').slice(1, 14).join('\n')).toContain("_sagemaker_checkpoints_in('results')");
    // The same script with the checkpoint folder moved where a test may write.
    const checkpoints = path.join(workDir, 'checkpoints');
    fs.mkdirSync(checkpoints);
    const code = path.join(workDir, 'spot');
    const modelDir = path.join(workDir, 'spot-model');
    fs.mkdirSync(modelDir);
    const original = built.script;
    built = { ...built, script: original.replace('"/opt/ml/checkpoints"', JSON.stringify(checkpoints)) };
    try {
      const out = runIn(code, { SM_MODEL_DIR: modelDir });
      expect(out).toContain(`sagemaker-nlp: results is a link to ${checkpoints}`);
    } finally {
      built = { ...built, script: original };
    }
    expect(fs.realpathSync(path.join(code, 'results'))).toBe(fs.realpathSync(checkpoints));
    expect(filesUnder(checkpoints)).toEqual(['checkpoint-1/weights.bin', 'config.json', 'model.pkl']);
    expect(filesUnder(modelDir)).toContain('checkpoint-1/weights.bin');
  });
});
