/**
 * @jest-environment ./src/aws/__tests__/jsdomWithStreams.js
 */
import {
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  DescribeModelCommand,
  ListEndpointConfigsCommand,
  ListTagsCommand,
  ListModelsCommand,
  SageMakerClient
} from '@aws-sdk/client-sagemaker';
import { GetObjectCommand, HeadObjectCommand } from '@aws-sdk/client-s3';
import { unpackTar } from 'modern-tar';
import { createAwsClients } from '../../aws/clients';
import { e2eServer } from '../../aws/__tests__/e2eServer';
import { IAwsClients, IAwsConfig, IDeployChoices, ITrainingJob } from '../../tokens';
import { deployJob, IDeployTarget } from '../sagemakerDeploy';
import {
  completedJob,
  configuredAws,
  motoDirect,
  objectExists,
  putModel,
  quotaReached,
  refuse,
  SKLEARN_JOB
} from './motoSeed';

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
  ({ config, clients } = await configuredAws(serverSettings));
  job = await completedJob({ config, clients }, { jobName: `deploy-src-${run}`, ...SKLEARN_JOB });
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

const moto = () => new SageMakerClient(motoDirect(config.region!, MOTO_URL));

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

const exists = (key: string) => objectExists(clients.s3, config.bucket!, key);

/** The time in the names the deploy gives its model and uploads. */
const stamp = (now: Date) => now.toISOString().replace(/[-T:.]/g, '-').replace(/Z$/, '');

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
    refuse(failing.sagemaker, 'CreateEndpointCommand', quotaReached);
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
    expect(await exists(`sagemaker-scikit-learn-${stamp(now)}/sourcedir.tar.gz`)).toBe(false);
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
    const hf = await completedJob(
      { config, clients },
      {
        jobName: `deploy-hf-${run}`,
        framework: 'huggingface',
        frameworkVersion: '4.48.0',
        baseFrameworkVersion: 'pytorch2.3.0',
        pyVersion: 'py311',
        instanceType: 'ml.g5.xlarge',
        channels: {}
      }
    );
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

  describe('a PyTorch job, its model repacked with the inference script', () => {
    let torch: ITrainingJob;
    const script = { path: 'inference.py', content: 'def model_fn(model_dir):\n    return "torch"\n' };

    beforeAll(async () => {
      torch = await completedJob(
        { config, clients },
        { jobName: `deploy-torch-${run}`, frameworkVersion: '2.3.0', pyVersion: 'py311', channels: {} }
      );
      // moto completes the job without a model: the one training would have saved.
      const [, bucket, key] = /^s3:\/\/([^/]+)\/(.+)$/.exec(torch.modelArtifact!)!;
      await putModel(clients.s3, bucket, key, [
        { name: 'model.pth', body: 'weights' },
        { name: 'code/inference.py', body: 'old()' }
      ]);
    });

    /** The files of the model.tar.gz at this URI, by name. */
    async function modelFiles(uri: string): Promise<Record<string, string>> {
      const [, bucket, key] = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri)!;
      const answer = await clients.s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      const tar = await new Response(
        new Response((await answer.Body!.transformToByteArray()) as BodyInit).body!.pipeThrough(
          new DecompressionStream('gzip')
        )
      ).arrayBuffer();
      const files: Record<string, string> = {};
      for (const entry of await unpackTar(new Uint8Array(tar))) {
        if (entry.header.type === 'file') {
          files[entry.header.name] = new TextDecoder().decode(entry.data);
        }
      }
      return files;
    }

    it('refuses it without a script, naming the fix', async () => {
      await expect(deployJob(target(), torch, realtime(`torch-bare-${run}`))).rejects.toThrow(
        /A PyTorch model needs an inference script that defines model_fn.*choose one under "inference script"/
      );
    });

    it('deploys it end to end: the repacked model serves the script from code/', async () => {
      const name = `torch-${run}`;
      const now = new Date(run);
      const endpoint = await deployJob(target({ now }), torch, {
        ...realtime(name),
        instanceType: 'ml.g4dn.xlarge',
        inferenceScript: script
      });
      expect(endpoint).toMatchObject({ name, status: 'Creating', framework: 'pytorch' });
      const endpointConfig = await clients.sagemaker.send(
        new DescribeEndpointConfigCommand({ EndpointConfigName: name })
      );
      const modelName = endpointConfig.ProductionVariants![0].ModelName!;
      expect(modelName).toMatch(/^pytorch-training-\d{4}(-\d\d){5}-\d{3}$/);
      const model = await clients.sagemaker.send(new DescribeModelCommand({ ModelName: modelName }));
      expect(model.PrimaryContainer).toMatchObject({
        Image: '763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-inference:2.3.0-gpu-py311',
        ModelDataUrl: `s3://${config.bucket}/${modelName}/model.tar.gz`,
        Environment: {
          SAGEMAKER_PROGRAM: 'inference.py',
          SAGEMAKER_SUBMIT_DIRECTORY: '/opt/ml/model/code',
          SAGEMAKER_REGION: config.region
        }
      });
      expect(await modelFiles(model.PrimaryContainer!.ModelDataUrl!)).toEqual({
        'model.pth': 'weights',
        'code/inference.py': script.content
      });
      // The job's own model is left as it was.
      expect(await modelFiles(torch.modelArtifact!)).toEqual({
        'model.pth': 'weights',
        'code/inference.py': 'old()'
      });
    });

    it('leaves nothing, the repacked model included, when CreateEndpoint fails', async () => {
      const failing = createAwsClients({ region: config.region!, serverSettings });
      refuse(failing.sagemaker, 'CreateEndpointCommand', quotaReached);
      const before = await leftovers();
      const now = new Date(run + 1);
      await expect(
        deployJob(target({ sagemaker: failing.sagemaker, now }), torch, {
          ...realtime(`torch-quota-${run}`),
          inferenceScript: script
        })
      ).rejects.toThrow(/quota for endpoints is reached/);
      expect(await leftovers()).toEqual(before);
      expect(await exists(`pytorch-training-${stamp(now)}/model.tar.gz`)).toBe(false);
    });

    it('creates nothing when the model cannot be repacked', async () => {
      const before = await leftovers();
      await expect(
        deployJob(target(), { ...torch, modelArtifact: `s3://${config.bucket}/gone-${run}/model.tar.gz` }, {
          ...realtime(`torch-gone-${run}`),
          inferenceScript: script
        })
      ).rejects.toThrow(/is not in S3 any more .*train the job again/);
      expect(await leftovers()).toEqual(before);
    });
  });

  it('refuses a job that is not Completed before calling AWS', async () => {
    await expect(
      deployJob(target(), { ...job, status: 'InProgress' }, realtime(`early-${run}`))
    ).rejects.toThrow(/only a Completed job has a model to deploy/);
  });
});
