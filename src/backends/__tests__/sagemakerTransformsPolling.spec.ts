/**
 * @jest-environment ./src/aws/__tests__/jsdomWithStreams.js
 */
import {
  CloudWatchLogsClient,
  DescribeLogStreamsCommand,
  GetLogEventsCommand
} from '@aws-sdk/client-cloudwatch-logs';
import {
  CreateModelCommand,
  CreateTransformJobCommand,
  DescribeModelCommand,
  DescribeTransformJobCommand,
  ListTagsCommand,
  ListTransformJobsCommand,
  SageMakerClient,
  StopTransformJobCommand,
  TransformJobStatus
} from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import { createAwsClients } from '../../aws/clients';
import { ITrainingJob } from '../../tokens';
import { CELL_TAG, JOB_TAG, NOTEBOOK_TAG } from '../../training/notebookTags';
import { SageMakerTransforms } from '../sagemakerTransforms';

/**
 * What moto cannot do: transforms that stay InProgress, StopTransformJob,
 * more than one page, throttling, transform log streams. AWS is mocked with
 * aws-sdk-client-mock; calls are counted per operation.
 */
const sagemakerMock = mockClient(SageMakerClient);
const logsMock = mockClient(CloudWatchLogsClient);

interface IFakeTransform {
  name: string;
  status: TransformJobStatus;
  created: Date;
}

class FakeRegion {
  transforms: IFakeTransform[] = [];
  calls: Record<string, number> = {};
  described: string[] = [];
  throttle: string | null = null;

  static with(count: number, running = 0): FakeRegion {
    const region = new FakeRegion();
    const start = Date.UTC(2026, 11, 1, 12);
    region.transforms = Array.from({ length: count }, (_, i) => ({
      name: `tr-${String(i).padStart(4, '0')}`,
      status: i < running ? 'InProgress' : 'Completed',
      created: new Date(start - i * 60000)
    }));
    return region;
  }

  install(): void {
    sagemakerMock.reset();
    sagemakerMock.on(ListTransformJobsCommand).callsFake(input => {
      this._count('ListTransformJobs');
      expect(input).toMatchObject({ SortBy: 'CreationTime', SortOrder: 'Descending' });
      const from = Number(input.NextToken ?? 0);
      const size = input.MaxResults ?? 10;
      const page = this.transforms.slice(from, from + size);
      return {
        TransformJobSummaries: page.map(t => ({
          TransformJobName: t.name,
          TransformJobArn: arn(t.name),
          TransformJobStatus: t.status,
          CreationTime: t.created
        })),
        ...(from + size < this.transforms.length && { NextToken: String(from + size) })
      };
    });
    sagemakerMock.on(DescribeTransformJobCommand).callsFake(input => {
      this._count('DescribeTransformJob');
      this.described.push(input.TransformJobName);
      const t = this.transforms.find(x => x.name === input.TransformJobName);
      if (!t) {
        throw Object.assign(new Error(`Could not find transform job '${arn(input.TransformJobName)}'.`), {
          name: 'ValidationException'
        });
      }
      return {
        TransformJobName: t.name,
        TransformJobArn: arn(t.name),
        TransformJobStatus: t.status,
        ModelName: `${t.name}-model`,
        CreationTime: t.created,
        TransformInput: {
          DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: 's3://b/in/' } },
          ContentType: 'text/csv',
          SplitType: 'Line'
        },
        TransformOutput: { S3OutputPath: `s3://b/${t.name}` },
        TransformResources: { InstanceType: 'ml.m5.large', InstanceCount: 1 }
      };
    });
    sagemakerMock.on(ListTagsCommand).callsFake(input => {
      this._count('ListTags');
      return {
        Tags: [
          { Key: JOB_TAG, Value: `job-of-${input.ResourceArn.split('/').pop()}` },
          { Key: NOTEBOOK_TAG, Value: 'work/reviews.ipynb' },
          { Key: CELL_TAG, Value: 'cell-7' }
        ]
      };
    });
    sagemakerMock.on(StopTransformJobCommand).callsFake(input => {
      this._count('StopTransformJob');
      this.transforms.find(x => x.name === input.TransformJobName)!.status = 'Stopping';
      return {};
    });
  }

  private _count(operation: string): void {
    if (this.throttle === operation) {
      throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    }
    this.calls[operation] = (this.calls[operation] ?? 0) + 1;
  }
}

function arn(name: string): string {
  return `arn:aws:sagemaker:us-east-1:123456789012:transform-job/${name}`;
}

function backend(): SageMakerTransforms {
  const clients = createAwsClients({ region: 'us-east-1' });
  return new SageMakerTransforms({
    sagemaker: clients.sagemaker,
    logs: clients.logs,
    region: 'us-east-1',
    roleArn: 'arn:aws:iam::123456789012:role/R',
    bucket: 'b'
  });
}

afterAll(() => {
  sagemakerMock.restore();
  logsMock.restore();
});

describe('SageMakerTransforms.list', () => {
  it('describes and tags each transform once, then only the running ones', async () => {
    const region = FakeRegion.with(5, 2);
    region.install();
    const transforms = backend();

    const first = await transforms.list();
    expect(region.calls).toEqual({ ListTransformJobs: 1, DescribeTransformJob: 5, ListTags: 5 });
    expect(first.map(t => t.name)).toEqual(['tr-0000', 'tr-0001', 'tr-0002', 'tr-0003', 'tr-0004']);
    expect(first[0]).toMatchObject({
      target: 'sagemaker',
      status: 'InProgress',
      modelName: 'tr-0000-model',
      jobName: 'job-of-tr-0000',
      notebookPath: 'work/reviews.ipynb',
      cellId: 'cell-7',
      input: 's3://b/in/',
      output: 's3://b/tr-0000',
      contentType: 'text/csv',
      splitType: 'Line',
      instanceType: 'ml.m5.large',
      instanceCount: 1
    });

    region.calls = {};
    region.described = [];
    await transforms.list();
    expect(region.calls).toEqual({ ListTransformJobs: 1, DescribeTransformJob: 2 });
    expect(region.described.sort()).toEqual(['tr-0000', 'tr-0001']);

    region.transforms[0].status = 'Completed';
    await transforms.list();
    region.calls = {};
    region.described = [];
    const third = await transforms.list();
    expect(region.calls).toEqual({ ListTransformJobs: 1, DescribeTransformJob: 1 });
    expect(region.described).toEqual(['tr-0001']);
    expect(third[0].status).toBe('Completed');
  });

  it('walks older pages every other cycle, describing a few new ones each cycle', async () => {
    const region = FakeRegion.with(250);
    region.install();
    const transforms = backend();
    const sizes: number[] = [];
    for (let cycle = 0; cycle < 6; cycle++) {
      region.calls = {};
      sizes.push((await transforms.list()).length);
      expect(region.calls.ListTransformJobs).toBe(1);
      expect(region.calls.DescribeTransformJob ?? 0).toBeLessThanOrEqual(
        SageMakerTransforms.FIRST_LOOKS_PER_CYCLE
      );
    }
    // newest, older, newest, oldest, newest, newest (the history is read)
    expect(sizes).toEqual([100, 200, 200, 250, 250, 250]);
  });

  it('forgets a transform gone from the newest page', async () => {
    const region = FakeRegion.with(3);
    region.install();
    const transforms = backend();
    await transforms.list();
    region.transforms.splice(1, 1);
    expect((await transforms.list()).map(t => t.name)).toEqual(['tr-0000', 'tr-0002']);
  });

  it('rejects a throttled cycle, keeping what it read', async () => {
    const region = FakeRegion.with(3, 1);
    region.install();
    const transforms = backend();
    region.throttle = 'ListTags';
    await expect(transforms.list()).rejects.toThrow(/Rate exceeded|throttl/i);
    region.throttle = null;
    region.calls = {};
    const jobs = await transforms.list();
    expect(region.calls).toEqual({ ListTransformJobs: 1, DescribeTransformJob: 1, ListTags: 3 });
    expect(jobs.map(t => t.jobName)).toEqual(['job-of-tr-0000', 'job-of-tr-0001', 'job-of-tr-0002']);
  });
});

describe('SageMakerTransforms.stop', () => {
  it('stops an InProgress transform, which then reads Stopping', async () => {
    const region = FakeRegion.with(2, 1);
    region.install();
    const transforms = backend();
    await transforms.stop('tr-0000');
    expect(sagemakerMock.commandCalls(StopTransformJobCommand)[0].args[0].input).toEqual({
      TransformJobName: 'tr-0000'
    });
    expect((await transforms.describe('tr-0000')).status).toBe('Stopping');
  });

  it('refuses a finished or stopping transform, saying why, without calling Stop', async () => {
    const region = FakeRegion.with(2, 1);
    region.install();
    const transforms = backend();
    await expect(transforms.stop('tr-0001')).rejects.toThrow(
      'Transform job tr-0001 is Completed already: only an InProgress transform can be stopped.'
    );
    region.transforms[0].status = 'Stopping';
    await expect(transforms.stop('tr-0000')).rejects.toThrow(/already stopping: wait until it is Stopped/);
    expect(region.calls.StopTransformJob).toBeUndefined();
  });

  it('names an unknown transform', async () => {
    FakeRegion.with(1).install();
    await expect(backend().stop('nope')).rejects.toThrow(
      /There is no transform job named "nope" in us-east-1: check its name and region/
    );
  });
});

describe('SageMakerTransforms.start', () => {
  it('refuses a local job and a session without role or bucket, saying what to do', async () => {
    FakeRegion.with(0).install();
    const job: ITrainingJob = {
      name: 'j',
      hyperparameters: {},
      target: 'local',
      status: 'Completed',
      creationTime: new Date(0),
      transitions: [],
      finalMetrics: [],
      metricDefinitions: []
    };
    const request = { input: 's3://b/in/', contentType: 'text/csv', splitType: 'Line' as const };
    await expect(backend().start(job, request)).rejects.toThrow(/ran locally: run its batch transform locally/);
    const clients = createAwsClients({ region: 'us-east-1' });
    const bare = new SageMakerTransforms({ sagemaker: clients.sagemaker, logs: clients.logs, region: 'us-east-1' });
    await expect(bare.start({ ...job, target: 'sagemaker' }, request)).rejects.toThrow(
      /needs an execution role and a bucket: set them in Settings/
    );
  });
});

describe('SageMakerTransforms.start on an endpoint’s model', () => {
  it('runs the existing model: no CreateModel, the job named after its image, tagged with the job', async () => {
    sagemakerMock.reset();
    sagemakerMock.on(DescribeModelCommand).resolves({
      ModelName: 'reviews-ep-model',
      PrimaryContainer: {
        Image: '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3'
      }
    });
    sagemakerMock.on(CreateTransformJobCommand).resolves({ TransformJobArn: arn('t') });
    const job: ITrainingJob = {
      name: 'reviews-sm',
      hyperparameters: {},
      target: 'sagemaker',
      status: 'Completed',
      creationTime: new Date(0),
      transitions: [],
      finalMetrics: [],
      metricDefinitions: [],
      notebookPath: 'examples/nb.ipynb',
      cellId: 'c1'
    };
    const started = await backend().start(job, {
      input: 's3://my-bucket/in/',
      contentType: 'text/csv',
      splitType: 'Line',
      instanceType: 'ml.m5.large',
      instanceCount: 1,
      modelName: 'reviews-ep-model'
    });
    expect(sagemakerMock.commandCalls(CreateModelCommand)).toHaveLength(0);
    const sent = sagemakerMock.commandCalls(CreateTransformJobCommand)[0].args[0].input;
    expect(sent.ModelName).toBe('reviews-ep-model');
    expect(sent.TransformJobName).toMatch(/^sagemaker-scikit-learn-\d{4}-/);
    expect(sent.Tags).toContainEqual({ Key: JOB_TAG, Value: 'reviews-sm' });
    expect(started).toMatchObject({ modelName: 'reviews-ep-model', status: 'InProgress', target: 'sagemaker' });
  });
});

describe('SageMakerTransforms logs', () => {
  it('reads the instances and data-log streams of /aws/sagemaker/TransformJobs', async () => {
    logsMock.reset();
    logsMock.on(DescribeLogStreamsCommand).resolves({
      logStreams: [
        { logStreamName: 'tr-1/i-0b2-1700000000/data-log' },
        { logStreamName: 'tr-1/i-0a1-1700000000' },
        { logStreamName: 'tr-1/i-0b2-1700000000' },
        { logStreamName: 'tr-1/i-0a1-1700000000/data-log' },
        { logStreamName: 'tr-1/odd/nested/stream' }
      ]
    });
    logsMock.on(GetLogEventsCommand).resolves({
      events: [{ timestamp: 5, message: 'model loaded' }],
      nextForwardToken: 'f/1'
    });
    const transforms = backend();
    expect(await transforms.logStreams('tr-1')).toEqual([
      { name: 'tr-1/i-0a1-1700000000', host: 'i-0a1-1700000000' },
      { name: 'tr-1/i-0a1-1700000000/data-log', host: 'i-0a1-1700000000 data-log' },
      { name: 'tr-1/i-0b2-1700000000', host: 'i-0b2-1700000000' },
      { name: 'tr-1/i-0b2-1700000000/data-log', host: 'i-0b2-1700000000 data-log' }
    ]);
    expect(logsMock.commandCalls(DescribeLogStreamsCommand)[0].args[0].input).toMatchObject({
      logGroupName: '/aws/sagemaker/TransformJobs',
      logStreamNamePrefix: 'tr-1/'
    });
    expect(await transforms.logs('tr-1', 'tr-1/i-0a1-1700000000/data-log')).toEqual({
      events: [{ timestamp: 5, message: 'model loaded' }],
      nextToken: 'f/1'
    });
    expect(logsMock.commandCalls(GetLogEventsCommand)[0].args[0].input).toMatchObject({
      logGroupName: '/aws/sagemaker/TransformJobs',
      logStreamName: 'tr-1/i-0a1-1700000000/data-log',
      startFromHead: true
    });
    await expect(transforms.logs('tr-1', 'tr-2/i-0a1')).rejects.toThrow('tr-2/i-0a1 is not a log stream of tr-1');
  });

  it('has no streams before the first transform of the account made the group', async () => {
    logsMock.reset();
    logsMock
      .on(DescribeLogStreamsCommand)
      .rejects(Object.assign(new Error('The specified log group does not exist.'), {
        name: 'ResourceNotFoundException'
      }));
    expect(await backend().logStreams('tr-1')).toEqual([]);
  });
});
