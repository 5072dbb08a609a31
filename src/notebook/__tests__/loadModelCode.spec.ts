import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { makeJob } from '../../jobs/__tests__/fakes';
import { Framework, ITrainingJob } from '../../tokens';
import { loadModelCode, whyNoModel } from '../loadModelCode';

const PYTHON = path.resolve(__dirname, '../../../.venv/bin/python');

/** Run Python in `cwd`; its stdout. */
function python(code: string, cwd: string): string {
  return execFileSync(PYTHON, ['-c', code], { cwd, encoding: 'utf-8', stdio: 'pipe' });
}

/** A local job's model.tar.gz holding what `save` (Python, writing into `out`) saves. */
function localJob(dir: string, framework: Framework, save: string): ITrainingJob {
  const artifact = path.join(dir, 'job', 'output', 'model.tar.gz');
  python(
    [
      'import os, tarfile',
      'out = "job/model"',
      'os.makedirs(out)',
      'os.makedirs("job/output")',
      save,
      'with tarfile.open("job/output/model.tar.gz", "w:gz") as tar:',
      '    for name in os.listdir(out):',
      '        tar.add(os.path.join(out, name), arcname=name)'
    ].join('\n'),
    dir
  );
  return makeJob({
    name: 'run-1',
    target: 'local',
    framework,
    status: 'Completed',
    modelArtifact: artifact
  });
}

describe('loadModelCode', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'load-model-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('opens a scikit-learn job model in the notebook folder', () => {
    const job = localJob(
      dir,
      'sklearn',
      [
        'import joblib',
        'from sklearn.linear_model import LogisticRegression',
        'joblib.dump(LogisticRegression().fit([[0], [1]], [0, 1]), os.path.join(out, "model.joblib"))'
      ].join('\n')
    );
    const shown = python(`${loadModelCode(job)}\nprint(type(model).__name__, model.predict([[1]])[0])`, dir);
    expect(shown.trim()).toBe('LogisticRegression 1');
    expect(fs.existsSync(path.join(dir, 'models', 'run-1', 'model.joblib'))).toBe(true);
  });

  it('opens a PyTorch state dict', () => {
    const job = localJob(
      dir,
      'pytorch',
      'import torch\ntorch.save(torch.nn.Linear(2, 1).state_dict(), os.path.join(out, "model.pth"))'
    );
    const shown = python(`${loadModelCode(job)}\nprint(sorted(state))`, dir);
    expect(shown.trim()).toBe("['bias', 'weight']");
  });

  it('refuses an archive whose paths leave the model folder', () => {
    const job = localJob(
      dir,
      'sklearn',
      'open(os.path.join(out, "x.joblib"), "w").close()'
    );
    python(
      [
        'import io, tarfile',
        `with tarfile.open(${JSON.stringify(job.modelArtifact)}, "w:gz") as tar:`,
        '    info = tarfile.TarInfo("../../escaped.txt")',
        '    info.size = 2',
        '    tar.addfile(info, io.BytesIO(b"hi"))'
      ].join('\n'),
      dir
    );
    expect(() => python(loadModelCode(job), dir)).toThrow(/OutsideDestinationError|outside/);
    expect(fs.existsSync(path.join(dir, 'escaped.txt'))).toBe(false);
  });

  it.each<Framework | undefined>(['huggingface', 'tensorflow', 'mxnet', undefined])(
    'writes valid Python for %s, from S3 too',
    framework => {
      for (const artifact of ['s3://bucket/run-1/output/model.tar.gz', '/jobs/run-1/output/model.tar.gz']) {
        const code = loadModelCode(
          makeJob({ name: 'run-1', framework, status: 'Completed', modelArtifact: artifact })
        );
        expect(python(`compile(${JSON.stringify(code)}, "cell", "exec"); print("ok")`, dir).trim()).toBe('ok');
        expect(code.includes('boto3.client("s3").download_file')).toBe(artifact.startsWith('s3://'));
      }
    }
  );

  it('says why a job has no model to load', () => {
    expect(whyNoModel(makeJob({ name: 'a', status: 'InProgress' }))).toMatch(/completed/);
    expect(whyNoModel(makeJob({ name: 'a', status: 'Completed', modelArtifact: undefined }))).toMatch(/SM_MODEL_DIR/);
    expect(whyNoModel(makeJob({ name: 'a', status: 'Completed', modelArtifact: 's3://b/m.tar.gz' }))).toBeNull();
  });
});
