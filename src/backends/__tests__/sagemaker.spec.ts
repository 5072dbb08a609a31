/**
 * @jest-environment ./src/aws/__tests__/jsdomWithStreams.js
 */
import { GetMetricDataCommand, CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import {
  CloudWatchLogsClient,
  DescribeLogStreamsCommand,
  GetLogEventsCommand
} from '@aws-sdk/client-cloudwatch-logs';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand
} from '@aws-sdk/client-s3';
import {
  CreateTrainingJobCommand,
  DescribeTrainingJobCommand,
  ListTagsCommand,
  ListTrainingJobsCommand,
  ResourceLimitExceeded,
  SageMakerClient,
  StopTrainingJobCommand
} from '@aws-sdk/client-sagemaker';
import { AwsStub, mockClient } from 'aws-sdk-client-mock';
import { gunzipSync } from 'zlib';
import { unpackTar } from 'modern-tar';
import { buildCreateTrainingJobRequest } from '../../training/request';
import { notebookTags } from '../../training/notebookTags';
import { createAwsClients } from '../../aws/clients';
import { SageMakerBackend } from '../sagemaker';
import { UPLOAD_MARK } from '../sagemakerUpload';
import {
  ACCOUNT,
  BUCKET,
  CONFIG,
  description,
  fakeCatalog,
  IMAGE,
  REGION,
  ROLE,
  spec
} from './sagemakerFixtures';

const sagemaker = mockClient(SageMakerClient);
const s3 = mockClient(S3Client);
const logs = mockClient(CloudWatchLogsClient);
const cloudwatch = mockClient(CloudWatchClient);

const SOURCE_KEY = `${spec().jobName}/source/sourcedir.tar.gz`;

function awsError(name: string, message: string, status = 400): Error {
  return Object.assign(new Error(message), {
    name,
    $fault: 'client',
    $metadata: { httpStatusCode: status }
  });
}

/** S3's refusal of a conditional write (If-None-Match: *) over an existing key. */
const PRECONDITION_FAILED = awsError(
  'PreconditionFailed',
  'At least one of the pre-conditions you specified did not hold',
  412
);
const OUR_ETAG = '"0123456789abcdef0123456789abcdef"';

/** The mark the (first) source upload carried in its metadata. */
function markSent(): string | undefined {
  const [first] = [
    ...calls(s3, PutObjectCommand),
    ...calls(s3, CreateMultipartUploadCommand)
  ];
  return first?.Metadata?.[UPLOAD_MARK];
}

/** Real clients (aws-sdk-client-mock answers for every instance). */
function clients() {
  return createAwsClients({ region: CONFIG.region! });
}

function backend(): SageMakerBackend {
  return new SageMakerBackend({ config: CONFIG, catalog: fakeCatalog(), clients: clients() });
}

/** The inputs a mocked client was sent for one command, in order. */
function calls<T>(
  stub: AwsStub<any, any, any>,
  command: new (...args: any[]) => { input: T }
): NonNullable<T>[] {
  return stub
    .commandCalls(command as any)
    .map(call => call.args[0].input as NonNullable<T>);
}

beforeEach(() => {
  sagemaker.reset();
  s3.reset();
  logs.reset();
  cloudwatch.reset();
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
});

afterEach(() => jest.restoreAllMocks());

describe('SageMakerBackend.submit', () => {
  function acceptEverything(): void {
    s3.on(PutObjectCommand).resolves({ ETag: OUR_ETAG });
    sagemaker.on(CreateTrainingJobCommand).resolves({
      TrainingJobArn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:training-job/x`
    });
  }

  it('uploads sourcedir.tar.gz as the SDK does, then creates the job the SDK would', async () => {
    acceptEverything();
    const catalog = fakeCatalog();
    const sm = new SageMakerBackend({ config: CONFIG, catalog, clients: clients() });
    const job = await sm.submit(spec());

    expect(catalog.requests).toEqual([
      {
        framework: 'pytorch',
        region: REGION,
        version: '2.1',
        pyVersion: 'py310',
        instanceType: 'ml.g5.xlarge'
      }
    ]);
    const [put] = calls(s3, PutObjectCommand);
    expect(put).toMatchObject({
      Bucket: BUCKET,
      Key: SOURCE_KEY,
      ServerSideEncryption: 'aws:kms',
      ExpectedBucketOwner: ACCOUNT,
      // Never over an existing object: that is the name check.
      IfNoneMatch: '*'
    });
    expect(put.Metadata?.[UPLOAD_MARK]).toMatch(/^[0-9a-f-]{36}$/);
    expect(put.SSEKMSKeyId).toBeUndefined();
    const entries = await unpackTar(gunzipSync(put.Body as Uint8Array));
    expect(entries.map(entry => entry.header.name)).toEqual([
      'train.py',
      'requirements.txt'
    ]);

    const [create] = calls(sagemaker, CreateTrainingJobCommand);
    expect(create).toEqual(
      buildCreateTrainingJobRequest(
        spec(),
        { roleArn: ROLE, bucket: BUCKET },
        {
          imageUri: IMAGE,
          region: REGION,
          submitDirS3Uri: `s3://${BUCKET}/${SOURCE_KEY}`
        }
      )
    );
    expect(create.HyperParameters!.sagemaker_submit_directory).toBe(
      JSON.stringify(`s3://${BUCKET}/${SOURCE_KEY}`)
    );
    expect(job).toMatchObject({
      name: spec().jobName,
      target: 'sagemaker',
      framework: 'pytorch',
      status: 'InProgress',
      secondaryStatus: 'Starting',
      notebookPath: 'work/Sentiment (v2).ipynb',
      cellId: 'cell-1'
    });
    // The tags were known from the submit: no ListTags needed.
    expect(calls(sagemaker, ListTagsCommand)).toHaveLength(0);
  });

  it('makes two AWS calls, one after the other: the upload, then CreateTrainingJob', async () => {
    acceptEverything();
    await backend().submit(spec());
    // No DescribeTrainingJob before (name check) nor after (the answer is built from the request).
    expect(sagemaker.calls().map(call => call.args[0].constructor.name)).toEqual([
      'CreateTrainingJobCommand'
    ]);
    expect(s3.calls().map(call => call.args[0].constructor.name)).toEqual([
      'PutObjectCommand'
    ]);
  });

  it('uses the output KMS key for the source, as the SDK does', async () => {
    acceptEverything();
    await backend().submit(
      spec({
        sagemaker: {
          roleArn: '',
          bucket: '',
          outputKmsKeyId: 'arn:aws:kms:eu-west-1:123456789012:key/abc'
        }
      })
    );
    const [put] = calls(s3, PutObjectCommand);
    expect(put).toMatchObject({
      ServerSideEncryption: 'aws:kms',
      SSEKMSKeyId: 'arn:aws:kms:eu-west-1:123456789012:key/abc'
    });
  });

  it('passes the Hugging Face base framework and the distribution to the catalog', async () => {
    acceptEverything();
    const catalog = fakeCatalog();
    await new SageMakerBackend({ config: CONFIG, catalog, clients: clients() }).submit(
      spec({
        framework: 'huggingface',
        frameworkVersion: '4.36',
        baseFrameworkVersion: 'pytorch2.1',
        sagemaker: {
          roleArn: ROLE,
          bucket: BUCKET,
          distribution: { type: 'torch_distributed' }
        },
        instanceType: 'ml.p4d.24xlarge'
      })
    );
    expect(catalog.requests[0]).toMatchObject({
      framework: 'huggingface',
      version: '4.36',
      baseFrameworkVersion: 'pytorch2.1',
      distribution: { torch_distributed: { enabled: true } }
    });
  });

  it('deletes the uploaded archive when CreateTrainingJob fails, only if it is still ours', async () => {
    s3.on(PutObjectCommand).resolves({ ETag: OUR_ETAG });
    s3.on(DeleteObjectCommand).resolves({});
    sagemaker.on(CreateTrainingJobCommand).rejects(
      new ResourceLimitExceeded({
        message:
          "The account-level service limit 'ml.g5.xlarge for training job usage' is 0 Instances",
        $metadata: { httpStatusCode: 400 }
      })
    );
    await expect(backend().submit(spec())).rejects.toThrow(
      /account quota for ml\.g5\.xlarge training is reached.*request an increase in Service Quotas.*or pick another instance type/
    );
    // If-Match: the ETag of what this submit wrote, nothing else.
    expect(calls(s3, DeleteObjectCommand)).toEqual([
      { Bucket: BUCKET, Key: SOURCE_KEY, IfMatch: OUR_ETAG, ExpectedBucketOwner: ACCOUNT }
    ]);
    expect(calls(sagemaker, DescribeTrainingJobCommand)).toHaveLength(0);
  });

  it('never deletes an object another upload wrote', async () => {
    // No ETag in the answer: the clean-up must look at the object's mark.
    s3.on(PutObjectCommand).resolves({});
    s3.on(HeadObjectCommand).resolves({
      ETag: '"theirs"',
      Metadata: { [UPLOAD_MARK]: 'another-upload' }
    });
    sagemaker.on(CreateTrainingJobCommand).rejects(
      awsError('ValidationException', 'Could not assume role')
    );
    await expect(backend().submit(spec())).rejects.toThrow(/Could not assume role/);
    expect(calls(s3, DeleteObjectCommand)).toHaveLength(0);
  });

  it('refuses a job name whose source is already in S3, leaving that object alone', async () => {
    s3.on(PutObjectCommand).rejects(PRECONDITION_FAILED);
    s3.on(HeadObjectCommand).resolves({
      ETag: '"the-first-jobs"',
      Metadata: { [UPLOAD_MARK]: 'the-first-submit' }
    });
    const error = await backend().submit(spec()).catch(e => e);
    expect(error.message).toBe(
      `A training job named "${spec().jobName}" already exists: change the job name.`
    );
    expect(error.code).toBe('ResourceInUse');
    expect(error.cause.cause).toBe(PRECONDITION_FAILED);
    expect(calls(s3, PutObjectCommand)).toEqual([
      expect.objectContaining({ Key: SOURCE_KEY, IfNoneMatch: '*' })
    ]);
    expect(calls(s3, DeleteObjectCommand)).toHaveLength(0);
    expect(sagemaker.calls()).toHaveLength(0);
  });

  it('takes a 412 that meets its own earlier attempt (a lost answer, retried) as uploaded', async () => {
    s3.on(PutObjectCommand).rejects(PRECONDITION_FAILED);
    s3.on(HeadObjectCommand).callsFake(() => ({
      ETag: OUR_ETAG,
      Metadata: { [UPLOAD_MARK]: markSent() }
    }));
    s3.on(DeleteObjectCommand).resolves({});
    sagemaker.on(CreateTrainingJobCommand).rejects(
      awsError('ValidationException', 'Could not assume role')
    );
    await expect(backend().submit(spec())).rejects.toThrow(/Could not assume role/);
    expect(calls(sagemaker, CreateTrainingJobCommand)).toHaveLength(1);
    expect(calls(s3, DeleteObjectCommand)).toEqual([
      { Bucket: BUCKET, Key: SOURCE_KEY, IfMatch: OUR_ETAG, ExpectedBucketOwner: ACCOUNT }
    ]);
  });

  it('refuses a taken name on a multipart upload too, and aborts it', async () => {
    s3.on(CreateMultipartUploadCommand).resolves({ UploadId: 'u-2' });
    s3.on(UploadPartCommand).callsFake(input => ({ ETag: `"${input.PartNumber}"` }));
    s3.on(CompleteMultipartUploadCommand).rejects(PRECONDITION_FAILED);
    s3.on(AbortMultipartUploadCommand).resolves({});
    s3.on(HeadObjectCommand).resolves({ ETag: '"x-2"', Metadata: {} });
    let big = '';
    while (big.length < 16 * 1024 * 1024) {
      big += Math.random().toString(36).slice(2);
    }
    await expect(
      backend().submit(spec({ sourceFiles: [{ path: 'train.py', content: big }] }))
    ).rejects.toThrow(`A training job named "${spec().jobName}" already exists: change the job name.`);
    expect(calls(s3, CompleteMultipartUploadCommand)).toEqual([
      expect.objectContaining({ Key: SOURCE_KEY, UploadId: 'u-2', IfNoneMatch: '*' })
    ]);
    expect(calls(s3, AbortMultipartUploadCommand)).toEqual([
      { Bucket: BUCKET, Key: SOURCE_KEY, UploadId: 'u-2', ExpectedBucketOwner: ACCOUNT }
    ]);
    expect(calls(s3, DeleteObjectCommand)).toHaveLength(0);
    expect(sagemaker.calls()).toHaveLength(0);
  }, 30000);

  it('never creates the job when the upload fails', async () => {
    s3.on(PutObjectCommand).rejects(
      awsError('InternalError', 'We encountered an internal error.', 500)
    );
    await expect(backend().submit(spec())).rejects.toThrow(
      'The upload of sourcedir.tar.gz was interrupted (We encountered an internal error.): nothing was created; try again.'
    );
    expect(calls(sagemaker, CreateTrainingJobCommand)).toHaveLength(0);
  });

  it('cleans up a PUT whose answer was lost only when the object carries its mark', async () => {
    s3.on(PutObjectCommand).rejects(new TypeError('Failed to fetch'));
    s3.on(HeadObjectCommand).callsFake(() => ({
      ETag: OUR_ETAG,
      Metadata: { [UPLOAD_MARK]: markSent() }
    }));
    s3.on(DeleteObjectCommand).resolves({});
    await expect(backend().submit(spec())).rejects.toThrow(
      /upload of sourcedir\.tar\.gz was interrupted.*nothing was created/
    );
    expect(calls(s3, DeleteObjectCommand)).toEqual([
      { Bucket: BUCKET, Key: SOURCE_KEY, IfMatch: OUR_ETAG, ExpectedBucketOwner: ACCOUNT }
    ]);

    s3.reset();
    s3.on(PutObjectCommand).rejects(new TypeError('Failed to fetch'));
    s3.on(HeadObjectCommand).resolves({ ETag: '"theirs"', Metadata: {} });
    await expect(backend().submit(spec())).rejects.toThrow(/was interrupted/);
    expect(calls(s3, DeleteObjectCommand)).toHaveLength(0);
    expect(calls(sagemaker, CreateTrainingJobCommand)).toHaveLength(0);
  });

  it('aborts a multipart upload that fails midway and creates nothing', async () => {
    s3.on(CreateMultipartUploadCommand).resolves({ UploadId: 'u-1' });
    s3.on(UploadPartCommand)
      .resolvesOnce({ ETag: '"1"' })
      .rejects(Object.assign(new TypeError('Failed to fetch'), {}));
    s3.on(AbortMultipartUploadCommand).resolves({});
    // Random text compresses badly: an archive of several parts.
    let big = '';
    while (big.length < 24 * 1024 * 1024) {
      big += Math.random().toString(36).slice(2);
    }
    const error = await backend()
      .submit(spec({ sourceFiles: [{ path: 'train.py', content: big }] }))
      .catch(e => e);
    expect(error.message).toMatch(/upload of sourcedir\.tar\.gz was interrupted.*nothing was created/);
    expect(calls(s3, AbortMultipartUploadCommand)).toEqual([
      expect.objectContaining({ Bucket: BUCKET, Key: SOURCE_KEY, UploadId: 'u-1' })
    ]);
    expect(calls(s3, CompleteMultipartUploadCommand)).toHaveLength(0);
    expect(calls(sagemaker, CreateTrainingJobCommand)).toHaveLength(0);
  }, 30000);

  it('says which permission the upload lacks, and that nothing was created', async () => {
    s3.on(PutObjectCommand).rejects(awsError('AccessDenied', 'Access Denied', 403));
    await expect(backend().submit(spec())).rejects.toThrow(
      "The server's AWS identity is not allowed to s3:PutObject: add s3:PutObject to its IAM policy (see README 'IAM permissions'). Nothing was created."
    );
    expect(calls(sagemaker, CreateTrainingJobCommand)).toHaveLength(0);
  });

  it('checks the choices before touching AWS', async () => {
    await expect(
      backend().submit(spec({ channels: { train: '/home/me/data' } }))
    ).rejects.toThrow(/is not an S3 URI/);
    expect(sagemaker.calls()).toHaveLength(0);
    expect(s3.calls()).toHaveLength(0);
  });
});

describe('SageMakerBackend.list', () => {
  const RUNNING = 'job-running';
  const DONE = ['job-done-1', 'job-done-2'];

  function listAnswer(runningStatus: 'InProgress' | 'Completed' | 'Stopping' | 'Stopped') {
    return {
      TrainingJobSummaries: [
        {
          TrainingJobName: RUNNING,
          TrainingJobArn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:training-job/${RUNNING}`,
          TrainingJobStatus: runningStatus,
          CreationTime: new Date('2026-11-27T11:00:00Z')
        },
        ...DONE.map(name => ({
          TrainingJobName: name,
          TrainingJobArn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:training-job/${name}`,
          TrainingJobStatus: 'Completed' as const,
          CreationTime: new Date('2026-11-27T10:00:00Z')
        }))
      ]
    };
  }

  function describedNames(): string[] {
    return calls(sagemaker, DescribeTrainingJobCommand).map(
      input => input.TrainingJobName!
    );
  }

  it('lists once per cycle and describes only what may still change, or is on screen', async () => {
    sagemaker.on(ListTrainingJobsCommand).resolves(listAnswer('InProgress'));
    sagemaker
      .on(DescribeTrainingJobCommand, { TrainingJobName: RUNNING })
      .resolves(description(RUNNING, 'InProgress', 'Training'));
    for (const name of DONE) {
      sagemaker
        .on(DescribeTrainingJobCommand, { TrainingJobName: name })
        .resolves(description(name, 'Completed', 'Completed'));
    }
    sagemaker.on(ListTagsCommand).resolves({
      Tags: notebookTags('a/b.ipynb', 'c1')
    });
    const sm = backend();

    const first = await sm.list({ scope: 'all', onScreen: new Set(DONE) });
    expect(first.map(job => [job.name, job.status])).toEqual([
      [RUNNING, 'InProgress'],
      [DONE[0], 'Completed'],
      [DONE[1], 'Completed']
    ]);
    expect(describedNames().sort()).toEqual([RUNNING, ...DONE].sort());
    expect(calls(sagemaker, ListTrainingJobsCommand)).toEqual([
      { SortBy: 'CreationTime', SortOrder: 'Descending', MaxResults: 100 }
    ]);

    sagemaker.resetHistory();
    await sm.list({ scope: 'all', onScreen: new Set(DONE) });
    expect(describedNames()).toEqual([RUNNING]);
    expect(calls(sagemaker, ListTrainingJobsCommand)).toHaveLength(1);
    // Tags never change: read once per job.
    expect(calls(sagemaker, ListTagsCommand)).toHaveLength(0);
  });

  it('follows a job from InProgress to Completed, then stops describing it', async () => {
    sagemaker.on(ListTrainingJobsCommand).resolves(listAnswer('InProgress'));
    sagemaker.on(DescribeTrainingJobCommand).callsFake(input =>
      description(input.TrainingJobName, 'Completed', 'Completed')
    );
    sagemaker
      .on(DescribeTrainingJobCommand, { TrainingJobName: RUNNING })
      .resolvesOnce(description(RUNNING, 'InProgress', 'Downloading'))
      .resolvesOnce(description(RUNNING, 'InProgress', 'Training'))
      .resolves(
        description(RUNNING, 'Completed', 'Completed', {
          TrainingEndTime: new Date('2026-11-27T11:30:00Z'),
          BillableTimeInSeconds: 600,
          TrainingTimeInSeconds: 1500,
          FinalMetricDataList: [
            { MetricName: 'loss', Value: 0.12, Timestamp: new Date('2026-11-27T11:29:00Z') }
          ],
          ModelArtifacts: {
            S3ModelArtifacts: `s3://${BUCKET}/${RUNNING}/output/model.tar.gz`
          }
        })
      );
    sagemaker.on(ListTagsCommand).resolves({ Tags: [] });
    const sm = backend();
    const statusOf = async () =>
      (await sm.list()).find(job => job.name === RUNNING)!;

    expect(await statusOf()).toMatchObject({ status: 'InProgress', secondaryStatus: 'Downloading' });
    expect(await statusOf()).toMatchObject({ status: 'InProgress', secondaryStatus: 'Training' });
    sagemaker.on(ListTrainingJobsCommand).resolves(listAnswer('Completed'));
    const done = await statusOf();
    expect(done).toMatchObject({
      status: 'Completed',
      secondaryStatus: 'Completed',
      billableTimeInSeconds: 600,
      trainingTimeInSeconds: 1500,
      modelArtifact: `s3://${BUCKET}/${RUNNING}/output/model.tar.gz`,
      finalMetrics: [{ MetricName: 'loss', Value: 0.12 }]
    });
    sagemaker.resetHistory();
    await sm.list();
    expect(describedNames()).toEqual([]);
  });

  it('stops a job: Stopping, then Stopped', async () => {
    sagemaker.on(ListTrainingJobsCommand).resolves(listAnswer('InProgress'));
    sagemaker.on(DescribeTrainingJobCommand).callsFake(input =>
      description(input.TrainingJobName, 'Completed', 'Completed')
    );
    sagemaker
      .on(DescribeTrainingJobCommand, { TrainingJobName: RUNNING })
      .resolvesOnce(description(RUNNING, 'InProgress', 'Training'))
      .resolvesOnce(description(RUNNING, 'Stopping', 'Stopping'))
      .resolves(description(RUNNING, 'Stopped', 'Stopped'));
    sagemaker.on(StopTrainingJobCommand).resolves({});
    sagemaker.on(ListTagsCommand).resolves({ Tags: [] });
    const sm = new SageMakerBackend({ config: CONFIG, catalog: fakeCatalog(), clients: clients() });
    const statusOf = async () =>
      (await sm.list()).find(job => job.name === RUNNING)!.status;

    expect(await statusOf()).toBe('InProgress');
    await sm.stop(RUNNING);
    expect(calls(sagemaker, StopTrainingJobCommand)).toEqual([
      { TrainingJobName: RUNNING }
    ]);
    // A stop makes the next list fresh, even within the minimum interval.
    sagemaker.on(ListTrainingJobsCommand).resolves(listAnswer('Stopping'));
    expect(await statusOf()).toBe('Stopping');
    await sm.stop(RUNNING);
    sagemaker.on(ListTrainingJobsCommand).resolves(listAnswer('Stopped'));
    expect(await statusOf()).toBe('Stopped');
  });

  it('lists each time it is asked: the jobs model alone decides how often', async () => {
    sagemaker.on(ListTrainingJobsCommand).resolves({ TrainingJobSummaries: [] });
    const sm = backend();
    await sm.list();
    await sm.list();
    expect(calls(sagemaker, ListTrainingJobsCommand)).toHaveLength(2);
  });

  it('describes at most a few finished jobs on screen per cycle, showing the others from the list', async () => {
    const names = Array.from({ length: 14 }, (_, i) => `old-${i}`);
    sagemaker.on(ListTrainingJobsCommand).resolves({
      TrainingJobSummaries: names.map(name => ({
        TrainingJobName: name,
        TrainingJobArn: `arn:x:${name}`,
        TrainingJobStatus: 'Completed',
        SecondaryStatus: 'Completed',
        CreationTime: new Date('2026-11-27T10:00:00Z')
      }))
    });
    sagemaker.on(DescribeTrainingJobCommand).callsFake(input =>
      description(input.TrainingJobName, 'Completed', 'Completed')
    );
    sagemaker.on(ListTagsCommand).resolves({ Tags: [] });
    const sm = backend();
    const onScreen = { scope: 'all' as const, onScreen: new Set(names) };
    const first = await sm.list(onScreen);
    expect(describedNames()).toHaveLength(SageMakerBackend.NEW_DESCRIPTIONS_PER_CYCLE);
    expect(first[13]).toEqual({
      name: 'old-13',
      target: 'sagemaker',
      status: 'Completed',
      secondaryStatus: 'Completed',
      creationTime: new Date('2026-11-27T10:00:00Z'),
      transitions: [],
      finalMetrics: [],
      hyperparameters: {},
      metricDefinitions: []
    });
    sagemaker.resetHistory();
    const second = await sm.list(onScreen);
    expect(describedNames()).toHaveLength(4);
    expect(second[13].metricDefinitions).toHaveLength(2);
  });

  it('names the fix when listing is not allowed', async () => {
    sagemaker.on(ListTrainingJobsCommand).rejects(
      awsError(
        'AccessDeniedException',
        'User: arn:aws:sts::123456789012:assumed-role/Analyst/alice is not authorized to perform: sagemaker:ListTrainingJobs because no identity-based policy allows the sagemaker:ListTrainingJobs action'
      )
    );
    await expect(backend().list()).rejects.toThrow(
      "arn:aws:sts::123456789012:assumed-role/Analyst/alice is not allowed to sagemaker:ListTrainingJobs: add sagemaker:ListTrainingJobs to its IAM policy (see README 'IAM permissions')."
    );
  });
});

describe('SageMakerBackend.describe', () => {
  it('maps the description: transitions, failure, tags decoded', async () => {
    const name = 'job-failed';
    sagemaker.on(DescribeTrainingJobCommand).resolves(
      description(name, 'Failed', 'Failed', {
        FailureReason: 'AlgorithmError: ExecuteUserScriptError: loss is nan',
        TrainingStartTime: new Date('2026-11-27T10:01:00Z'),
        TrainingEndTime: new Date('2026-11-27T10:05:00Z')
      })
    );
    sagemaker.on(ListTagsCommand).resolves({
      Tags: [
        ...notebookTags('work/Sentiment (v2) #1.ipynb', 'cell-9'),
        { Key: 'team', Value: 'nlp' }
      ]
    });
    const job = await backend().describe(name);
    expect(job).toEqual({
      name,
      target: 'sagemaker',
      arn: `arn:aws:sagemaker:eu-west-1:123456789012:training-job/${name}`,
      framework: 'pytorch',
      status: 'Failed',
      secondaryStatus: 'Failed',
      creationTime: new Date('2026-11-27T10:00:00Z'),
      startTime: new Date('2026-11-27T10:01:00Z'),
      endTime: new Date('2026-11-27T10:05:00Z'),
      failureReason: 'AlgorithmError: ExecuteUserScriptError: loss is nan',
      transitions: [
        {
          Status: 'Starting',
          StartTime: new Date('2026-11-27T10:00:01Z'),
          StatusMessage: 'Preparing the instances for training'
        }
      ],
      finalMetrics: [],
      hyperparameters: { epochs: '3', sagemaker_program: '"train.py"' },
      metricDefinitions: [
        { Name: 'loss', Regex: "'loss': ([0-9.]+)" },
        { Name: 'eval_accuracy', Regex: "'eval_accuracy': ([0-9.]+)" }
      ],
      notebookPath: 'work/Sentiment (v2) #1.ipynb',
      cellId: 'cell-9',
      maxRuntimeInSeconds: 86400
    });
    expect(calls(sagemaker, ListTagsCommand)).toEqual([
      { ResourceArn: `arn:aws:sagemaker:${REGION}:${ACCOUNT}:training-job/${name}` }
    ]);
  });
});

describe('SageMakerBackend logs', () => {
  it('lists one stream per host, first host first', async () => {
    const name = 'job-logs';
    logs.on(DescribeLogStreamsCommand).resolves({
      logStreams: [
        { logStreamName: `${name}/algo-2-1764237600` },
        { logStreamName: `${name}/algo-10-1764237600` },
        { logStreamName: `${name}/algo-1-1764237600` },
        { logStreamName: `${name}-other/algo-1-1764237600` }
      ]
    });
    expect(await backend().logStreams(name)).toEqual([
      { name: `${name}/algo-1-1764237600`, host: 'algo-1' },
      { name: `${name}/algo-2-1764237600`, host: 'algo-2' },
      { name: `${name}/algo-10-1764237600`, host: 'algo-10' }
    ]);
    expect(calls(logs, DescribeLogStreamsCommand)).toEqual([
      {
        logGroupName: '/aws/sagemaker/TrainingJobs',
        logStreamNamePrefix: `${name}/`,
        nextToken: undefined
      }
    ]);
  });

  it('pages one stream with the forward token', async () => {
    const name = 'job-logs';
    const stream = `${name}/algo-2-1764237600`;
    logs
      .on(GetLogEventsCommand)
      .resolvesOnce({
        events: [
          { timestamp: 1, message: 'Invoking script' },
          { timestamp: 2, message: "{'loss': 0.5}" }
        ],
        nextForwardToken: 'f/2'
      })
      .resolves({ events: [], nextForwardToken: 'f/2' });
    const sm = backend();
    const first = await sm.logs(name, stream);
    expect(first).toEqual({
      events: [
        { timestamp: 1, message: 'Invoking script' },
        { timestamp: 2, message: "{'loss': 0.5}" }
      ],
      nextToken: 'f/2'
    });
    const second = await sm.logs(name, stream, first.nextToken);
    expect(second).toEqual({ events: [], nextToken: 'f/2' });
    expect(calls(logs, GetLogEventsCommand)).toEqual([
      { logGroupName: '/aws/sagemaker/TrainingJobs', logStreamName: stream, startFromHead: true },
      {
        logGroupName: '/aws/sagemaker/TrainingJobs',
        logStreamName: stream,
        startFromHead: true,
        nextToken: 'f/2'
      }
    ]);
    await expect(sm.logs(name, 'other-job/algo-1-1')).rejects.toThrow(/not a log stream/);
  });

  it('answers no streams while the job has no log yet', async () => {
    logs.on(DescribeLogStreamsCommand).rejects(
      awsError('ResourceNotFoundException', 'The specified log group does not exist.')
    );
    expect(await backend().logStreams('job-new')).toEqual([]);
    expect(calls(logs, GetLogEventsCommand)).toHaveLength(0);
  });
});

describe('SageMakerBackend.metrics', () => {
  it('asks CloudWatch for each metric definition of algo-1, per minute', async () => {
    const name = 'job-metrics';
    sagemaker.on(DescribeTrainingJobCommand).resolves(
      description(name, 'Completed', 'Completed', {
        TrainingStartTime: new Date('2026-11-27T10:01:00Z'),
        TrainingEndTime: new Date('2026-11-27T10:11:00Z')
      })
    );
    sagemaker.on(ListTagsCommand).resolves({ Tags: [] });
    const t = (minute: number) => new Date(Date.UTC(2026, 10, 27, 10, minute));
    cloudwatch
      .on(GetMetricDataCommand)
      .resolvesOnce({
        MetricDataResults: [
          { Id: 'm0', Label: 'loss', Timestamps: [t(2), t(3)], Values: [0.9, 0.7] },
          { Id: 'm1', Label: 'eval_accuracy', Timestamps: [t(3)], Values: [0.6] }
        ],
        NextToken: 'page-2'
      })
      .resolves({
        MetricDataResults: [
          { Id: 'm0', Label: 'loss', Timestamps: [t(4)], Values: [0.5] }
        ]
      });
    const series = await backend().metrics(name);
    expect(series).toEqual([
      { name: 'loss', host: 'algo-1', timestamps: [t(2), t(3), t(4)], values: [0.9, 0.7, 0.5] },
      { name: 'eval_accuracy', host: 'algo-1', timestamps: [t(3)], values: [0.6] }
    ]);
    const [query, second] = calls(cloudwatch, GetMetricDataCommand);
    expect(query).toEqual({
      StartTime: t(0),
      EndTime: t(12),
      ScanBy: 'TimestampAscending',
      NextToken: undefined,
      MetricDataQueries: ['loss', 'eval_accuracy'].map((metric, i) => ({
        Id: `m${i}`,
        Label: metric,
        MetricStat: {
          Metric: {
            Namespace: '/aws/sagemaker/TrainingJobs',
            MetricName: metric,
            Dimensions: [{ Name: 'Host', Value: `${name}/algo-1` }]
          },
          Period: 60,
          Stat: 'Average'
        },
        ReturnData: true
      }))
    });
    expect(second.NextToken).toBe('page-2');
  });
});

describe('SageMakerBackend.metrics of every host, since a time', () => {
  it('asks for each definition on each instance, after the newest point seen', async () => {
    const name = 'job-hosts';
    const t = (minute: number) => new Date(Date.UTC(2026, 10, 27, 10, minute));
    sagemaker.on(DescribeTrainingJobCommand).resolves(
      description(name, 'InProgress', 'Training', {
        TrainingStartTime: t(1),
        ResourceConfig: { InstanceType: 'ml.m5.xlarge', InstanceCount: 2, VolumeSizeInGB: 30 },
        AlgorithmSpecification: {
          TrainingImage: 'image',
          TrainingInputMode: 'File',
          MetricDefinitions: [{ Name: 'loss', Regex: 'loss=([0-9.]+)' }]
        }
      })
    );
    sagemaker.on(ListTagsCommand).resolves({ Tags: [] });
    cloudwatch.on(GetMetricDataCommand).resolves({
      MetricDataResults: [
        // CloudWatch's StartTime is inclusive to the period: drop what was seen.
        { Id: 'm0', Label: 'loss', Timestamps: [t(3), t(4)], Values: [0.7, 0.5] },
        { Id: 'm1', Label: 'loss', Timestamps: [t(4)], Values: [0.6] }
      ]
    });
    const series = await backend().metrics(name, t(3));
    expect(series).toEqual([
      { name: 'loss', host: 'algo-1', timestamps: [t(4)], values: [0.5] },
      { name: 'loss', host: 'algo-2', timestamps: [t(4)], values: [0.6] }
    ]);
    const [query] = calls(cloudwatch, GetMetricDataCommand);
    expect(query.StartTime).toEqual(new Date(t(3).getTime() + 1));
    const hosts = (query.MetricDataQueries ?? []).map(
      q => q.MetricStat?.Metric?.Dimensions?.[0].Value
    );
    expect(hosts).toEqual([`${name}/algo-1`, `${name}/algo-2`]);
  });
});
