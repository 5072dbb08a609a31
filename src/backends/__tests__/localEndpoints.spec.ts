/**
 * @jest-environment ./src/aws/__tests__/jsdomWithStreams.js
 */
import { IDeployChoices, IEndpoint } from '../../tokens';
import { LocalEndpoints } from '../localEndpoints';
import { localServer, SKLEARN_TRAIN, waitUntil } from './localServer';

/**
 * Local endpoints against the real Jupyter server of scripts/aws-stack.sh:
 * real local jobs leave the models, the server's child processes serve them.
 */
const WRITE_NOTES = `
import os
open(os.path.join(os.environ["SM_MODEL_DIR"], "notes.txt"), "w").write("no model here")
`;

const RAISING = `
def model_fn(model_dir):
    return None
def predict_fn(data, model):
    raise ValueError("the model cannot read " + repr(data))
`;

describe('LocalEndpoints against the Jupyter server', () => {
  const sent: string[] = [];
  const { serverSettings, completedJob } = localServer({
    fetch: (input: RequestInfo, init?: RequestInit) => {
      const request = input instanceof Request ? input : new Request(input, init);
      sent.push(`${request.method} ${new URL(request.url).pathname}`);
      return fetch(request);
    }
  });
  const endpoints = new LocalEndpoints({ serverSettings });

  function settled(name: string): Promise<IEndpoint> {
    return waitUntil(
      () => endpoints.describe(name),
      endpoint => endpoint.status !== 'Creating',
      `${name} still Creating`,
      300
    );
  }

  function choices(endpointName: string, extra: Partial<IDeployChoices> = {}): IDeployChoices {
    return { endpointName, mode: 'realtime', ...extra };
  }

  it('serves a scikit-learn model: deploy, list, invoke, delete', async () => {
    const job = await completedJob('reviews', SKLEARN_TRAIN);
    const name = `reviews-${Date.now()}`;
    const created = await endpoints.deploy(job, choices(name));
    expect(created).toMatchObject({ name, target: 'local', status: 'Creating' });

    const endpoint = await settled(name);
    expect(endpoint).toMatchObject({
      status: 'InService',
      jobName: job.name,
      notebookPath: 'work/Sentiment (v2).ipynb', // encoded in the job's tag, read back
      cellId: 'cell-1',
      framework: 'sklearn',
      variants: [{ name: 'AllTraffic', instanceType: 'local', instanceCount: 1 }]
    });
    expect((await endpoints.list()).map(e => e.name)).toContain(name);

    const answer = await endpoints.invoke(
      name,
      JSON.stringify(['love it, great', 'awful and useless']),
      'application/json'
    );
    expect(JSON.parse(answer.body)).toEqual(['positive', 'negative']);
    expect(answer.contentType).toBe('application/json');
    expect(answer.latencyMs).toBeGreaterThan(0);

    sent.length = 0;
    await expect(
      endpoints.invoke(name, 'x'.repeat(6 * 1024 * 1024 + 1), 'text/plain')
    ).rejects.toThrow(/6\.0 MB; an endpoint takes at most 6 MB/);
    expect(sent).toEqual([]); // refused before sending

    await endpoints.delete(name);
    expect((await endpoints.list()).map(e => e.name)).not.toContain(name);
    await expect(endpoints.invoke(name, '["x"]', 'application/json')).rejects.toMatchObject({
      status: 404,
      message: `No local endpoint named '${name}'.`
    });
  }, 60000);

  it("answers a model error with the model's message, and a Failed endpoint with 409", async () => {
    const job = await completedJob('notes', WRITE_NOTES);

    const failed = `notes-${Date.now()}`;
    await endpoints.deploy(job, choices(failed));
    const endpoint = await settled(failed);
    expect(endpoint.status).toBe('Failed');
    expect(endpoint.failureReason).toMatch(/Nothing loadable .*notes\.txt.*inference\.py/);
    await expect(endpoints.invoke(failed, '[1]', 'application/json')).rejects.toMatchObject({
      status: 409,
      message: expect.stringMatching(/is Failed, not InService: Nothing loadable/)
    });

    const raising = `raising-${Date.now()}`;
    await endpoints.deploy(
      job,
      choices(raising, { inferenceScript: { path: 'inference.py', content: RAISING } })
    );
    expect((await settled(raising)).status).toBe('InService');
    await expect(endpoints.invoke(raising, '[1, 2]', 'application/json')).rejects.toMatchObject({
      status: 502,
      message: expect.stringMatching(/ValueError: the model cannot read \[1, 2\].*Its log is/)
    });

    await endpoints.delete(failed);
    await endpoints.delete(raising);
  }, 60000);

  it('refuses a SageMaker job and a name already taken, saying what to do', async () => {
    const job = await completedJob('twice', SKLEARN_TRAIN);
    await expect(
      endpoints.deploy({ ...job, target: 'sagemaker' }, choices('x'))
    ).rejects.toThrow(/ran on SageMaker: deploy it to a SageMaker endpoint/);
    const name = `twice-${Date.now()}`;
    await endpoints.deploy(job, choices(name));
    await expect(endpoints.deploy(job, choices(name))).rejects.toMatchObject({
      status: 409,
      message: expect.stringMatching(/delete it first or choose another endpointName/)
    });
    await endpoints.delete(name);
  }, 60000);
});
