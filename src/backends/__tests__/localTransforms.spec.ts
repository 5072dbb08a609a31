/**
 * @jest-environment ./src/aws/__tests__/jsdomWithStreams.js
 */
import { ServerConnection } from '@jupyterlab/services';
import { ISourceFile, ITrainingJob, ITrainingJobSpec, ITransformJob } from '../../tokens';
import { LocalBackend } from '../local';
import { LocalTransforms } from '../localTransforms';
import { spec } from './sagemakerFixtures';

/**
 * Local batch transforms against the real Jupyter server of
 * scripts/aws-stack.sh: a real local job leaves the model, the server runs
 * it over a folder written through the Contents API, and the answers are
 * read back the same way.
 */
const BASE_URL = process.env.SAGEMAKER_NLP_E2E_URL;
if (!BASE_URL) {
  throw new Error(
    'No Jupyter server for the end-to-end test: run jest through `make jest` or ' +
      '`bash scripts/jest.sh` (they start moto and a Jupyter server first).'
  );
}

const SKLEARN_TRAIN = `
import os, joblib
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
texts = ["great product, love it", "wonderful and sharp", "awful, broke at once",
         "terrible and useless"] * 5
labels = ["positive", "positive", "negative", "negative"] * 5
model = Pipeline([("tfidf", TfidfVectorizer()), ("lr", LogisticRegression())]).fit(texts, labels)
joblib.dump(model, os.path.join(os.environ["SM_MODEL_DIR"], "model.joblib"))
`;

const SLOW_INFERENCE = `
import time
def model_fn(model_dir):
    return None
def predict_fn(data, model):
    time.sleep(60)
    return data
`;

describe('LocalTransforms against the Jupyter server', () => {
  const serverSettings = ServerConnection.makeSettings({
    baseUrl: BASE_URL ?? 'http://127.0.0.1:1/',
    token: process.env.SAGEMAKER_NLP_E2E_TOKEN ?? ''
  });
  const jobs = new LocalBackend({ serverSettings });
  const transforms = new LocalTransforms({ serverSettings });
  const run = Date.now();

  async function contents(path: string, init: RequestInit = {}): Promise<any> {
    const url = `${serverSettings.baseUrl}api/contents/${path.split('/').map(encodeURIComponent).join('/')}`;
    const response = await ServerConnection.makeRequest(url, init, serverSettings);
    if (!response.ok) {
      throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${await response.text()}`);
    }
    return response.status === 204 ? null : response.json();
  }

  async function writeFile(path: string, content: string): Promise<void> {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) {
      await contents(parts.slice(0, i).join('/'), {
        method: 'PUT',
        body: JSON.stringify({ type: 'directory' })
      });
    }
    await contents(path, {
      method: 'PUT',
      body: JSON.stringify({ type: 'file', format: 'text', content })
    });
  }

  async function completedJob(name: string, files: ISourceFile[]): Promise<ITrainingJob> {
    const jobName = `${name}-${Date.now()}`;
    const job: ITrainingJobSpec = {
      ...spec({ jobName }),
      target: 'local',
      framework: 'sklearn',
      instanceType: 'local',
      channels: {},
      sagemaker: undefined,
      kernelName: 'python3',
      sourceFiles: files
    };
    await jobs.submit(job);
    for (let i = 0; i < 600; i++) {
      const found = (await jobs.list()).find(j => j.name === jobName);
      if (found && found.status !== 'InProgress') {
        expect(found.status).toBe('Completed');
        return found;
      }
      await new Promise(resolve => setTimeout(resolve, 100));
    }
    throw new Error(`${jobName} did not complete`);
  }

  async function ended(name: string): Promise<ITransformJob> {
    for (let i = 0; i < 600; i++) {
      const transform = await transforms.describe(name);
      if (transform.status !== 'InProgress' && transform.status !== 'Stopping') {
        return transform;
      }
      await new Promise(resolve => setTimeout(resolve, 100));
    }
    throw new Error(`${name} did not end`);
  }

  it('runs a scikit-learn model over a folder: start, list, describe, logs, output', async () => {
    const job = await completedJob('reviews', [{ path: 'train.py', content: SKLEARN_TRAIN }]);
    const input = `transform-${run}/input`;
    await writeFile(`${input}/reviews.jsonl`, '["love it, great"]\n["awful and useless"]\n');

    const started = await transforms.start(job, {
      input,
      contentType: 'application/json',
      splitType: 'Line',
      assembleWith: 'Line',
      accept: 'application/json'
    });
    expect(started).toMatchObject({
      target: 'local',
      status: 'InProgress',
      jobName: job.name,
      modelName: job.name,
      input,
      contentType: 'application/json',
      splitType: 'Line',
      instanceType: 'local',
      instanceCount: 1,
      notebookPath: 'work/Sentiment (v2).ipynb',
      cellId: 'cell-1'
    });
    expect((await transforms.list()).map(t => t.name)).toContain(started.name);

    const done = await ended(started.name);
    expect(done.status).toBe('Completed');
    expect(done.endTime!.getTime()).toBeGreaterThanOrEqual(done.creationTime.getTime());
    const output = await contents(`${done.output}/reviews.jsonl.out`);
    expect(output.content.trim().split('\n').map((line: string) => JSON.parse(line))).toEqual([
      ['positive'],
      ['negative']
    ]);

    const streams = await transforms.logStreams(started.name);
    expect(streams).toEqual([{ name: 'local', host: 'local' }]);
    const page = await transforms.logs(started.name, 'local');
    const text = page.events.map(e => e.message).join('\n');
    expect(text).toMatch(/Model loaded/);
    expect(text).toMatch(/reviews\.jsonl: 2 records/);
    expect((await transforms.logs(started.name, 'local', page.nextToken)).events).toEqual([]);

    await expect(transforms.stop(started.name)).rejects.toMatchObject({
      status: 409,
      message: expect.stringMatching(/is Completed already: only one InProgress can be stopped/)
    });
  }, 90000);

  it('stops a running transform', async () => {
    const job = await completedJob('slow', [
      { path: 'train.py', content: 'print("nothing to train")' },
      { path: 'inference.py', content: SLOW_INFERENCE }
    ]);
    const input = `transform-${run}/slow`;
    await writeFile(`${input}/one.txt`, 'hello');
    const started = await transforms.start(job, {
      input,
      contentType: 'text/plain',
      splitType: 'None'
    });
    // Stop it while the model answers (its predict_fn sleeps a minute).
    for (let i = 0; i < 300; i++) {
      const streams = await transforms.logStreams(started.name);
      const page = streams.length ? await transforms.logs(started.name, 'local') : { events: [] };
      if (page.events.some(e => /Model loaded/.test(e.message))) {
        break;
      }
      await new Promise(resolve => setTimeout(resolve, 100));
    }
    const before = Date.now();
    await transforms.stop(started.name);
    const stopped = await ended(started.name);
    expect(Date.now() - before).toBeLessThan(15000);
    expect(stopped.status).toBe('Stopped');
    expect(stopped.failureReason).toMatch(/Stopped on request: the files finished before the stop are in/);
  }, 90000);

  it('answers bad requests with the fix: a SageMaker job, an unknown transform, an empty folder', async () => {
    const job = await completedJob('bad', [{ path: 'train.py', content: SKLEARN_TRAIN }]);
    await expect(
      transforms.start({ ...job, target: 'sagemaker' }, { input: 'x', contentType: 'text/csv', splitType: 'Line' })
    ).rejects.toThrow(/ran on SageMaker: run its batch transform on SageMaker/);
    await expect(transforms.describe(`missing-${run}`)).rejects.toMatchObject({ status: 404 });
    const empty = `transform-${run}/empty`;
    await writeFile(`${empty}/placeholder`, 'x');
    await contents(`${empty}/placeholder`, { method: 'DELETE' });
    await expect(
      transforms.start(job, { input: empty, contentType: 'text/csv', splitType: 'Line' })
    ).rejects.toMatchObject({
      status: 400,
      message: expect.stringMatching(/has no files .*put the records there/)
    });
  }, 90000);
});
