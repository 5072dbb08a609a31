/**
 * @jest-environment ./src/aws/__tests__/jsdomWithStreams.js
 */
import {
  DescribeModelCommand,
  DescribeTrainingJobCommand,
  DescribeTransformJobCommand,
  ListModelsCommand,
  ListTagsCommand,
  SageMakerClient
} from '@aws-sdk/client-sagemaker';
import { createDefaultBucket, getAwsConfig, setAwsConfig } from '../../api/awsConfig';
import { createAwsClients } from '../../aws/clients';
import { e2eServer } from '../../aws/__tests__/e2eServer';
import { ITransformChoices } from '../../endpoints/transformPlan';
import { IAwsClients, IAwsConfig, ITrainingJob } from '../../tokens';
import { notebookTags } from '../../training/notebookTags';
import { SageMakerBackend } from '../sagemaker';
import { jobFromDescription } from '../sagemakerJob';
import { describeTransform, fromDescription, ITransformTarget, startTransform } from '../sagemakerTransform';
import { spec } from './sagemakerFixtures';

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
  config = await setAwsConfig(
    { roleArn: 'arn:aws:iam::123456789012:role/SageMakerRole' },
    serverSettings
  );
  if (config.bucketStatus === 'missing') {
    await createDefaultBucket(serverSettings);
  }
  config = await getAwsConfig({ serverSettings });
  clients = createAwsClients({ region: config.region!, serverSettings });
  const trained = spec({
    jobName: `transform-src-${run}`,
    framework: 'sklearn',
    frameworkVersion: '1.2-1',
    pyVersion: 'py3',
    instanceType: 'ml.m5.xlarge',
    channels: {}
  });
  await new SageMakerBackend({ config, clients }).submit(trained);
  const desc = await clients.sagemaker.send(
    new DescribeTrainingJobCommand({ TrainingJobName: trained.jobName })
  );
  job = jobFromDescription(desc, notebookTags(trained.notebookPath, trained.cellId));
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

function choices(over: Partial<ITransformChoices> = {}): ITransformChoices {
  return {
    inputS3Uri: `s3://${config.bucket}/reviews/batch/`,
    contentType: 'text/csv',
    splitType: 'Line',
    instanceType: 'ml.m5.large',
    instanceCount: 2,
    ...over
  };
}

async function models(): Promise<string[]> {
  const moto = new SageMakerClient({
    region: config.region!,
    endpoint: MOTO_URL,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' }
  });
  const listed = await moto.send(new ListModelsCommand({ MaxResults: 100 }));
  return (listed.Models ?? []).map(m => m.ModelName!).sort();
}

describe('startTransform against moto through the proxy', () => {
  it('makes the model and the transform job, tagged with the job', async () => {
    const started = await startTransform(target(), { job }, choices());
    expect(started).toMatchObject({
      status: 'InProgress',
      modelName: expect.stringMatching(/^sagemaker-scikit-learn-\d{4}(-\d\d){5}-\d{3}$/),
      outputS3Uri: `s3://${config.bucket}/${started.name}`,
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
      DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: choices().inputS3Uri } },
      ContentType: 'text/csv',
      SplitType: 'Line'
    });
    const tags = await clients.sagemaker.send(new ListTagsCommand({ ResourceArn: started.arn }));
    expect(tags.Tags).toContainEqual({ Key: 'sagemaker-nlp:job', Value: job.name });
  });

  it('describes status and output location', async () => {
    const output = `s3://${config.bucket}/reviews/out`;
    const started = await startTransform(target(), { job }, choices({ outputS3Uri: output }));
    const described = await describeTransform(clients.sagemaker, config.region!, started.name);
    expect(described).toMatchObject({
      name: started.name,
      arn: started.arn,
      // moto completes a transform at once.
      status: 'Completed',
      modelName: started.modelName,
      inputS3Uri: choices().inputS3Uri,
      outputS3Uri: output,
      instanceType: 'ml.m5.large',
      instanceCount: 2
    });
    expect(described.failureReason).toBeUndefined();
  });

  it('runs on an existing model, named after its image, making no model', async () => {
    const first = await startTransform(target(), { job }, choices());
    const before = await models();
    const again = await startTransform(target(), { modelName: first.modelName }, choices());
    expect(again.modelName).toBe(first.modelName);
    expect(again.name).toMatch(/^sagemaker-scikit-learn-/);
    expect(again.name).not.toBe(first.name);
    expect(await models()).toEqual(before);
  });

  it('deletes the model when the transform is refused, and explains the quota', async () => {
    const failing = createAwsClients({ region: config.region!, serverSettings });
    failing.sagemaker.middlewareStack.add(
      (next, context) => async args => {
        if (context.commandName === 'CreateTransformJobCommand') {
          throw Object.assign(new Error('The account-level service limit is 0 Instances'), {
            name: 'ResourceLimitExceeded'
          });
        }
        return next(args);
      },
      { step: 'initialize', name: 'quotaReached' }
    );
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
      startTransform(target(), { job }, choices({ inputS3Uri: 'reviews/batch', instanceCount: 0 }))
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
      arn: 'arn:aws:sagemaker:us-east-1:1:transform-job/t',
      status: 'Failed',
      failureReason: 'ClientError: no model_fn',
      modelName: 'm',
      creationTime: new Date(0)
    });
  });
});
