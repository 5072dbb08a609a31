/**
 * @jest-environment ./src/aws/__tests__/jsdomWithStreams.js
 */
import { ServerConnection } from '@jupyterlab/services';
import { ITrainingJob } from '../../tokens';
import { encodeTagValue } from '../../training/notebookTags';
import { LocalTransforms, transformFromRecord } from '../localTransforms';

/** The client's side of the local wire API, without a server: what it sends, how it reads. */
const JOB: ITrainingJob = {
  name: 'reviews-1',
  target: 'local',
  status: 'Completed',
  creationTime: new Date(0),
  transitions: [],
  finalMetrics: [],
  metricDefinitions: [],
  hyperparameters: {}
};

function recording(answer: unknown, status = 201) {
  const sent: { method: string; path: string; query: URLSearchParams; body: string }[] = [];
  const serverSettings = ServerConnection.makeSettings({
    baseUrl: 'http://127.0.0.1:8888/',
    token: 't',
    fetch: async (input: RequestInfo, init?: RequestInit) => {
      const request = input instanceof Request ? input : new Request(input, init);
      sent.push({
        method: request.method,
        path: new URL(request.url).pathname,
        query: new URL(request.url).searchParams,
        body: await request.text()
      });
      return new Response(status === 204 ? null : JSON.stringify(answer), {
        status,
        headers: { 'Content-Type': 'application/json' }
      });
    }
  });
  return { transforms: new LocalTransforms({ serverSettings }), sent };
}

const RECORD = {
  TransformJobName: 'reviews-1-transform',
  TransformJobArn: 'local:transform-job/reviews-1-transform',
  TransformJobStatus: 'Completed',
  ModelName: 'reviews-1',
  JobName: 'reviews-1',
  TransformInput: { Folder: 'data/test', ContentType: 'text/csv', SplitType: 'Line' },
  TransformOutput: { Folder: 'data/transform-output/reviews-1-transform', Accept: null },
  TransformResources: { InstanceType: 'local', InstanceCount: 1 },
  CreationTime: '2026-12-01T17:00:00+00:00',
  TransformStartTime: '2026-12-01T17:00:01+00:00',
  TransformEndTime: '2026-12-01T17:00:09+00:00',
  Tags: [
    { Key: 'sagemaker-nlp:notebook', Value: encodeTagValue('work/Sentiment (v2).ipynb') },
    { Key: 'sagemaker-nlp:cell', Value: 'cell-1' },
    { Key: 'sagemaker-nlp:job', Value: 'reviews-1' }
  ],
  Progress: { files: 1, filesDone: 1, records: 40 }
};

describe('LocalTransforms on the wire', () => {
  it('posts the request, leaving out what is empty, and reads the record', async () => {
    const { transforms, sent } = recording(RECORD);
    const started = await transforms.start(JOB, {
      input: 'data/test',
      output: ' ',
      contentType: 'text/csv',
      splitType: 'Line',
      instanceType: 'ml.m5.large',
      strategy: 'MultiRecord',
      assembleWith: 'Line',
      accept: 'application/json',
      maxPayloadInMB: 1,
      hfTask: 'text-classification'
    });
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ method: 'POST', path: '/sagemaker-nlp/local/transforms' });
    expect(JSON.parse(sent[0].body)).toEqual({
      jobName: 'reviews-1',
      input: 'data/test',
      contentType: 'text/csv',
      splitType: 'Line',
      strategy: 'MultiRecord',
      assembleWith: 'Line',
      accept: 'application/json',
      maxPayloadInMB: 1,
      hfTask: 'text-classification'
    });
    expect(started).toEqual({
      name: 'reviews-1-transform',
      target: 'local',
      arn: 'local:transform-job/reviews-1-transform',
      status: 'Completed',
      modelName: 'reviews-1',
      jobName: 'reviews-1',
      input: 'data/test',
      output: 'data/transform-output/reviews-1-transform',
      contentType: 'text/csv',
      splitType: 'Line',
      instanceType: 'local',
      instanceCount: 1,
      creationTime: new Date('2026-12-01T17:00:00Z'),
      startTime: new Date('2026-12-01T17:00:01Z'),
      endTime: new Date('2026-12-01T17:00:09Z'),
      notebookPath: 'work/Sentiment (v2).ipynb',
      cellId: 'cell-1'
    });
  });

  it('refuses a SageMaker job before sending anything, saying where to run it', async () => {
    const { transforms, sent } = recording(RECORD);
    await expect(
      transforms.start({ ...JOB, target: 'sagemaker' }, { input: 'd', contentType: 'text/csv', splitType: 'None' })
    ).rejects.toThrow('Job reviews-1 ran on SageMaker: run its batch transform on SageMaker, over an S3 prefix.');
    expect(sent).toEqual([]);
  });

  it('escapes the name in paths, and passes the log token back', async () => {
    const { transforms, sent } = recording({ events: [{ timestamp: 1, message: 'a' }], nextForwardToken: 'f/2' }, 200);
    expect(await transforms.logs('a b', 'local', 'f/1')).toEqual({
      events: [{ timestamp: 1, message: 'a' }],
      nextToken: 'f/2'
    });
    expect(sent[0].path).toBe('/sagemaker-nlp/local/transforms/a%20b/logs');
    expect(sent[0].query.get('stream')).toBe('local');
    expect(sent[0].query.get('nextToken')).toBe('f/1');
  });

  it('reads an unknown status as Failed, and leaves out absent fields', () => {
    expect(
      transformFromRecord({
        TransformJobName: 't',
        TransformJobStatus: 'Exploded',
        FailureReason: null,
        CreationTime: '2026-12-01T17:00:00Z'
      })
    ).toEqual({ name: 't', target: 'local', status: 'Failed', creationTime: new Date('2026-12-01T17:00:00Z') });
  });
});
