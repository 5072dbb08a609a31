import { ServerConnection } from '@jupyterlab/services';
import { LocalBackend, LocalAPI } from '../local';
import {
  APIError,
  checkServerExtension,
  SERVER_EXTENSION_MISSING
} from '../../api/request';

/** Answers as the local runner records them (docs/local-api.md). */
const COMPLETED: LocalAPI.IJobDescription = {
  TrainingJobName: 'sklearn-2026-11-27-10-00-00-000',
  TrainingJobStatus: 'Completed',
  SecondaryStatus: 'Completed',
  SecondaryStatusTransitions: [
    {
      Status: 'Starting',
      StartTime: '2026-11-27T10:00:01Z',
      EndTime: '2026-11-27T10:00:02Z',
      StatusMessage: 'Preparing the instances for training'
    },
    {
      Status: 'Training',
      StartTime: '2026-11-27T10:00:02Z',
      EndTime: '2026-11-27T10:01:02Z',
      StatusMessage: 'Training image download completed. Training in progress.'
    },
    {
      Status: 'Completed',
      StartTime: '2026-11-27T10:01:02Z',
      StatusMessage: 'Training job completed'
    }
  ],
  HyperParameters: { epochs: '3', lr: '0.001', name: '"x"' },
  AlgorithmSpecification: {
    TrainingImage: 'local',
    TrainingInputMode: 'File',
    MetricDefinitions: [{ Name: 'accuracy', Regex: 'accuracy=([0-9.]+)' }]
  },
  ResourceConfig: { InstanceType: 'local', InstanceCount: 1, VolumeSizeInGB: 0 },
  ModelArtifacts: { S3ModelArtifacts: '/srv/jobs/sklearn-1/model.tar.gz' },
  CreationTime: '2026-11-27T10:00:00Z',
  TrainingStartTime: '2026-11-27T10:00:01Z',
  TrainingEndTime: '2026-11-27T10:01:03Z',
  LastModifiedTime: '2026-11-27T10:01:03Z',
  FinalMetricDataList: [
    { MetricName: 'accuracy', Value: 0.91, Timestamp: '2026-11-27T10:01:00Z' }
  ],
  Tags: [
    { Key: 'sagemaker-nlp:notebook', Value: 'examples/sklearn.ipynb' },
    { Key: 'sagemaker-nlp:cell', Value: 'abc' }
  ],
  Framework: 'sklearn',
  JobDir: '/srv/jobs/sklearn-1'
};

const QUEUED: LocalAPI.IJobDescription = {
  TrainingJobName: 'queued-job',
  TrainingJobStatus: 'InProgress',
  SecondaryStatus: 'Pending',
  SecondaryStatusTransitions: [],
  HyperParameters: {},
  CreationTime: '2026-11-27T10:05:00Z',
  LastModifiedTime: '2026-11-27T10:05:00Z',
  FinalMetricDataList: [],
  Tags: [],
  Framework: 'pytorch',
  QueuePosition: 2
};

interface ICall {
  url: string;
  method: string;
  body: string | null;
}

/** Server settings whose fetch answers from a table of recorded answers. */
function recorded(answer: (call: ICall) => { status: number; body: string; type?: string }) {
  const calls: ICall[] = [];
  const fetch = async (input: RequestInfo, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const call = {
      // Without makeRequest's cache buster (`?<ms>` or `&<ms>`).
      url: request.url.replace(/[?&]\d+$/, ''),
      method: request.method,
      body: request.method === 'GET' ? null : await request.text()
    };
    calls.push(call);
    const { status, body, type } = answer(call);
    return new Response(body, {
      status,
      headers: { 'Content-Type': type ?? 'application/json' }
    });
  };
  const settings = ServerConnection.makeSettings({
    baseUrl: 'http://localhost:8888/lab-base/',
    fetch
  });
  return { calls, settings };
}

const json = (value: unknown, status = 200) => ({
  status,
  body: JSON.stringify(value)
});

describe('LocalBackend', () => {
  it('maps a job description to a job', async () => {
    const { calls, settings } = recorded(() => json({ jobs: [COMPLETED] }));
    const backend = new LocalBackend({ serverSettings: settings });
    const [job] = await backend.list();

    expect(calls[0].url).toBe('http://localhost:8888/lab-base/sagemaker-nlp/local/jobs');
    expect(job).toEqual({
      name: 'sklearn-2026-11-27-10-00-00-000',
      target: 'local',
      framework: 'sklearn',
      status: 'Completed',
      secondaryStatus: 'Completed',
      creationTime: new Date('2026-11-27T10:00:00Z'),
      startTime: new Date('2026-11-27T10:00:01Z'),
      endTime: new Date('2026-11-27T10:01:03Z'),
      transitions: [
        {
          Status: 'Starting',
          StartTime: new Date('2026-11-27T10:00:01Z'),
          EndTime: new Date('2026-11-27T10:00:02Z'),
          StatusMessage: 'Preparing the instances for training'
        },
        {
          Status: 'Training',
          StartTime: new Date('2026-11-27T10:00:02Z'),
          EndTime: new Date('2026-11-27T10:01:02Z'),
          StatusMessage:
            'Training image download completed. Training in progress.'
        },
        {
          Status: 'Completed',
          StartTime: new Date('2026-11-27T10:01:02Z'),
          EndTime: undefined,
          StatusMessage: 'Training job completed'
        }
      ],
      finalMetrics: [
        {
          MetricName: 'accuracy',
          Value: 0.91,
          Timestamp: new Date('2026-11-27T10:01:00Z')
        }
      ],
      modelArtifact: '/srv/jobs/sklearn-1/model.tar.gz',
      hyperparameters: { epochs: '3', lr: '0.001', name: '"x"' },
      instanceType: 'local',
      instanceCount: 1,
      metricDefinitions: [{ Name: 'accuracy', Regex: 'accuracy=([0-9.]+)' }],
      notebookPath: 'examples/sklearn.ipynb',
      cellId: 'abc'
    });
  });

  it('lists jobs with their queue position', async () => {
    const { calls, settings } = recorded(() => json({ jobs: [QUEUED, COMPLETED] }));
    const jobs = await new LocalBackend({ serverSettings: settings }).list();
    expect(calls[0].method).toBe('GET');
    expect(calls[0].url).toMatch(/\/sagemaker-nlp\/local\/jobs$/);
    expect(jobs.map(job => job.name)).toEqual(['queued-job', COMPLETED.TrainingJobName]);
    expect(jobs[0]).toMatchObject({
      status: 'InProgress',
      secondaryStatus: 'Pending',
      queuePosition: 2,
      framework: 'pytorch'
    });
    expect(jobs[0].startTime).toBeUndefined();
    expect(jobs[0].modelArtifact).toBeUndefined();
    expect(jobs[0].cellId).toBeUndefined();
    expect('failureReason' in jobs[0]).toBe(false);
  });

  it('stops, reads logs and metrics', async () => {
    const { calls, settings } = recorded(call => {
      if (call.url.endsWith('/stop')) {
        return json({ ...COMPLETED, TrainingJobStatus: 'Stopping' }, 202);
      }
      if (call.url.includes('/logs')) {
        return json({
          events: [{ timestamp: 1764237600000, message: 'epoch 1 loss=0.5' }],
          nextForwardToken: 'f/00000002'
        });
      }
      return json({
        MetricDataResults: [
          {
            Id: 'm0',
            Label: 'loss',
            Timestamps: ['2026-11-27T10:00:10Z', '2026-11-27T10:00:20Z'],
            Values: [0.5, 0.25]
          }
        ]
      });
    });
    const backend = new LocalBackend({ serverSettings: settings });

    await backend.stop('a job');
    expect(calls[0]).toMatchObject({ method: 'POST' });
    expect(calls[0].url).toMatch(/\/local\/jobs\/a%20job\/stop$/);

    const page = await backend.logs('a job', 'algo-1', 'f/00000001');
    expect(calls[1].url).toMatch(/\/logs\?stream=algo-1&nextToken=f%2F00000001$/);
    expect(page).toEqual({
      events: [{ timestamp: 1764237600000, message: 'epoch 1 loss=0.5' }],
      nextToken: 'f/00000002'
    });

    const series = await backend.metrics('a job');
    expect(series).toEqual([
      {
        name: 'loss',
        host: 'algo-1',
        timestamps: [new Date('2026-11-27T10:00:10Z'), new Date('2026-11-27T10:00:20Z')],
        values: [0.5, 0.25]
      }
    ]);
  });

  it('writes the runner configuration', async () => {
    const { calls, settings } = recorded(() =>
      json({ jobsDir: '/srv/jobs', maxConcurrentJobs: 3 })
    );
    const backend = new LocalBackend({ serverSettings: settings });
    expect(await backend.setConfig({ maxConcurrentJobs: 3 })).toEqual({
      jobsDir: '/srv/jobs',
      maxConcurrentJobs: 3
    });
    expect(calls[0].method).toBe('PUT');
    expect(calls[0].url).toMatch(/\/sagemaker-nlp\/local\/config$/);
    expect(JSON.parse(calls[0].body!)).toEqual({ maxConcurrentJobs: 3 });
  });

  it('reads the one stream of a local job, its pages and the newer metric points', async () => {
    const { calls, settings } = recorded(request => {
      if (request.url.includes('/streams')) {
        return json({ logStreams: [{ logStreamName: 'algo-1' }] });
      }
      if (request.url.includes('/logs')) {
        return json({ events: [{ timestamp: 1, message: 'hi' }], nextForwardToken: '12' });
      }
      return json({
        MetricDataResults: [
          { Id: 'm0', Label: 'loss', Timestamps: ['2026-11-27T10:00:05.000Z'], Values: [0.5] }
        ]
      });
    });
    const backend = new LocalBackend({ serverSettings: settings });
    expect(await backend.logStreams('job-1')).toEqual([{ name: 'algo-1', host: 'algo-1' }]);
    expect(await backend.logs('job-1', 'algo-1', '5')).toEqual({
      events: [{ timestamp: 1, message: 'hi' }],
      nextToken: '12'
    });
    const since = new Date('2026-11-27T10:00:00Z');
    expect(await backend.metrics('job-1', since)).toEqual([
      {
        name: 'loss',
        host: 'algo-1',
        timestamps: [new Date('2026-11-27T10:00:05Z')],
        values: [0.5]
      }
    ]);
    expect(calls.map(call => call.url.replace(/^.*\/local\//, ''))).toEqual([
      'jobs/job-1/streams',
      'jobs/job-1/logs?stream=algo-1&nextToken=5',
      `jobs/job-1/metrics?since=${since.getTime()}`
    ]);
  });

  it('throws the server message of a JSON error', async () => {
    const message =
      'Channel "train": folder data/missing does not exist. Create it or fix the path.';
    const { settings } = recorded(() => json({ message, reason: null }, 400));
    const submit = new LocalBackend({ serverSettings: settings }).list();
    await expect(submit).rejects.toBeInstanceOf(APIError);
    await expect(submit).rejects.toMatchObject({ status: 400, message });
  });

  it('says the server extension is missing for an HTML answer', async () => {
    const { settings } = recorded(() => ({
      status: 404,
      body: '<!DOCTYPE html><html><body>404 : Not Found</body></html>',
      type: 'text/html'
    }));
    const list = new LocalBackend({ serverSettings: settings }).list();
    await expect(list).rejects.toMatchObject({
      status: 404,
      message: `${SERVER_EXTENSION_MISSING} (HTTP 404).`
    });
    await expect(list).rejects.toThrow(/pip install jupyterlab-sagemaker-nlp/);
  });
});

describe('checkServerExtension', () => {
  it('answers the version', async () => {
    const { calls, settings } = recorded(() => json({ version: '0.1.0', local: true }));
    expect(await checkServerExtension(settings)).toEqual({ version: '0.1.0' });
    expect(calls[0].url).toBe('http://localhost:8888/lab-base/sagemaker-nlp/health');
  });

  it('answers null when the extension is missing', async () => {
    const logged = jest.spyOn(console, 'error').mockImplementation(() => {});
    const { settings } = recorded(() => ({ status: 404, body: '<html></html>', type: 'text/html' }));
    expect(await checkServerExtension(settings)).toBeNull();
    logged.mockRestore();
  });

  it('answers null when the server cannot be reached', async () => {
    const logged = jest.spyOn(console, 'error').mockImplementation(() => {});
    const settings = ServerConnection.makeSettings({
      baseUrl: 'http://localhost:8888/',
      fetch: () => Promise.reject(new TypeError('Failed to fetch'))
    });
    expect(await checkServerExtension(settings)).toBeNull();
    const [, error] = logged.mock.calls[0];
    expect(error).toBeInstanceOf(APIError);
    expect((error as APIError).status).toBe(0);
    logged.mockRestore();
  });
});
