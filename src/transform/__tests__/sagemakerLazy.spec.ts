/**
 * @jest-environment ./src/aws/__tests__/jsdomWithStreams.js
 */
import {
  DescribeTransformJobCommand,
  ListTagsCommand,
  ListTransformJobsCommand,
  SageMakerClient
} from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import { AwsSession } from '../../aws/session';
import { IAwsConfig, ITrainingJob } from '../../tokens';
import { LazySageMakerTransforms, NO_ROLE_OR_BUCKET } from '../sagemakerLazy';

const LOCAL_ONLY: IAwsConfig = {
  region: null,
  account: null,
  roleArn: null,
  bucket: null,
  bucketStatus: 'unknown',
  onNotebookInstance: false,
  problems: ['No AWS credentials: run `aws configure` or set AWS_PROFILE, then restart JupyterLab']
};

const WORKING: IAwsConfig = {
  region: 'eu-west-1',
  account: '123456789012',
  roleArn: 'arn:aws:iam::123456789012:role/R',
  bucket: 'sagemaker-eu-west-1-123456789012',
  bucketStatus: 'ok',
  onNotebookInstance: false,
  problems: []
};

const JOB: ITrainingJob = {
  name: 'reviews',
  target: 'sagemaker',
  status: 'Completed',
  creationTime: new Date(0),
  transitions: [],
  finalMetrics: [],
  metricDefinitions: [],
  hyperparameters: {}
};

describe('LazySageMakerTransforms', () => {
  it('lists nothing and loads no SDK while AWS is not configured', async () => {
    const session = new AwsSession({ readConfig: async () => LOCAL_ONLY });
    const transforms = new LazySageMakerTransforms(session);
    expect(await transforms.list()).toEqual([]);
    expect(session.sdkLoaded).toBe(false);
  });

  it('lists nothing when the server has no AWS routes', async () => {
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const session = new AwsSession({ readConfig: () => Promise.reject(new Error('404')) });
    expect(await new LazySageMakerTransforms(session).list()).toEqual([]);
    expect(session.sdkLoaded).toBe(false);
  });

  it('refuses to start without a role or bucket before loading the SDK, naming the fix', async () => {
    const session = new AwsSession({ readConfig: async () => ({ ...WORKING, roleArn: null }) });
    const transforms = new LazySageMakerTransforms(session);
    await expect(
      transforms.start(JOB, { input: 's3://b/in/', contentType: 'text/csv', splitType: 'Line' })
    ).rejects.toThrow(NO_ROLE_OR_BUCKET);
    expect(NO_ROLE_OR_BUCKET).toMatch(/Settings → SageMaker NLP training/);
    expect(session.sdkLoaded).toBe(false);
  });

  it('loads the SDK part once AWS is configured, and starts afresh on a new configuration', async () => {
    const sagemaker = mockClient(SageMakerClient);
    sagemaker.on(ListTransformJobsCommand).resolves({
      TransformJobSummaries: [
        {
          TransformJobName: 'old',
          TransformJobArn: 'arn:aws:sagemaker:eu-west-1:123456789012:transform-job/old',
          TransformJobStatus: 'Failed',
          CreationTime: new Date(0)
        }
      ]
    });
    sagemaker.on(DescribeTransformJobCommand).resolves({
      TransformJobName: 'old',
      TransformJobStatus: 'Failed',
      FailureReason: 'ClientError: no model_fn',
      ModelName: 'm',
      CreationTime: new Date(0),
      TransformInput: undefined,
      TransformResources: undefined,
      TransformOutput: undefined
    });
    sagemaker.on(ListTagsCommand).resolves({ Tags: [] });
    let config = WORKING;
    const session = new AwsSession({ readConfig: async () => config });
    const transforms = new LazySageMakerTransforms(session);
    const listed = await transforms.list();
    expect(session.sdkLoaded).toBe(true);
    expect(listed.map(t => [t.name, t.status, t.failureReason])).toEqual([
      ['old', 'Failed', 'ClientError: no model_fn']
    ]);
    await transforms.list();
    expect(sagemaker.commandCalls(DescribeTransformJobCommand)).toHaveLength(1); // kept
    config = { ...WORKING, bucket: 'another-bucket' };
    await session.config({ fresh: true });
    await transforms.list();
    expect(sagemaker.commandCalls(DescribeTransformJobCommand)).toHaveLength(2); // a new backend
    sagemaker.restore();
  });
});
