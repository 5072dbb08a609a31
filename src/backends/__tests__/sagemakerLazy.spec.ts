/**
 * @jest-environment ./src/aws/__tests__/jsdomWithStreams.js
 */
import {
  ListTrainingJobsCommand,
  SageMakerClient
} from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import { AwsSession } from '../../aws/session';
import { IAwsConfig, ITrainingJobSpec } from '../../tokens';
import { canList, LazySageMakerBackend, submitProblems } from '../sagemakerLazy';

const LOCAL_ONLY: IAwsConfig = {
  region: null,
  account: null,
  roleArn: null,
  bucket: null,
  bucketStatus: 'unknown',
  onNotebookInstance: false,
  problems: [
    'No AWS credentials: run `aws configure` or set AWS_PROFILE, then restart JupyterLab',
    'No AWS region: set one in Settings → SageMaker NLP training, or AWS_REGION / a profile'
  ]
};

const WORKING: IAwsConfig = {
  region: 'eu-west-1',
  account: '123456789012',
  roleArn: 'arn:aws:iam::123456789012:role/R',
  bucket: 'sagemaker-eu-west-1-123456789012',
  bucketStatus: 'ok',
  onNotebookInstance: true,
  problems: []
};

const SPEC = { jobName: 'j', sagemaker: undefined } as unknown as ITrainingJobSpec;

function lazyBackend(readConfig: () => Promise<IAwsConfig>): LazySageMakerBackend {
  return new LazySageMakerBackend({ session: new AwsSession({ readConfig }) });
}

describe('LazySageMakerBackend', () => {
  it('lists nothing and loads nothing while AWS is not configured', async () => {
    const getConfig = jest.fn(async () => LOCAL_ONLY);
    const backend = lazyBackend(getConfig);
    expect(await backend.list()).toEqual([]);
    expect(await backend.list()).toEqual([]);
    expect(backend.isLoaded).toBe(false);
    // Asked once per interval, not every poll cycle.
    expect(getConfig).toHaveBeenCalledTimes(1);
  });

  it('lists nothing when the server has no AWS routes', async () => {
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const backend = lazyBackend(() => Promise.reject(new Error('404')));
    expect(await backend.list()).toEqual([]);
    expect(backend.isLoaded).toBe(false);
  });

  it('loads the SDK part on first use once AWS is configured', async () => {
    const sagemaker = mockClient(SageMakerClient);
    sagemaker.onAnyCommand().rejects(new Error('not now'));
    sagemaker.on(ListTrainingJobsCommand).resolves({
      TrainingJobSummaries: [
        {
          TrainingJobName: 'old',
          TrainingJobArn: 'arn:aws:sagemaker:eu-west-1:123456789012:training-job/old',
          TrainingJobStatus: 'Failed',
          CreationTime: new Date(0)
        }
      ]
    });
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const backend = lazyBackend(async () => WORKING);
    const jobs = await backend.list();
    expect(backend.isLoaded).toBe(true);
    expect(jobs.map(job => [job.name, job.status])).toEqual([['old', 'Failed']]);
    backend.reset();
    expect(backend.isLoaded).toBe(false);
    sagemaker.restore();
  });

  it("refuses to submit with the server's own reasons, before loading the SDK", async () => {
    const backend = lazyBackend(async () => LOCAL_ONLY);
    await expect(backend.submit(SPEC)).rejects.toThrow(LOCAL_ONLY.problems[0]);
    expect(backend.isLoaded).toBe(false);
  });
});

describe('what the AWS configuration allows', () => {
  it('lists once AWS accepts the credentials, even before a bucket exists', () => {
    expect(canList(LOCAL_ONLY)).toBe(false);
    expect(canList({ ...WORKING, bucketStatus: 'missing' })).toBe(true);
  });

  it('submits once a bucket and a role are there, or the job names its own', () => {
    expect(submitProblems(WORKING, SPEC)).toEqual([]);
    const missing = {
      ...WORKING,
      bucketStatus: 'missing' as const,
      roleArn: null,
      problems: [
        'The bucket sagemaker-eu-west-1-123456789012 does not exist yet: create it',
        'No SageMaker execution role: set roleArn'
      ]
    };
    expect(submitProblems(missing, SPEC)).toEqual(missing.problems);
    const own = {
      ...SPEC,
      sagemaker: { roleArn: 'arn:aws:iam::123456789012:role/Mine', bucket: 'mine' }
    };
    expect(submitProblems(missing, own)).toEqual([]);
  });
});
