/**
 * @jest-environment ./src/aws/__tests__/jsdomWithStreams.js
 */
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  PutLogEventsCommand
} from '@aws-sdk/client-cloudwatch-logs';
import {
  DescribeModelCommand,
  DescribeTransformJobCommand,
  ListModelsCommand,
  ListTagsCommand,
  SageMakerClient
} from '@aws-sdk/client-sagemaker';
import { createAwsClients } from '../../aws/clients';
import { e2eServer } from '../../aws/__tests__/e2eServer';
import { IAwsClients, IAwsConfig, ITrainingJob, ITransformRequest } from '../../tokens';
import { describeTransform, fromDescription, ITransformTarget, startTransform } from '../sagemakerTransform';
import { SageMakerTransforms } from '../sagemakerTransforms';
import {
  completedJob,
  configuredAws,
  motoDirect,
  quotaReached,
  refuse,
  SKLEARN_JOB
} from './motoSeed';

/**
 * Batch transforms through the real Jupyter server's signing proxy to moto
 * (scripts/aws-stack.sh): a scikit-learn job trained there (moto completes
 * it at once) gets a model and a transform job; a refused transform leaves
 * no model behind. ListModels (not allowed by the proxy) is asked of moto directly.
 */
const { serverSettings, motoUrl: MOTO_URL } = e2eServer();

let config: IAwsConfig;
let clients: IAwsClients;
let job: ITrainingJob;
const run = Date.now();
let tick = 0;

beforeAll(async () => {
  ({ config, clients } = await configuredAws(serverSettings));
  job = await completedJob({ config, clients }, { jobName: `transform-src-${run}`, ...SKLEARN_JOB });
});

/** Each call its own clock (a millisecond apart), so model and job names never collide. */
function target(over: Partial<ITransformTarget> = {}): ITransformTarget {
  return {
    sagemaker: clients.sagemaker,
    region: config.region!,
    roleArn: config.roleArn!,
    bucket: config.bucket!,
    now: new Date(run + tick++),
    ...over
  };
}

function choices(over: Partial<ITransformRequest> = {}): ITransformRequest {
  return {
    input: `s3://${config.bucket}/reviews/batch/`,
    contentType: 'text/csv',
    splitType: 'Line',
    instanceType: 'ml.m5.large',
    instanceCount: 2,
    ...over
  };
}

async function models(): Promise<string[]> {
  const moto = new SageMakerClient(motoDirect(config.region!, MOTO_URL));
  const listed = await moto.send(new ListModelsCommand({ MaxResults: 100 }));
  return (listed.Models ?? []).map(m => m.ModelName!).sort();
}

describe('startTransform against moto through the proxy', () => {
  it('makes the model and the transform job, tagged with the job', async () => {
    const started = await startTransform(target(), { job }, choices());
    expect(started).toMatchObject({
      status: 'InProgress',
      modelName: expect.stringMatching(/^sagemaker-scikit-learn-\d{4}(-\d\d){5}-\d{3}$/),
      target: 'sagemaker',
      jobName: job.name,
      notebookPath: job.notebookPath,
      cellId: job.cellId,
      output: `s3://${config.bucket}/${started.name}`,
      instanceCount: 2
    });
    const model = await clients.sagemaker.send(
      new DescribeModelCommand({ ModelName: started.modelName })
    );
    expect(model.PrimaryContainer).toMatchObject({
      Image: '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3',
      ModelDataUrl: job.modelArtifact,
      Environment: { SAGEMAKER_PROGRAM: 'train.py' }
    });
    const described = await clients.sagemaker.send(
      new DescribeTransformJobCommand({ TransformJobName: started.name })
    );
    expect(described.TransformJobArn).toBe(started.arn);
    expect(described.TransformInput).toMatchObject({
      DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: choices().input } },
      ContentType: 'text/csv',
      SplitType: 'Line'
    });
    const tags = await clients.sagemaker.send(new ListTagsCommand({ ResourceArn: started.arn }));
    expect(tags.Tags).toContainEqual({ Key: 'sagemaker-nlp:job', Value: job.name });
  });

  it('describes status and output location', async () => {
    const output = `s3://${config.bucket}/reviews/out`;
    const started = await startTransform(target(), { job }, choices({ output, accept: 'text/csv' }));
    const described = await describeTransform(clients.sagemaker, config.region!, started.name);
    expect(described).toMatchObject({
      name: started.name,
      arn: started.arn,
      // moto completes a transform at once.
      status: 'Completed',
      modelName: started.modelName,
      input: choices().input,
      output,
      contentType: 'text/csv',
      splitType: 'Line',
      instanceType: 'ml.m5.large',
      instanceCount: 2
    });
    expect(described.failureReason).toBeUndefined();
    const raw = await clients.sagemaker.send(
      new DescribeTransformJobCommand({ TransformJobName: started.name })
    );
    expect(raw.TransformOutput).toMatchObject({ S3OutputPath: output, Accept: 'text/csv' });
  });

  it('runs on an existing model, named after its image, making no model', async () => {
    const first = await startTransform(target(), { job }, choices());
    const before = await models();
    const again = await startTransform(target(), { modelName: first.modelName! }, choices());
    expect(again.modelName).toBe(first.modelName);
    expect(again.name).toMatch(/^sagemaker-scikit-learn-/);
    expect(again.name).not.toBe(first.name);
    expect(await models()).toEqual(before);
  });

  it('deletes the model when the transform is refused, and explains the quota', async () => {
    const failing = createAwsClients({ region: config.region!, serverSettings });
    refuse(failing.sagemaker, 'CreateTransformJobCommand', quotaReached);
    const before = await models();
    await expect(
      startTransform(target({ sagemaker: failing.sagemaker }), { job }, choices())
    ).rejects.toThrow(
      /quota for batch transform is reached .*Service Quotas \(Amazon SageMaker → "ml\.m5\.large for transform job usage"\)/
    );
    expect(await models()).toEqual(before);
  });

  it('refuses bad choices before calling AWS', async () => {
    const before = await models();
    await expect(
      startTransform(target(), { job }, choices({ input: 'reviews/batch', instanceCount: 0 }))
    ).rejects.toThrow(/is not an S3 URI: write it as s3:\/\/<bucket>\/<prefix>[\s\S]*1 or more/);
    expect(await models()).toEqual(before);
  });

  it('explains an unknown transform job', async () => {
    await expect(
      describeTransform(clients.sagemaker, config.region!, `missing-${run}`)
    ).rejects.toThrow(
      `There is no transform job named "missing-${run}" in ${config.region}: check its name and region`
    );
  });
});

describe('SageMakerTransforms against moto through the proxy', () => {
  function counted(): { transforms: SageMakerTransforms; calls: string[] } {
    const calls: string[] = [];
    const own = createAwsClients({ region: config.region!, serverSettings });
    own.sagemaker.middlewareStack.add(
      (next, context) => async args => {
        calls.push((context.commandName ?? '').replace(/Command$/, ''));
        return next(args);
      },
      { step: 'initialize', name: 'countCalls' }
    );
    const transforms = new SageMakerTransforms({
      sagemaker: own.sagemaker,
      logs: own.logs,
      region: config.region!,
      roleArn: config.roleArn,
      bucket: config.bucket,
      now: () => new Date(run + tick++)
    });
    return { transforms, calls };
  }

  it('starts, lists with the tags read once, describes; a finished one is not described again', async () => {
    const { transforms, calls } = counted();
    const started = await transforms.start(job, choices({ instanceCount: 1 }));
    const other = await startTransform(target(), { job }, choices());
    calls.length = 0;
    const listed = await transforms.list();
    const mine = listed.find(t => t.name === started.name)!;
    expect(mine).toMatchObject({
      target: 'sagemaker',
      status: 'Completed',
      modelName: started.modelName,
      jobName: job.name,
      notebookPath: job.notebookPath,
      cellId: job.cellId,
      input: choices().input,
      instanceCount: 1
    });
    expect(listed.find(t => t.name === other.name)).toMatchObject({ jobName: job.name });
    const names = listed.map(t => t.name);
    expect(names.indexOf(other.name)).toBeLessThan(names.indexOf(started.name)); // newest first
    expect(calls.filter(c => c === 'ListTransformJobs')).toHaveLength(1);
    // The one it started has its tags already. (moto answers ListTags of an untagged
    // transform with a 500: that one is then shown without links.)
    expect(calls.filter(c => c === 'ListTags').length).toBe(
      Math.min(listed.length - 1, SageMakerTransforms.TAG_READS_PER_CYCLE)
    );

    calls.length = 0;
    await transforms.list();
    const secondDescribes = calls.filter(c => c === 'DescribeTransformJob').length;
    expect(calls[0]).toBe('ListTransformJobs');
    // moto completes transforms at once: only never-described ones, if the first cycle left any.
    expect(secondDescribes).toBe(Math.max(0, listed.length - SageMakerTransforms.FIRST_LOOKS_PER_CYCLE));

    const described = await transforms.describe(started.name);
    expect(described).toMatchObject({ name: started.name, status: 'Completed', jobName: job.name });
    await expect(transforms.stop(started.name)).rejects.toThrow(
      `Transform job ${started.name} is Completed already: only an InProgress transform can be stopped.`
    );
  });

  it('reads the log streams SageMaker writes to /aws/sagemaker/TransformJobs', async () => {
    const { transforms } = counted();
    const started = await transforms.start(job, choices());
    const moto = new CloudWatchLogsClient(motoDirect(config.region!, MOTO_URL));
    const group = '/aws/sagemaker/TransformJobs';
    await moto.send(new CreateLogGroupCommand({ logGroupName: group })).catch(error => {
      if (error.name !== 'ResourceAlreadyExistsException') {
        throw error;
      }
    });
    const instance = `${started.name}/i-0123456789abcdef0-1764237600`;
    for (const [stream, message] of [
      [instance, 'Starting the inference server'],
      [`${instance}/data-log`, 'reviews.csv: ClientError: 400']
    ]) {
      await moto.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: stream }));
      await moto.send(
        new PutLogEventsCommand({
          logGroupName: group,
          logStreamName: stream,
          logEvents: [{ timestamp: Date.now(), message }]
        })
      );
    }
    const streams = await transforms.logStreams(started.name);
    expect(streams).toEqual([
      { name: instance, host: 'i-0123456789abcdef0-1764237600' },
      { name: `${instance}/data-log`, host: 'i-0123456789abcdef0-1764237600 data-log' }
    ]);
    const page = await transforms.logs(started.name, streams[1].name);
    expect(page.events.map(e => e.message)).toEqual(['reviews.csv: ClientError: 400']);
    expect((await transforms.logs(started.name, streams[1].name, page.nextToken)).events).toEqual([]);
  });
});

describe('fromDescription', () => {
  it('maps a failed job with its reason', () => {
    expect(
      fromDescription({
        TransformJobName: 't',
        TransformJobArn: 'arn:aws:sagemaker:us-east-1:1:transform-job/t',
        TransformJobStatus: 'Failed',
        FailureReason: 'ClientError: no model_fn',
        ModelName: 'm',
        TransformInput: undefined,
        TransformResources: undefined,
        CreationTime: new Date(0),
        $metadata: {}
      })
    ).toEqual({
      name: 't',
      target: 'sagemaker',
      arn: 'arn:aws:sagemaker:us-east-1:1:transform-job/t',
      status: 'Failed',
      failureReason: 'ClientError: no model_fn',
      modelName: 'm',
      creationTime: new Date(0)
    });
  });
});
