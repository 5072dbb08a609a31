import { ITrainingJob } from '../../tokens';
import { transformChoices } from '../../endpoints/transformPlan';
import { checkTransformRequest, defaultTransformRequest, whyNotTransformable } from '../choices';

function job(overrides: Partial<ITrainingJob>): ITrainingJob {
  return {
    name: 'reviews-2026-12-01-10-00-00-000',
    target: 'local',
    framework: 'sklearn',
    status: 'Completed',
    creationTime: new Date(),
    transitions: [],
    finalMetrics: [],
    hyperparameters: {},
    metricDefinitions: [],
    modelArtifact: '/jobs/reviews/output/model.tar.gz',
    notebookPath: 'examples/sklearn-text-classifier.ipynb',
    ...overrides
  };
}

describe('batch transform choices', () => {
  it('proposes the notebook’s folder locally, instances on SageMaker, a line per record', () => {
    expect(defaultTransformRequest(job({}))).toEqual({
      input: 'examples',
      contentType: 'text/csv',
      splitType: 'Line',
      assembleWith: 'Line'
    });
    expect(defaultTransformRequest(job({ target: 'sagemaker', framework: 'huggingface' }))).toMatchObject({
      input: '',
      instanceType: 'ml.m5.xlarge',
      instanceCount: 1
    });
  });

  it('refuses a job that is not completed, naming why', () => {
    expect(checkTransformRequest(job({ status: 'Failed' }), defaultTransformRequest(job({})))[0]).toMatch(
      /Only a completed job can be run as a batch transform/
    );
  });

  it('names the fix of each bad local choice', () => {
    const problems = checkTransformRequest(job({}), {
      input: ' ',
      output: 's3://bucket/out',
      contentType: '',
      splitType: 'RecordIO'
    });
    expect(problems).toEqual([
      expect.stringMatching(/No input folder: give the folder/),
      expect.stringMatching(/reads and writes folders here, not S3/),
      expect.stringMatching(/RecordIO is not available locally: choose Line/),
      expect.stringMatching(/No content type/)
    ]);
    expect(checkTransformRequest(job({}), { input: 'data/score', contentType: 'text/csv', splitType: 'Line' })).toEqual([]);
  });

  it('checks a SageMaker request with the plan’s own checks', () => {
    const sagemaker = job({ target: 'sagemaker', modelArtifact: 's3://b/j/output/model.tar.gz' });
    const request = { input: 'data/score', contentType: 'text/csv', splitType: 'Line' as const, instanceType: 'ml.t9.huge', instanceCount: 0 };
    const problems = checkTransformRequest(sagemaker, request);
    expect(problems.join('\n')).toMatch(/not an S3 URI/);
    expect(problems.join('\n')).toMatch(/ml.t9.huge is not an instance type for batch transform/);
    expect(problems.join('\n')).toMatch(/whole number of 1 or more/);
    expect(transformChoices({ ...request, input: 's3://b/in/', output: 's3://b/out', strategy: 'MultiRecord' })).toEqual({
      inputS3Uri: 's3://b/in/',
      outputS3Uri: 's3://b/out',
      contentType: 'text/csv',
      splitType: 'Line',
      instanceType: 'ml.t9.huge',
      instanceCount: 0,
      strategy: 'MultiRecord'
    });
  });
});

describe('batch transform of a model that needs its inference script', () => {
  it('refuses a PyTorch job’s own model, naming the endpoint route, and allows an endpoint’s model', () => {
    const torch = job({ target: 'sagemaker', framework: 'pytorch', modelArtifact: 's3://bucket/j/output/model.tar.gz' });
    expect(whyNotTransformable(torch)).toMatch(/serves only with its inference script: deploy .* then start the batch transform from its endpoint/);
    expect(whyNotTransformable(torch, 'pytorch-inference-2026-12-01-model')).toBeNull();
    expect(whyNotTransformable(job({ target: 'sagemaker', framework: 'sklearn', modelArtifact: 's3://bucket/j/m.tar.gz' }))).toBeNull();
  });
});
