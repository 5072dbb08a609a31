import type { ITrainingImageRequest } from '../../catalog';
import { makeSpec } from '../../jobs/__tests__/fakes';
import { planTrainingJob } from '../plan';

const AWS = {
  region: 'eu-west-1',
  roleArn: 'arn:aws:iam::123456789012:role/SageMakerExecution',
  bucket: 'sagemaker-eu-west-1-123456789012'
};

function recordingCatalog() {
  const asked: ITrainingImageRequest[] = [];
  return {
    asked,
    trainingImageUri: (request: ITrainingImageRequest) => {
      asked.push(request);
      return '763104351884.dkr.ecr.eu-west-1.amazonaws.com/pytorch-training:2.3-gpu-py311';
    }
  };
}

const sagemakerSpec = (overrides = {}) =>
  makeSpec({
    target: 'sagemaker',
    framework: 'pytorch',
    frameworkVersion: '2.3',
    pyVersion: 'py311',
    instanceType: 'ml.p3.16xlarge',
    instanceCount: 2,
    sagemaker: { roleArn: '', bucket: '', distribution: { type: 'mpi' } },
    ...overrides
  });

describe('planTrainingJob', () => {
  it('asks the catalog with the distribution, as the request is built', () => {
    const catalog = recordingCatalog();
    const { problems, sagemaker } = planTrainingJob(sagemakerSpec(), AWS, catalog);
    expect(problems).toEqual([]);
    expect(catalog.asked[0]).toMatchObject({ distribution: { mpi: { enabled: true } } });
    expect(sagemaker!.request.AlgorithmSpecification.TrainingImage).toBe(sagemaker!.imageUri);
    expect(sagemaker!.request.RoleArn).toBe(AWS.roleArn);
    expect(sagemaker!.submitDirS3Uri).toBe(`s3://${AWS.bucket}/new-job/source/sourcedir.tar.gz`);
    expect(sagemaker!.request.HyperParameters.sagemaker_submit_directory).toBe(
      JSON.stringify(sagemaker!.submitDirS3Uri)
    );
  });

  it("gives the catalog's refusal as a problem, and no plan", () => {
    const catalog = {
      trainingImageUri: () => {
        throw new Error('PyTorch 0.1 has no training image: choose another version.');
      }
    };
    const { problems, sagemaker } = planTrainingJob(sagemakerSpec(), AWS, catalog);
    expect(problems).toEqual(['PyTorch 0.1 has no training image: choose another version.']);
    expect(sagemaker).toBeNull();
  });

  it('names every problem of the choices, and makes no request', () => {
    const spec = sagemakerSpec({ jobName: 'bad_name', channels: { train: 'gs://x/y' } });
    const { problems, sagemaker } = planTrainingJob(spec, AWS, recordingCatalog());
    expect(problems.join('\n')).toMatch(/job name/);
    expect(problems.join('\n')).toMatch(/gs:\/\/x\/y/);
    expect(sagemaker).toBeNull();
  });

  it('checks a local job by the same definition rules, without AWS', () => {
    const spec = makeSpec({ channels: { '..': 'data' } });
    const { problems, sagemaker } = planTrainingJob(spec, null);
    expect(problems).toEqual([expect.stringMatching(/Channel name "\.\."/)]);
    expect(sagemaker).toBeNull();
  });

  it('says SageMaker is not set up when there is no AWS context', () => {
    expect(planTrainingJob(sagemakerSpec(), null).problems).toEqual([
      'SageMaker is not set up on this server.'
    ]);
  });
});
