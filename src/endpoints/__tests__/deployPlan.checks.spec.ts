import * as fs from 'fs';
import * as path from 'path';
import { IDeployChoices, ITrainingJob } from '../../tokens';
import { deployBlocker, DeployPlanError, IDeployContext, planDeploy } from '../deployPlan';

/** Bad jobs and choices: each refused with a message that names the fix. */

const fixture = JSON.parse(
  fs.readFileSync(path.join(__dirname, 'fixtures', 'sdk-deploy', 'sklearn-realtime.json'), 'utf-8')
);
const job: ITrainingJob = {
  ...fixture.job,
  creationTime: new Date(0),
  transitions: [],
  finalMetrics: [],
  metricDefinitions: []
};
const context: IDeployContext = { ...fixture.context, now: new Date(fixture.context.now) };

/** Another SDK fixture's job, choices and context. */
function load(name: string): { job: ITrainingJob; choices: IDeployChoices; context: IDeployContext } {
  const other = JSON.parse(
    fs.readFileSync(path.join(__dirname, 'fixtures', 'sdk-deploy', `${name}.json`), 'utf-8')
  );
  return {
    job: { ...other.job, creationTime: new Date(0), transitions: [], finalMetrics: [], metricDefinitions: [] },
    choices: other.choices,
    context: { ...other.context, now: new Date(other.context.now) }
  };
}
const realtime: IDeployChoices = fixture.choices;
const serverless: IDeployChoices = {
  endpointName: 'reviews',
  mode: 'serverless',
  memorySizeInMB: 2048,
  maxConcurrency: 5
};

function problems(j: ITrainingJob, c: IDeployChoices, ctx = context): string[] {
  try {
    planDeploy(j, c, ctx);
  } catch (error) {
    expect(error).toBeInstanceOf(DeployPlanError);
    return (error as DeployPlanError).problems;
  }
  throw new Error('planned');
}

describe('planDeploy refuses', () => {
  it.each([
    [{ status: 'InProgress' as const }, /is InProgress: only a Completed job .* Wait for it/],
    [{ status: 'Failed' as const }, /is Failed: .*train again/],
    [{ modelArtifact: undefined }, /no model artifact .* \/opt\/ml\/model/],
    [{ target: 'local' as const }, /ran locally: deploy it as a local endpoint/],
    [{ framework: undefined }, /custom job is not supported yet.*estimator\.deploy/]
  ])('a job with %o', (change, message) => {
    const bad = { ...job, ...change };
    expect(deployBlocker(bad)).toMatch(message);
    expect(problems(bad, realtime)).toEqual([expect.stringMatching(message)]);
  });

  it('accepts the completed job', () => {
    expect(deployBlocker(job)).toBeNull();
  });

  it.each([
    ['m5.large', /m5\.large is not an instance type for hosting: choose one like ml\.m5\.large/],
    ['ml.m5.huge', /ml\.m5\.huge is not an instance type for hosting/],
    [undefined, /No instance type is not an instance type for hosting/]
  ])('instance type %s', (instanceType, message) => {
    expect(problems(job, { ...realtime, instanceType })).toEqual([
      expect.stringMatching(message)
    ]);
  });

  it.each([0, 1.5, undefined])('instance count %s', instanceCount => {
    expect(problems(job, { ...realtime, instanceCount })).toEqual([
      'The instance count must be a whole number of 1 or more.'
    ]);
  });

  it.each([512, 1500, 7168, undefined])('serverless memory %s', memorySizeInMB => {
    expect(problems(job, { ...serverless, memorySizeInMB })).toEqual([
      expect.stringMatching(/MB is not allowed: choose one of 1024, 2048, 3072, 4096, 5120, 6144 MB/)
    ]);
  });

  it.each([1024, 6144])('accepts serverless memory %s', memorySizeInMB => {
    expect(() => planDeploy(job, { ...serverless, memorySizeInMB }, context)).not.toThrow();
  });

  it.each([0, 201, 2.5, undefined])('serverless max concurrency %s', maxConcurrency => {
    expect(problems(job, { ...serverless, maxConcurrency })).toEqual([
      expect.stringMatching(/max concurrency .* choose a whole number from 1 to 200/)
    ]);
  });

  it.each([1, 200])('accepts max concurrency %s', maxConcurrency => {
    expect(() => planDeploy(job, { ...serverless, maxConcurrency }, context)).not.toThrow();
  });

  it('an endpoint name SageMaker refuses', () => {
    expect(problems(job, { ...realtime, endpointName: 'my_endpoint' })).toEqual([
      expect.stringMatching(/"my_endpoint" is not valid: use 1 to 63 letters, digits and hyphens/)
    ]);
  });

  it('every problem at once', () => {
    expect(
      problems(job, { ...realtime, endpointName: '-x', instanceType: 'x', instanceCount: 0 })
    ).toHaveLength(3);
  });

  it('a training image without a framework tag', () => {
    expect(
      problems(job, realtime, { ...context, trainingImage: '123456789012.dkr.ecr.us-east-1.amazonaws.com/mine:latest' })
    ).toEqual([expect.stringMatching(/^No inference image for this model: .*explicit inference image/)]);
  });

  it('an instance type the image has no processor for', () => {
    expect(problems(job, { ...realtime, instanceType: 'ml.g5.xlarge' })).toEqual([
      expect.stringMatching(/^No inference image for this model: .*processor gpu .*choose one of cpu/)
    ]);
  });

  it('a Hugging Face version that has no inference image', () => {
    const hf = { ...job, framework: 'huggingface' as const };
    const image =
      '763104351884.dkr.ecr.us-east-1.amazonaws.com/huggingface-pytorch-training:2.1.0-transformers4.36.0-gpu-py310-cu121-ubuntu20.04';
    expect(problems(hf, realtime, { ...context, trainingImage: image })).toEqual([
      expect.stringMatching(/Unsupported version 4\.36\.0 .*choose one of .*4\.37\.0/)
    ]);
  });

  it.each([
    ['pytorch', 'PyTorch'],
    ['mxnet', 'MXNet']
  ])('a %s job without an inference script', (framework, name) => {
    const fixture = load(`${framework}-inference-script`);
    const { inferenceScript, ...bare } = fixture.choices;
    expect(inferenceScript).toBeDefined();
    expect(problems(fixture.job, bare, fixture.context)).toEqual([
      expect.stringMatching(
        new RegExp(`^A ${name} model needs an inference script that defines model_fn.*choose one under "inference script"`)
      )
    ]);
  });

  it('a PyTorch version older than the model server that reads code/', () => {
    const fixture = load('pytorch-inference-script');
    const image = '520713654638.dkr.ecr.us-east-1.amazonaws.com/sagemaker-pytorch:1.1.0-gpu-py3';
    expect(problems(fixture.job, fixture.choices, { ...fixture.context, trainingImage: image })).toEqual([
      expect.stringMatching(/^PyTorch 1\.1\.0 images serve without the model server .*train with PyTorch 1\.2 or newer/)
    ]);
  });

  it('a TensorFlow script TensorFlow Serving would not run', () => {
    const fixture = load('tensorflow-inference-script');
    const choices = { ...fixture.choices, inferenceScript: { path: 'serve.py', content: '' } };
    expect(problems(fixture.job, choices, fixture.context)).toEqual([
      'TensorFlow Serving runs only code/inference.py (input_handler / output_handler), not serve.py: name the inference script inference.py.'
    ]);
  });

  it('a scikit-learn job without its code and no inference script', () => {
    const bare = { ...job, hyperparameters: { epochs: '1' } };
    expect(problems(bare, realtime)).toEqual([
      expect.stringMatching(/no sagemaker_program .* give an inference script with model_fn/)
    ]);
  });
});

describe('planDeploy tags', () => {
  it('escape the job name and leave out the cell tags of a job without them', () => {
    const plan = planDeploy(
      { ...job, notebookPath: undefined, cellId: undefined, name: 'job(1)' },
      realtime,
      context
    );
    expect(plan.createEndpoint.Tags).toEqual([{ Key: 'sagemaker-nlp:job', Value: 'job@281@29' }]);
  });
});
