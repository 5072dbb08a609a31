import * as fs from 'fs';
import * as path from 'path';
import { ITrainingJobSpec, ISageMakerOptions } from '../../tokens';
import { buildCreateTrainingJobRequest } from '../request';
import { partitionOf, SageMakerChoicesError } from '../sagemakerChecks';
import { IRequestContext } from '../sagemakerOptions';

interface IChoices {
  spec: ITrainingJobSpec;
  options: ISageMakerOptions;
  context: IRequestContext;
}

function fixture(name: string): IChoices {
  const file = path.join(__dirname, 'fixtures', 'sdk-requests', `${name}.json`);
  return JSON.parse(fs.readFileSync(file, 'utf-8'));
}

/** The problems the builder throws for a change to a recorded case. */
function problems(
  change: { spec?: Partial<ITrainingJobSpec>; options?: Partial<ISageMakerOptions> },
  base = 'pytorch-defaults'
): string[] {
  const choices = fixture(base);
  try {
    buildCreateTrainingJobRequest(
      { ...choices.spec, ...change.spec },
      { ...choices.options, ...change.options },
      choices.context
    );
  } catch (error) {
    expect(error).toBeInstanceOf(SageMakerChoicesError);
    return (error as SageMakerChoicesError).problems;
  }
  return [];
}

describe('buildCreateTrainingJobRequest refuses choices SageMaker would', () => {
  it('accepts a recorded case', () => {
    expect(problems({})).toEqual([]);
  });

  it('needs max wait ≥ max runtime with spot', () => {
    expect(
      problems({
        options: {
          useSpotInstances: true,
          maxRuntimeInSeconds: 7200,
          maxWaitTimeInSeconds: 3600
        }
      })
    ).toEqual([
      'Spot training: the max wait (3600 s) is shorter than the max runtime (7200 s). Set max wait to 7200 s or more, or lower the max runtime.'
    ]);
  });

  it('needs a max wait with spot, naming the default runtime', () => {
    expect(problems({ options: { useSpotInstances: true } })).toEqual([
      'Spot training needs a max wait time: set it to at least the max runtime (86400 s).'
    ]);
  });

  it('leaves out a max wait without spot', () => {
    const { spec, options, context } = fixture('pytorch-defaults');
    const request = buildCreateTrainingJobRequest(
      spec,
      { ...options, maxWaitTimeInSeconds: 10 },
      context
    );
    expect(request.StoppingCondition).toEqual({ MaxRuntimeInSeconds: 86400 });
  });

  it('refuses a distribution the framework does not have', () => {
    expect(
      problems(
        { options: { distribution: { type: 'torch_distributed' } } },
        'sklearn-defaults'
      )
    ).toEqual([
      'Distribution "torch_distributed" does not work with scikit-learn: choose "none".'
    ]);
    expect(
      problems(
        {
          spec: { instanceType: 'ml.p4d.24xlarge' },
          options: { distribution: { type: 'torch_distributed' } }
        },
        'tensorflow-defaults'
      )
    ).toEqual([
      'Distribution "torch_distributed" does not work with TensorFlow: choose "none", "smdistributed", "mpi".'
    ]);
    expect(
      problems(
        { options: { distribution: { type: 'smdistributed' } } },
        'mxnet-defaults'
      )
    ).toEqual([
      'Distribution "smdistributed" does not work with MXNet: choose "none", "mpi".'
    ]);
  });

  it('refuses torch_distributed in a Hugging Face TensorFlow container', () => {
    expect(
      problems(
        { options: { distribution: { type: 'torch_distributed' } } },
        'huggingface-tensorflow'
      )
    ).toEqual([
      'Distribution "torch_distributed" does not work with Hugging Face on TensorFlow: choose "none", "smdistributed", "mpi".'
    ]);
  });

  it('refuses what the SDK refuses for an instance type', () => {
    expect(
      problems({ options: { distribution: { type: 'torch_distributed' } } })
    ).toEqual([
      '"torch_distributed" runs on GPU (ml.p*, ml.g*) or Trainium (ml.trn*) instances: choose one of those, or another distribution.'
    ]);
    expect(
      problems({
        spec: { instanceType: 'ml.p5.48xlarge' },
        options: { distribution: { type: 'smdistributed' } }
      })
    ).toEqual([
      'SageMaker data parallel ("smdistributed") does not run on ml.p5.48xlarge: choose "torch_distributed" or another instance type.'
    ]);
    expect(
      problems(
        { options: { distribution: { type: 'mpi' } } },
        'pytorch-trainium'
      )
    ).toEqual([
      'Trainium instances (ml.trn1.2xlarge) support only the "torch_distributed" distribution: choose it or "none".'
    ]);
  });

  it('refuses MXNet MPI options that the SDK would drop', () => {
    expect(
      problems(
        {
          options: { distribution: { type: 'mpi', customMpiOptions: '-x A=1' } }
        },
        'mxnet-mpi-without-processes'
      )
    ).toEqual([
      'MXNet passes custom MPI options only with a number of processes per host: set processes per host, or clear the options.'
    ]);
  });

  it('refuses more than one instance, or a GPU, for scikit-learn', () => {
    expect(
      problems({ spec: { instanceCount: 2 } }, 'sklearn-defaults')
    ).toEqual([
      'scikit-learn does not train on several instances: set the instance count to 1.'
    ]);
    expect(
      problems({ spec: { instanceType: 'ml.g5.xlarge' } }, 'sklearn-defaults')
    ).toEqual([
      'scikit-learn runs on CPU only: choose a CPU instance type such as ml.m5.xlarge instead of ml.g5.xlarge.'
    ]);
  });

  it('refuses a job name, channel name or metric regex of a bad definition', () => {
    expect(
      problems({
        spec: {
          jobName: 'job\n',
          channels: { '.': 's3://bucket/data' },
          metricDefinitions: [{ Name: 'loss', Regex: 'loss=[0-9.]+' }]
        }
      })
    ).toEqual([
      'A job name may use only letters, digits and hyphens, and must start and end with a letter or digit. Replace "\n" with a hyphen.',
      'Channel name ".": use 1 to 64 letters, digits, ".", "-" and "_" (not "." or ".."); rename the channel.',
      'Metric "loss": its regex needs exactly one group ( ) around the number; it has 0.'
    ]);
  });

  it('refuses channels and locations that are not S3 URIs', () => {
    expect(
      problems({
        spec: {
          channels: { train: '/home/me/data/train', test: 's3://Bad_Bucket/x' }
        },
        options: {
          outputPath: 'https://bucket/out',
          checkpointLocalPath: '/opt/ml/checkpoints'
        }
      })
    ).toEqual([
      'Channel "train": "/home/me/data/train" is not an S3 URI nor a folder under the Jupyter root: give s3://<bucket>/<prefix>, or the folder as the file browser shows it (e.g. data/train) to upload it.',
      'Channel "test": "s3://Bad_Bucket/x" is not an S3 URI. Upload the data to S3 and give s3://<bucket>/<prefix>.',
      'Output path "https://bucket/out" is not an S3 URI: write it as s3://<bucket>/<prefix>.',
      'A checkpoint local path needs a checkpoint S3 URI to sync to: set one, or clear the local path.'
    ]);
  });

  it('refuses a malformed role ARN, or one of another partition', () => {
    expect(problems({ options: { roleArn: 'SageMakerRole' } })).toEqual([
      'Role ARN "SageMakerRole" is not an IAM role ARN: give the execution role as arn:aws:iam::<account>:role/<name> (IAM console → Roles → the role\'s ARN).'
    ]);
    expect(
      problems(
        {
          options: {
            roleArn: 'arn:aws:iam::123456789012:role/SageMakerExecution'
          }
        },
        'pytorch-cn-north-1'
      )
    ).toEqual([
      'Role ARN "arn:aws:iam::123456789012:role/SageMakerExecution" belongs to partition "aws" but region cn-north-1 needs "aws-cn": use a role of that partition (arn:aws-cn:iam::…).'
    ]);
  });

  it('knows the partition of every kind of region', () => {
    expect(
      [
        'eu-west-1',
        'cn-northwest-1',
        'us-gov-west-1',
        'us-iso-east-1',
        'us-isob-east-1'
      ].map(partitionOf)
    ).toEqual(['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b']);
  });

  it('refuses the local instance type, half a VPC and reserved names', () => {
    expect(
      problems({
        spec: {
          instanceType: 'local',
          entryPoint: 'src/train.py',
          hyperparameters: { sagemaker_program: 'x.py' }
        },
        options: {
          subnets: ['subnet-1'],
          tags: [
            { Key: 'aws:cost', Value: '1' },
            { Key: 'sagemaker-nlp:cell', Value: 'x' }
          ],
          volumeSizeInGB: 0
        }
      })
    ).toEqual([
      'Instance type "local" is not a SageMaker training instance: choose one such as ml.m5.xlarge.',
      'The entry point "src/train.py" must be at the top of the source directory: move it there.',
      'Hyperparameter "sagemaker_program": names starting with "sagemaker_" are SageMaker\'s own; rename it.',
      'Volume size (GB) must be a whole number of 1 or more.',
      'A VPC needs both subnets and security groups: give both, or neither to run outside a VPC.',
      'Tag "aws:cost": keys starting with "aws:" are reserved by AWS; rename it.',
      'Tag "sagemaker-nlp:cell" is given twice (or is one of ours): keep one.'
    ]);
  });

  it('throws one error whose message lists every problem', () => {
    const { spec, options, context } = fixture('sklearn-defaults');
    expect(() =>
      buildCreateTrainingJobRequest(
        { ...spec, instanceCount: 3 },
        { ...options, roleArn: 'role' },
        context
      )
    ).toThrow(/Role ARN "role"[^]*set the instance count to 1/);
  });
});
