/**
 * What the local backend posts: the job's definition, the one a SageMaker
 * job's CreateTrainingJob request is built from, and what only a local run
 * needs (docs/local-api.md, "Job spec").
 */
import { ServerConnection } from '@jupyterlab/services';
import { Framework, ITrainingJobSpec } from '../../tokens';
import { ITrainChoices, specFromChoices } from '../../training/choices';
import { defaultMetricDefinitions } from '../../training/metricDefinitions';
import { buildCreateTrainingJobRequest } from '../../training/request';
import { defaultSageMakerChoices } from '../../training/sagemakerChoices';
import { sourceDirS3Uri } from '../../training/sagemakerOptions';
import { jobFromDescription, LocalAPI, LocalBackend } from '../local';

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

const SPEC: ITrainingJobSpec = {
  jobName: 'queued-job',
  target: 'local',
  framework: 'pytorch',
  frameworkVersion: '2.1',
  pyVersion: 'py310',
  entryPoint: 'train.py',
  sourceFiles: [{ path: 'train.py', content: 'print(1)' }],
  hyperparameters: { epochs: 3, lr: 0.001, C: 1, name: 'x' },
  floatHyperparameters: ['C'],
  channels: { train: 'data/train' },
  metricDefinitions: [{ Name: 'loss', Regex: 'loss=([0-9.]+)' }],
  instanceType: 'local',
  instanceCount: 1,
  notebookPath: 'my (copy).ipynb',
  cellId: 'c1',
  kernelName: 'python3'
};

/** Server settings whose fetch records each request and answers `answer`. */
function recorded(answer: LocalAPI.IJobDescription) {
  const bodies: string[] = [];
  const fetch = async (input: RequestInfo, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    expect(request.method).toBe('POST');
    expect(request.url).toMatch(/\/sagemaker-nlp\/local\/jobs(\?\d+)?$/);
    bodies.push(await request.text());
    return new Response(JSON.stringify(answer), {
      status: 201,
      headers: { 'Content-Type': 'application/json' }
    });
  };
  const settings = ServerConnection.makeSettings({
    baseUrl: 'http://localhost:8888/lab-base/',
    fetch
  });
  const posted = () => JSON.parse(bodies[bodies.length - 1]) as LocalAPI.IJobSubmission;
  return { settings, posted };
}

describe('LocalBackend.submit', () => {
  it('posts the job definition and what only a local run needs', async () => {
    const { settings, posted } = recorded(QUEUED);
    const job = await new LocalBackend({ serverSettings: settings }).submit(SPEC);
    expect(posted()).toEqual({
      definition: {
        TrainingJobName: 'queued-job',
        HyperParameters: {
          epochs: '3',
          lr: '0.001',
          C: '1.0',
          name: '"x"',
          sagemaker_program: '"train.py"',
          sagemaker_container_log_level: '20',
          sagemaker_job_name: '"queued-job"'
        },
        AlgorithmSpecification: {
          MetricDefinitions: [{ Name: 'loss', Regex: 'loss=([0-9.]+)' }]
        },
        InputDataConfig: [{ ChannelName: 'train' }],
        ResourceConfig: { InstanceCount: 1, InstanceType: 'local' },
        Tags: [
          { Key: 'sagemaker-nlp:notebook', Value: 'my @28copy@29.ipynb' },
          { Key: 'sagemaker-nlp:cell', Value: 'c1' }
        ]
      },
      framework: 'pytorch',
      frameworkVersion: '2.1',
      pyVersion: 'py310',
      sourceFiles: [{ path: 'train.py', content: 'print(1)' }],
      channelFolders: { train: 'data/train' },
      kernelName: 'python3'
    });
    expect(job.queuePosition).toBe(2);
  });

  it('sends the region when it knows it, as SageMaker gets it', async () => {
    const { settings, posted } = recorded(QUEUED);
    await new LocalBackend({ serverSettings: settings, region: async () => 'eu-west-1' }).submit(SPEC);
    const { definition } = posted();
    expect(definition.HyperParameters.sagemaker_region).toBe('"eu-west-1"');
  });

  it('reads back the escaped notebook tags', () => {
    const job = jobFromDescription({
      ...QUEUED,
      Tags: [
        { Key: 'sagemaker-nlp:notebook', Value: 'my @28copy@29.ipynb' },
        { Key: 'sagemaker-nlp:cell', Value: 'abc' }
      ]
    });
    expect(job.notebookPath).toBe('my (copy).ipynb');
    expect(job.cellId).toBe('abc');
  });
});

describe('a local job and a SageMaker job from the same choices', () => {
  const AWS = {
    region: 'us-east-1',
    roleArn: 'arn:aws:iam::123456789012:role/SageMakerRole',
    bucket: 'sagemaker-us-east-1-123456789012'
  };

  /** The Train dialog's choices, as a parameters cell with `C = 1.0` makes them. */
  function choices(framework: Framework, target: ITrainChoices['target']): ITrainChoices {
    return {
      target,
      framework,
      frameworkVersion: framework === 'sklearn' ? '1.2-1' : '2.1',
      pyVersion: framework === 'sklearn' ? 'py3' : 'py310',
      instanceType: 'ml.m5.xlarge',
      instanceCount: 1,
      hyperparameters: {
        C: '1.0',
        epochs: '3',
        lr: '1e-3',
        warmup: '0.0',
        big: '1e3',
        name: "'run'",
        word: 'adam',
        flag: 'True',
        nothing: 'None',
        layers: '[1, 2]',
        unicode: '"café"'
      },
      channels: { train: 'data/train' },
      metricDefinitions: defaultMetricDefinitions(framework),
      extraFiles: [],
      jobBaseName: 'notebook',
      skipDialog: false,
      sagemaker: {
        ...defaultSageMakerChoices(),
        channels: { train: 's3://sagemaker-us-east-1-123456789012/data/train' }
      }
    };
  }

  const context = {
    jobName: 'notebook-2026-11-27-10-00-00-000',
    entryPoint: 'train.py',
    script: 'print(1)',
    requirements: [],
    extraFileContents: [],
    notebookPath: 'work/notebook (1).ipynb',
    cellId: 'train',
    kernelName: 'python3',
    aws: { roleArn: AWS.roleArn, bucket: AWS.bucket }
  };

  it.each<Framework>(['pytorch', 'sklearn', 'huggingface'])(
    '%s: receive the same hyperparameters, metrics and tags',
    async framework => {
      const { settings, posted } = recorded(QUEUED);
      const local = new LocalBackend({ serverSettings: settings, region: async () => AWS.region });
      await local.submit(specFromChoices(choices(framework, 'local'), context));
      const { definition } = posted();

      const spec = specFromChoices(choices(framework, 'sagemaker'), context);
      const request = buildCreateTrainingJobRequest(spec, spec.sagemaker!, {
        imageUri: '763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-training:2.1-cpu-py310',
        region: AWS.region,
        submitDirS3Uri: sourceDirS3Uri(spec.jobName, spec.sagemaker!)
      });
      // The source archive's S3 URI is SageMaker's alone: a local job gets the files.
      const { sagemaker_submit_directory, ...sagemakerHyperparameters } =
        request.HyperParameters;
      expect(sagemaker_submit_directory).toMatch(/^"s3:\/\//);
      expect(definition.HyperParameters).toEqual(sagemakerHyperparameters);
      expect(definition.HyperParameters.C).toBe('1.0');
      expect(definition.HyperParameters.warmup).toBe('0.0');
      expect(definition.HyperParameters.big).toBe('1000.0');
      expect(definition.AlgorithmSpecification.MetricDefinitions).toEqual(
        request.AlgorithmSpecification.MetricDefinitions
      );
      expect(definition.Tags).toEqual(request.Tags);
      expect(definition.InputDataConfig).toEqual(
        request.InputDataConfig!.map(({ ChannelName }) => ({ ChannelName }))
      );
    }
  );
});
