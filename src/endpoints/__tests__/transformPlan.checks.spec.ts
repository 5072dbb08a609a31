import { ITrainingJob } from '../../tokens';
import { DeployPlanError } from '../deployPlan';
import { ITransformChoices, planTransform, transformProblems } from '../transformPlan';

const job: ITrainingJob = {
  name: 'reviews-job',
  target: 'sagemaker',
  framework: 'sklearn',
  status: 'Completed',
  creationTime: new Date(0),
  transitions: [],
  finalMetrics: [],
  metricDefinitions: [],
  modelArtifact: 's3://sagemaker-us-east-1-1/reviews-job/output/model.tar.gz',
  hyperparameters: {
    sagemaker_program: '"train.py"',
    sagemaker_submit_directory: '"s3://sagemaker-us-east-1-1/reviews-job/source/sourcedir.tar.gz"'
  }
};

const choices: ITransformChoices = {
  inputS3Uri: 's3://my-bucket/in/',
  contentType: 'text/csv',
  splitType: 'Line',
  instanceType: 'ml.m5.large',
  instanceCount: 1
};

const context = {
  region: 'us-east-1',
  roleArn: 'arn:aws:iam::1:role/R',
  bucket: 'sagemaker-us-east-1-1',
  trainingImage: '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3',
  now: new Date('2026-12-01T15:00:00Z')
};

function problemsOf(call: () => unknown): string[] {
  try {
    call();
  } catch (error) {
    if (error instanceof DeployPlanError) {
      return error.problems;
    }
    throw error;
  }
  throw new Error('no problem found');
}

describe('transformProblems', () => {
  it('accepts good choices', () => {
    expect(transformProblems(choices)).toEqual([]);
  });

  it.each([
    ['input', { inputS3Uri: 'my-bucket/in/' }, /input "my-bucket\/in\/" is not an S3 URI: write it as s3:\/\/<bucket>\/<prefix>/],
    ['input bucket', { inputS3Uri: 's3://My_Bucket/in' }, /not an S3 URI/],
    ['output', { outputS3Uri: 'https://x/y' }, /output path "https:\/\/x\/y" is not an S3 URI/],
    ['content type', { contentType: ' ' }, /content type .*e\.g\. text\/csv/],
    ['split type', { splitType: 'Lines' as any }, /Split type "Lines" .*None, Line, RecordIO, TFRecord/],
    ['instance type', { instanceType: 'ml.t2.medium' }, /ml\.t2\.medium is not an instance type for batch transform: choose one like ml\.m5\.large/],
    ['instance type missing', { instanceType: '' }, /No instance type/],
    ['count 0', { instanceCount: 0 }, /whole number of 1 or more/],
    ['count 1.5', { instanceCount: 1.5 }, /whole number of 1 or more/],
    ['payload', { maxPayloadInMB: 101 }, /max payload .*0 to 100/],
    ['strategy', { strategy: 'Batch' as any }, /SingleRecord or MultiRecord/],
    ['assemble', { assembleWith: 'Json' as any }, /choose None or Line/]
  ])('names the fix for a bad %s', (_, over, message) => {
    const problems = transformProblems({ ...choices, ...over });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(message);
  });

  it('gives every problem at once', () => {
    expect(transformProblems({ ...choices, inputS3Uri: 'x', instanceCount: 0 })).toHaveLength(2);
  });
});

describe('planTransform', () => {
  it('refuses a job that is not Completed, naming the fix', () => {
    const problems = problemsOf(() =>
      planTransform({ job: { ...job, status: 'InProgress' } }, choices, context)
    );
    expect(problems).toEqual([expect.stringMatching(/reviews-job is InProgress: only a Completed job has a model/)]);
  });

  it('refuses bad choices before anything else', () => {
    expect(problemsOf(() => planTransform({ job }, { ...choices, inputS3Uri: 'x' }, context))[0]).toMatch(
      /not an S3 URI/
    );
  });

  it('defaults the output as the SDK does and tags with the job', () => {
    const plan = planTransform({ job }, choices, context);
    expect(plan.outputS3Uri).toBe(`s3://sagemaker-us-east-1-1/${plan.transformJobName}`);
    expect(plan.transformJobName).toBe('sagemaker-scikit-learn-2026-12-01-15-00-00-000');
    expect(plan.createTransformJob.Tags).toEqual([{ Key: 'sagemaker-nlp:job', Value: 'reviews-job' }]);
  });

  it('names a transform of an existing model without an image after the model', () => {
    const plan = planTransform({ modelName: 'my-model' }, choices, context);
    expect(plan.transformJobName).toBe('my-model-2026-12-01-15-00-00-000');
    expect(plan.createModel).toBeUndefined();
    expect(plan.createTransformJob.Tags).toBeUndefined();
  });
});

describe('planTransform accept and HF_TASK', () => {
  it('asks the answers in the accept type', () => {
    const plan = planTransform({ job }, { ...choices, accept: 'application/jsonlines' }, context);
    expect(plan.createTransformJob.TransformOutput).toEqual({
      S3OutputPath: plan.outputS3Uri,
      Accept: 'application/jsonlines'
    });
    expect(planTransform({ job }, choices, context).createTransformJob.TransformOutput).not.toHaveProperty(
      'Accept'
    );
  });

  it("sets a Hugging Face model's HF_TASK, as a deploy would", () => {
    const hf = { ...job, framework: 'huggingface' as const };
    const hfContext = {
      ...context,
      trainingImage:
        '763104351884.dkr.ecr.us-east-1.amazonaws.com/huggingface-pytorch-training:2.3.0-transformers4.48.0-gpu-py311-cu121-ubuntu20.04'
    };
    const plan = planTransform({ job: hf }, { ...choices, hfTask: 'text-classification' }, hfContext);
    expect(plan.createModel?.PrimaryContainer?.Environment).toMatchObject({
      HF_TASK: 'text-classification'
    });
    expect(plan.createModel?.PrimaryContainer?.Image).toMatch(/huggingface-pytorch-inference:.*-cpu-/);
    const without = planTransform({ job: hf }, choices, hfContext);
    expect(without.createModel?.PrimaryContainer?.Environment).not.toHaveProperty('HF_TASK');
  });
});
