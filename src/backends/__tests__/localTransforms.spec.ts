/**
 * @jest-environment ./src/aws/__tests__/jsdomWithStreams.js
 */
import { ITransformJob } from '../../tokens';
import { LocalTransforms } from '../localTransforms';
import { localServer, SKLEARN_TRAIN, waitUntil } from './localServer';

/**
 * Local batch transforms against the real Jupyter server of
 * scripts/aws-stack.sh: a real local job leaves the model, the server runs
 * it over a folder written through the Contents API, and the answers are
 * read back the same way.
 */
const SLOW_INFERENCE = `
import time
def model_fn(model_dir):
    return None
def predict_fn(data, model):
    time.sleep(60)
    return data
`;

describe('LocalTransforms against the Jupyter server', () => {
  const { serverSettings, completedJob, contents, writeFile } = localServer();
  const transforms = new LocalTransforms({ serverSettings });
  const run = Date.now();

  function ended(name: string): Promise<ITransformJob> {
    return waitUntil(
      () => transforms.describe(name),
      transform => transform.status !== 'InProgress' && transform.status !== 'Stopping',
      `${name} did not end`
    );
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
