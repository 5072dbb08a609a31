import { ProxyError } from '../../aws/proxyMiddleware';
import {
  explainAwsError,
  jobNameInUse,
  parseAccessDenied,
  SageMakerError,
  SourceExistsError,
  UploadInterruptedError
} from '../sagemakerErrors';

function awsError(name: string, message: string, status = 400): Error {
  return Object.assign(new Error(message), {
    name,
    $metadata: { httpStatusCode: status }
  });
}

const CREATE = {
  action: 'sagemaker:CreateTrainingJob',
  jobName: 'bert-1',
  instanceType: 'ml.p3.2xlarge',
  bucket: 'sagemaker-eu-west-1-123456789012',
  region: 'eu-west-1'
};

describe('explainAwsError', () => {
  it.each([
    [
      'AccessDeniedException with the principal and action in the message',
      awsError(
        'AccessDeniedException',
        'User: arn:aws:sts::123456789012:assumed-role/Analyst/alice is not authorized to perform: sagemaker:CreateTrainingJob on resource: arn:aws:sagemaker:eu-west-1:123456789012:training-job/bert-1 because no identity-based policy allows the sagemaker:CreateTrainingJob action'
      ),
      "arn:aws:sts::123456789012:assumed-role/Analyst/alice is not allowed to sagemaker:CreateTrainingJob: add sagemaker:CreateTrainingJob to its IAM policy (see README 'IAM permissions')."
    ],
    [
      'S3 AccessDenied without details',
      awsError('AccessDenied', 'Access Denied', 403),
      "The server's AWS identity is not allowed to sagemaker:CreateTrainingJob: add sagemaker:CreateTrainingJob to its IAM policy (see README 'IAM permissions')."
    ],
    [
      'ExpiredToken',
      awsError('ExpiredToken', 'The security token included in the request is expired'),
      "The server's AWS credentials expired: refresh them (aws sso login, or new keys) and retry."
    ],
    [
      'ExpiredTokenException',
      awsError('ExpiredTokenException', 'The security token included in the request is expired'),
      "The server's AWS credentials expired: refresh them (aws sso login, or new keys) and retry."
    ],
    [
      'ResourceLimitExceeded',
      awsError(
        'ResourceLimitExceeded',
        "The account-level service limit 'ml.p3.2xlarge for training job usage' is 0 Instances, with current utilization of 0 Instances and a request delta of 1 Instances."
      ),
      "The account quota for ml.p3.2xlarge training is reached (The account-level service limit 'ml.p3.2xlarge for training job usage' is 0 Instances, with current utilization of 0 Instances and a request delta of 1 Instances.): request an increase in Service Quotas (Amazon SageMaker → \"ml.p3.2xlarge for training job usage\") or pick another instance type."
    ],
    [
      'ValidationException: the name exists',
      awsError('ValidationException', 'Training job names must be unique within an AWS account and region, and a training job with this name already exists (arn:aws:sagemaker:eu-west-1:123456789012:training-job/bert-1)'),
      'A training job named "bert-1" already exists: change the job name.'
    ],
    [
      'ResourceInUse',
      awsError('ResourceInUse', 'Resource in use'),
      'A training job named "bert-1" already exists: change the job name.'
    ],
    [
      'ThrottlingException after the retries',
      awsError('ThrottlingException', 'Rate exceeded'),
      'AWS is still throttling requests (sagemaker:CreateTrainingJob) after several retries: wait a minute and try again.'
    ],
    [
      "the proxy's 502",
      new ProxyError('AWS could not be reached at api.sagemaker.eu-west-1.amazonaws.com: timeout', 502, 'unreachable'),
      'AWS could not be reached at api.sagemaker.eu-west-1.amazonaws.com: timeout'
    ],
    [
      "the proxy's refusal",
      new ProxyError('The server has no AWS credentials: set AWS_PROFILE and restart JupyterLab', 401, 'no-credentials'),
      'The server has no AWS credentials: set AWS_PROFILE and restart JupyterLab'
    ],
    [
      'NoSuchBucket',
      awsError('NoSuchBucket', 'The specified bucket does not exist', 404),
      'The bucket sagemaker-eu-west-1-123456789012 does not exist: create the default bucket (Settings → SageMaker NLP training) or choose a bucket that exists in eu-west-1.'
    ],
    [
      'no answer from the Jupyter server',
      new TypeError('Failed to fetch'),
      'Could not reach the Jupyter server (Failed to fetch): check that it is still running, then try again.'
    ],
    [
      'anything else',
      awsError('ValidationException', "Value 'ml.nope' at 'resourceConfig.instanceType' failed to satisfy constraint"),
      "AWS refused sagemaker:CreateTrainingJob: Value 'ml.nope' at 'resourceConfig.instanceType' failed to satisfy constraint"
    ]
  ])('%s', (_, error, message) => {
    const explained = explainAwsError(error, CREATE);
    expect(explained).toBeInstanceOf(SageMakerError);
    expect(explained.message).toBe(message);
    expect(explained.cause).toBe(error);
    expect(explained.action).toBe('sagemaker:CreateTrainingJob');
  });

  it('says an interrupted upload created nothing', () => {
    expect(new UploadInterruptedError(new TypeError('network error')).message).toBe(
      'The upload of sourcedir.tar.gz was interrupted (network error): nothing was created; try again.'
    );
  });

  it('says a taken source key leaves the object alone; the submit names the job', () => {
    const refused = awsError('PreconditionFailed', 'At least one of the pre-conditions you specified did not hold', 412);
    const exists = new SourceExistsError('s3://b/bert-1/source/sourcedir.tar.gz', refused);
    expect(exists.message).toBe(
      's3://b/bert-1/source/sourcedir.tar.gz already exists: it was left as it is, and nothing was created.'
    );
    expect(exists.cause).toBe(refused);
    const named = jobNameInUse('bert-1', 's3:PutObject', exists);
    expect(named.message).toBe(explainAwsError(awsError('ResourceInUse', ''), CREATE).message);
    expect([named.code, named.action, named.cause]).toEqual(['ResourceInUse', 's3:PutObject', exists]);
  });

  it('keeps an explained error as it is', () => {
    const explained = new UploadInterruptedError(new Error('x'));
    expect(explainAwsError(explained, CREATE)).toBe(explained);
  });

  it('reads principal and action from an IAM denial', () => {
    expect(
      parseAccessDenied(
        'User: arn:aws:iam::123456789012:user/bob is not authorized to perform: logs:GetLogEvents on resource: arn:aws:logs:…'
      )
    ).toEqual({
      principal: 'arn:aws:iam::123456789012:user/bob',
      action: 'logs:GetLogEvents'
    });
    expect(parseAccessDenied('Access Denied')).toEqual({});
  });
});
