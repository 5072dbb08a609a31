/**
 * @jest-environment ./src/aws/__tests__/jsdomWithStreams.js
 */
import {
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  DescribeModelCommand,
  DescribeTrainingJobCommand,
  ListEndpointConfigsCommand,
  ListTagsCommand,
  ListModelsCommand,
  SageMakerClient
} from '@aws-sdk/client-sagemaker';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { createDefaultBucket, getAwsConfig, setAwsConfig } from '../../api/awsConfig';
import { createAwsClients } from '../../aws/clients';
import { e2eServer } from '../../aws/__tests__/e2eServer';
import { IAwsClients, IAwsConfig, IDeployChoices, ITrainingJob } from '../../tokens';
import { notebookTags } from '../../training/notebookTags';
import { SageMakerBackend } from '../sagemaker';
import { deployJob, IDeployTarget } from '../sagemakerDeploy';
import { spec } from './sagemakerFixtures';
import { jobFromDescription } from '../sagemakerJob';

/**
 * Deploys through the real Jupyter server's signing proxy to moto
 * (scripts/aws-stack.sh): a scikit-learn job trained there (moto completes
 * it at once) becomes a model, an endpoint config and an endpoint; a step
 * that fails leaves none of the earlier ones. What the proxy does not allow
 * (ListModels, ListEndpointConfigs) is checked on moto directly.
 */
const { serverSettings, motoUrl: MOTO_URL } = e2eServer();

let config: IAwsConfig;
let clients: IAwsClients;
let job: ITrainingJob;
const run = Date.now();

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
    jobName: `deploy-src-${run}`,
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

function target(over: Partial<IDeployTarget> = {}): IDeployTarget {
  return {
    sagemaker: clients.sagemaker,
    s3: clients.s3,
    region: config.region!,
    roleArn: config.roleArn!,
    bucket: config.bucket!,
    account: config.account,
    ...over
  };
}

const moto = () =>
  new SageMakerClient({
    region: config.region!,
    endpoint: MOTO_URL,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' }
  });

/** Every model and endpoint config moto holds, by name. */
async function leftovers(): Promise<{ models: string[]; configs: string[] }> {
  const client = moto();
  const models = await client.send(new ListModelsCommand({ MaxResults: 100 }));
  const configs = await client.send(new ListEndpointConfigsCommand({ MaxResults: 100 }));
  return {
    models: (models.Models ?? []).map(m => m.ModelName!),
    configs: (configs.EndpointConfigs ?? []).map(c => c.EndpointConfigName!)
  };
}

function realtime(endpointName: string): IDeployChoices {
  return { endpointName, mode: 'realtime', instanceType: 'ml.m5.large', instanceCount: 1 };
}

describe('deployJob against moto through the proxy', () => {
  it('seeded a completed scikit-learn job with a model', () => {
    expect(job.status).toBe('Completed');
    expect(job.modelArtifact).toMatch(/^s3:\/\/.*\/model\.tar\.gz$/);
  });

  it('makes the model, config and endpoint, tagged with the job', async () => {
    const name = `reviews-${run}`;
    const endpoint = await deployJob(target(), job, realtime(name));
    expect(endpoint).toMatchObject({
      name,
      status: 'Creating',
      jobName: job.name,
      cellId: 'cell-1',
      variants: [{ name: 'AllTraffic', instanceType: 'ml.m5.large', instanceCount: 1 }]
    });
    const described = await clients.sagemaker.send(
      new DescribeEndpointCommand({ EndpointName: name })
    );
    expect(described.EndpointArn).toBe(endpoint.arn);
    expect(described.EndpointConfigName).toBe(name);
    const tags = await clients.sagemaker.send(new ListTagsCommand({ ResourceArn: endpoint.arn }));
    expect(tags.Tags).toEqual([
      // Escaped as on the training job (notebookTags): SageMaker refuses parentheses.
      { Key: 'sagemaker-nlp:notebook', Value: 'work/Sentiment @28v2@29.ipynb' },
      { Key: 'sagemaker-nlp:cell', Value: 'cell-1' },
      { Key: 'sagemaker-nlp:job', Value: job.name }
    ]);
    const endpointConfig = await clients.sagemaker.send(
      new DescribeEndpointConfigCommand({ EndpointConfigName: name })
    );
    const modelName = endpointConfig.ProductionVariants![0].ModelName!;
    expect(modelName).toMatch(/^sagemaker-scikit-learn-\d{4}(-\d\d){5}-\d{3}$/);
    const model = await clients.sagemaker.send(new DescribeModelCommand({ ModelName: modelName }));
    expect(model.PrimaryContainer).toMatchObject({
      Image: '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3',
      ModelDataUrl: job.modelArtifact,
      Environment: { SAGEMAKER_PROGRAM: 'train.py' }
    });
  });

  it('uploads an inference script and serves it', async () => {
    const name = `script-${run}`;
    const script = { path: 'inference.py', content: 'def model_fn(model_dir):\n    return None\n' };
    await deployJob(target(), job, { ...realtime(name), inferenceScript: script });
    const endpointConfig = await clients.sagemaker.send(
      new DescribeEndpointConfigCommand({ EndpointConfigName: name })
    );
    const model = await clients.sagemaker.send(
      new DescribeModelCommand({ ModelName: endpointConfig.ProductionVariants![0].ModelName })
    );
    const env = model.PrimaryContainer!.Environment!;
    expect(env.SAGEMAKER_PROGRAM).toBe('inference.py');
    const [, bucket, key] = /^s3:\/\/([^/]+)\/(.+)$/.exec(env.SAGEMAKER_SUBMIT_DIRECTORY!)!;
    const head = await clients.s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    expect(head.ContentLength).toBeGreaterThan(0);
  });

  it('leaves nothing when CreateEndpointConfig fails (an instance type moto refuses)', async () => {
    const before = await leftovers();
    // moto's list of hosting instance types is older than SageMaker's: it refuses ml.m6i.
    await expect(
      deployJob(target(), job, { ...realtime(`refused-${run}`), instanceType: 'ml.m6i.large' })
    ).rejects.toThrow(/AWS refused sagemaker:CreateEndpointConfig/);
    expect(await leftovers()).toEqual(before);
  });

  it('leaves nothing when CreateEndpoint fails, and explains the quota', async () => {
    // moto creates endpoints without limit: the quota error is injected on the wire.
    const failing = createAwsClients({ region: config.region!, serverSettings });
    failing.sagemaker.middlewareStack.add(
      (next, context) => async args => {
        if (context.commandName === 'CreateEndpointCommand') {
          throw Object.assign(new Error('The account-level service limit is 0 Instances'), {
            name: 'ResourceLimitExceeded'
          });
        }
        return next(args);
      },
      { step: 'initialize', name: 'quotaReached' }
    );
    const before = await leftovers();
    const now = new Date(run);
    const script = { path: 'inference.py', content: 'def model_fn(model_dir):\n    return None\n' };
    await expect(
      deployJob(target({ sagemaker: failing.sagemaker, now }), job, {
        ...realtime(`quota-${run}`),
        inferenceScript: script
      })
    ).rejects.toThrow(
      /quota for endpoints is reached .*Service Quotas \(Amazon SageMaker → "ml\.m5\.large for endpoint usage"\)/
    );
    expect(await leftovers()).toEqual(before);
    // The uploaded script went too.
    const stamp = now.toISOString().replace(/[-T:.]/g, '-').replace(/Z$/, '');
    await expect(
      clients.s3.send(
        new HeadObjectCommand({
          Bucket: config.bucket!,
          Key: `sagemaker-scikit-learn-${stamp}/sourcedir.tar.gz`
        })
      )
    ).rejects.toMatchObject({ name: 'NotFound' });
  });

  it('refuses a name an endpoint already has, making nothing', async () => {
    const name = `taken-${run}`;
    await deployJob(target(), job, realtime(name));
    const before = await leftovers();
    await expect(deployJob(target(), job, realtime(name))).rejects.toThrow(
      `An endpoint named "${name}" already exists: choose another endpoint name, or delete the old endpoint first.`
    );
    expect(await leftovers()).toEqual(before);
  });

  it('deploys a Hugging Face job serverless, on the CPU image, with its task', async () => {
    const trained = spec({
      jobName: `deploy-hf-${run}`,
      framework: 'huggingface',
      frameworkVersion: '4.48.0',
      baseFrameworkVersion: 'pytorch2.3.0',
      pyVersion: 'py311',
      instanceType: 'ml.g5.xlarge',
      channels: {}
    });
    await new SageMakerBackend({ config, clients }).submit(trained);
    const desc = await clients.sagemaker.send(
      new DescribeTrainingJobCommand({ TrainingJobName: trained.jobName })
    );
    const hf = jobFromDescription(desc, notebookTags(trained.notebookPath, trained.cellId));
    const name = `bert-${run}`;
    const endpoint = await deployJob(target(), hf, {
      endpointName: name,
      mode: 'serverless',
      memorySizeInMB: 3072,
      maxConcurrency: 10,
      hfTask: 'text-classification'
    });
    expect(endpoint.variants).toEqual([
      { name: 'AllTraffic', serverless: { memorySizeInMB: 3072, maxConcurrency: 10 } }
    ]);
    const endpointConfig = await clients.sagemaker.send(
      new DescribeEndpointConfigCommand({ EndpointConfigName: name })
    );
    expect(endpointConfig.ProductionVariants![0].ServerlessConfig).toEqual({
      MemorySizeInMB: 3072,
      MaxConcurrency: 10
    });
    const model = await clients.sagemaker.send(
      new DescribeModelCommand({ ModelName: endpointConfig.ProductionVariants![0].ModelName })
    );
    expect(model.PrimaryContainer).toMatchObject({
      Image:
        '763104351884.dkr.ecr.us-east-1.amazonaws.com/huggingface-pytorch-inference:2.3.0-transformers4.48.0-cpu-py311-ubuntu22.04',
      Environment: { HF_TASK: 'text-classification', SAGEMAKER_PROGRAM: '' }
    });
  });

  it('refuses a job that is not Completed before calling AWS', async () => {
    await expect(
      deployJob(target(), { ...job, status: 'InProgress' }, realtime(`early-${run}`))
    ).rejects.toThrow(/only a Completed job has a model to deploy/);
  });
});
