import type { DescribeTrainingJobCommandOutput } from '@aws-sdk/client-sagemaker';
import { ITrainingJobSpec } from '../../tokens';
import { IAwsConfig } from '../../tokens';

export const REGION = 'eu-west-1';
export const ACCOUNT = '123456789012';
export const BUCKET = `sagemaker-${REGION}-${ACCOUNT}`;
export const ROLE = `arn:aws:iam::${ACCOUNT}:role/service-role/AmazonSageMaker-ExecutionRole`;
export const IMAGE = `763104351884.dkr.ecr.${REGION}.amazonaws.com/pytorch-training:2.1-gpu-py310`;

export const CONFIG: IAwsConfig = {
  region: REGION,
  account: ACCOUNT,
  roleArn: ROLE,
  bucket: BUCKET,
  bucketStatus: 'ok',
  onNotebookInstance: false,
  problems: []
};

/** A catalog that answers one image and records what it was asked. */
export function fakeCatalog() {
  const requests: unknown[] = [];
  return {
    requests,
    trainingImageUri(request: unknown): string {
      requests.push(request);
      return IMAGE;
    }
  };
}

export function spec(overrides: Partial<ITrainingJobSpec> = {}): ITrainingJobSpec {
  return {
    jobName: 'bert-2026-11-27-10-00-00-000',
    target: 'sagemaker',
    framework: 'pytorch',
    frameworkVersion: '2.1',
    pyVersion: 'py310',
    entryPoint: 'train.py',
    sourceFiles: [
      { path: 'train.py', content: 'print("training")\n' },
      { path: 'requirements.txt', content: 'transformers\n' }
    ],
    hyperparameters: { epochs: 3 },
    channels: { train: `s3://${BUCKET}/data/train` },
    metricDefinitions: [{ Name: 'loss', Regex: "'loss': ([0-9.]+)" }],
    instanceType: 'ml.g5.xlarge',
    instanceCount: 1,
    notebookPath: 'work/Sentiment (v2).ipynb',
    cellId: 'cell-1',
    kernelName: 'python3',
    ...overrides
  };
}

type Description = Omit<DescribeTrainingJobCommandOutput, '$metadata'>;

/** DescribeTrainingJob's answer for a job in this state. */
export function description(
  name: string,
  status: NonNullable<Description['TrainingJobStatus']>,
  secondary: NonNullable<Description['SecondaryStatus']>,
  extra: Partial<Description> = {}
): Description {
  return {
    TrainingJobName: name,
    TrainingJobArn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:training-job/${name}`,
    TrainingJobStatus: status,
    SecondaryStatus: secondary,
    CreationTime: new Date('2026-11-27T10:00:00Z'),
    AlgorithmSpecification: {
      TrainingImage: IMAGE,
      TrainingInputMode: 'File',
      MetricDefinitions: [
        { Name: 'loss', Regex: "'loss': ([0-9.]+)" },
        { Name: 'eval_accuracy', Regex: "'eval_accuracy': ([0-9.]+)" }
      ]
    },
    HyperParameters: { epochs: '3', sagemaker_program: '"train.py"' },
    ModelArtifacts: { S3ModelArtifacts: '' },
    StoppingCondition: { MaxRuntimeInSeconds: 86400 },
    SecondaryStatusTransitions: [
      {
        Status: 'Starting',
        StartTime: new Date('2026-11-27T10:00:01Z'),
        StatusMessage: 'Preparing the instances for training'
      }
    ],
    ...extra
  };
}
