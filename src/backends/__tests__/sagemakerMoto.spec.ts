/**
 * @jest-environment ./src/aws/__tests__/jsdomWithStreams.js
 */
import {
  DeleteObjectCommand,
  HeadObjectCommand,
  PutObjectCommand
} from '@aws-sdk/client-s3';
import { DescribeTrainingJobCommand } from '@aws-sdk/client-sagemaker';
import { execFileSync } from 'child_process';
import { ServerConnection } from '@jupyterlab/services';
import { createAwsClients } from '../../aws/clients';
import { createDefaultBucket, getAwsConfig, setAwsConfig } from '../../api/awsConfig';
import { IAwsConfig } from '../../tokens';
import { SageMakerBackend } from '../sagemaker';
import { spec } from './sagemakerFixtures';

/**
 * The backend against a real Jupyter server whose signing proxy points at
 * moto (`AWS_ENDPOINT_URL`), both started by scripts/aws-stack.sh, which
 * sets SAGEMAKER_NLP_E2E_URL (the server's base URL), SAGEMAKER_NLP_E2E_TOKEN
 * and SAGEMAKER_NLP_E2E_MOTO (moto's URL, to seed the job's log and metrics
 * as SageMaker would write them). `make test` does that.
 */
const BASE_URL = process.env.SAGEMAKER_NLP_E2E_URL;
if (!BASE_URL) {
  throw new Error(
    'No Jupyter server for the end-to-end test: run jest through `make jest` or ' +
      '`bash scripts/jest.sh` (they start moto and a Jupyter server first).'
  );
}
const PYTHON = `${__dirname}/../../../.venv/bin/python`;

/** What SageMaker writes while the job runs: its log stream and metrics. */
function seedLogAndMetrics(jobName: string, region: string, metric: string): void {
  const script = `
import boto3, sys, time
job, region, url, metric = sys.argv[1:5]
kw = dict(region_name=region, endpoint_url=url, aws_access_key_id='testing', aws_secret_access_key='testing')
logs = boto3.client('logs', **kw)
group = '/aws/sagemaker/TrainingJobs'
try:
    logs.create_log_group(logGroupName=group)
except logs.exceptions.ResourceAlreadyExistsException:
    pass
stream = f'{job}/algo-1-1764237600'
logs.create_log_stream(logGroupName=group, logStreamName=stream)
now = int(time.time() * 1000)
logs.put_log_events(logGroupName=group, logStreamName=stream, logEvents=[
    {'timestamp': now, 'message': 'Invoking user script'},
    {'timestamp': now + 1, 'message': "{'loss': 0.42}"}])
other = f'{job}/algo-2-1764237600'
logs.create_log_stream(logGroupName=group, logStreamName=other)
logs.put_log_events(logGroupName=group, logStreamName=other, logEvents=[
    {'timestamp': now, 'message': 'algo-2 is ready'}])
cw = boto3.client('cloudwatch', **kw)
cw.put_metric_data(Namespace=group, MetricData=[{'MetricName': metric, 'Value': 0.42,
    'Dimensions': [{'Name': 'Host', 'Value': f'{job}/algo-1'}]}])
`;
  execFileSync(PYTHON, [
    '-c',
    script,
    jobName,
    region,
    process.env.SAGEMAKER_NLP_E2E_MOTO!,
    metric
  ]);
}

describe('SageMakerBackend through the real proxy to moto', () => {
  const serverSettings = ServerConnection.makeSettings({
    baseUrl: BASE_URL ?? 'http://127.0.0.1:1/',
    token: process.env.SAGEMAKER_NLP_E2E_TOKEN ?? ''
  });
  const jobName = `e2e-${Date.now()}`;
  const proxied = (config: IAwsConfig) =>
    createAwsClients({ region: config.region!, serverSettings });

  it('submits, lists, describes, reads logs and metrics', async () => {
    let config = await setAwsConfig(
      { roleArn: 'arn:aws:iam::123456789012:role/SageMakerRole' },
      serverSettings
    );
    if (config.bucketStatus === 'missing') {
      config = await createDefaultBucket(serverSettings);
    }
    config = await getAwsConfig({ serverSettings });
    expect(config.bucketStatus).toBe('ok');
    const region = config.region!;
    const bucket = config.bucket!;

    const backend = new SageMakerBackend({ config, clients: proxied(config) });
    const job = await backend.submit(
      spec({
        jobName,
        channels: { train: `s3://${bucket}/data/train` },
        instanceType: 'ml.m5.xlarge'
      })
    );
    expect(job).toMatchObject({ name: jobName, target: 'sagemaker', notebookPath: 'work/Sentiment (v2).ipynb' });

    const clients = createAwsClients({ region, serverSettings });
    const head = await clients.s3.send(
      new HeadObjectCommand({ Bucket: bucket, Key: `${jobName}/source/sourcedir.tar.gz` })
    );
    expect(head.ServerSideEncryption).toBe('aws:kms');

    // A fresh backend reads the tags back with ListTags.
    const other = new SageMakerBackend({ config, clients: proxied(config) });
    const listed = (await other.list()).find(j => j.name === jobName);
    expect(listed).toMatchObject({
      name: jobName,
      notebookPath: 'work/Sentiment (v2).ipynb',
      cellId: 'cell-1'
    });
    expect(await other.logStreams(jobName)).toEqual([]);
    if (process.env.SAGEMAKER_NLP_E2E_MOTO) {
      // moto replaces the job's metric definitions with its own stub.
      const metric = (await other.describe(jobName)).metricDefinitions[0].Name;
      seedLogAndMetrics(jobName, region, metric);
      const streams = await other.logStreams(jobName);
      expect(streams.map(stream => stream.host)).toEqual(['algo-1', 'algo-2']);
      const page = await other.logs(jobName, streams[0].name);
      expect(page.events.map(event => event.message)).toEqual([
        'Invoking user script',
        "{'loss': 0.42}"
      ]);
      expect((await other.logs(jobName, streams[0].name, page.nextToken)).events).toEqual([]);
      const host2 = await other.logs(jobName, streams[1].name);
      expect(host2.events.map(event => event.message)).toEqual(['algo-2 is ready']);
      const [series] = await other.metrics(jobName);
      expect(series).toMatchObject({ name: metric, host: 'algo-1', values: [0.42] });
      const since = series.timestamps[0];
      expect((await other.metrics(jobName, since))[0].values).toEqual([]);
    }

    // moto takes a duplicate job name: the conditional upload is what refuses it.
    const sourceKey = { Bucket: bucket, Key: `${jobName}/source/sourcedir.tar.gz` };
    const first = await clients.s3.send(new HeadObjectCommand(sourceKey));
    await expect(
      other.submit(
        spec({
          jobName,
          channels: {},
          sourceFiles: [{ path: 'train.py', content: 'print("a second job")\n' }]
        })
      )
    ).rejects.toThrow(`A training job named "${jobName}" already exists: change the job name.`);
    const after = await clients.s3.send(new HeadObjectCommand(sourceKey));
    expect(after.ETag).toBe(first.ETag);
    expect(after.ContentLength).toBe(first.ContentLength);
    expect(after.Metadata).toEqual(first.Metadata);
    backend.dispose();
    other.dispose();
  }, 60000);

  it('never overwrites a source it did not write, even without a job of that name', async () => {
    const config = await getAwsConfig({ serverSettings });
    const clients = createAwsClients({ region: config.region!, serverSettings });
    const name = `${jobName}-taken`;
    const key = { Bucket: config.bucket!, Key: `${name}/source/sourcedir.tar.gz` };
    await clients.s3.send(new PutObjectCommand({ ...key, Body: 'an earlier attempt' }));
    const before = await clients.s3.send(new HeadObjectCommand(key));

    const backend = new SageMakerBackend({ config, clients: proxied(config) });
    await expect(backend.submit(spec({ jobName: name, channels: {} }))).rejects.toThrow(
      `A training job named "${name}" already exists: change the job name.`
    );
    const after = await clients.s3.send(new HeadObjectCommand(key));
    expect(after.ETag).toBe(before.ETag);
    expect(after.ContentLength).toBe('an earlier attempt'.length);
    await expect(
      clients.sagemaker.send(new DescribeTrainingJobCommand({ TrainingJobName: name }))
    ).rejects.toThrow();
    // What the clean-up relies on: a delete conditional on another ETag is refused.
    await expect(
      clients.s3.send(new DeleteObjectCommand({ ...key, IfMatch: '"not-its-etag"' }))
    ).rejects.toMatchObject({ $metadata: { httpStatusCode: 412 } });
    expect((await clients.s3.send(new HeadObjectCommand(key))).ETag).toBe(before.ETag);
    backend.dispose();
  }, 60000);

  it('uploads a large source archive in parts through the proxy', async () => {
    const config = await getAwsConfig({ serverSettings });
    const backend = new SageMakerBackend({ config, clients: proxied(config) });
    let big = '';
    while (big.length < 20 * 1024 * 1024) {
      big += Math.random().toString(36).slice(2);
    }
    const name = `${jobName}-big`;
    await backend.submit(
      spec({ jobName: name, channels: {}, sourceFiles: [{ path: 'train.py', content: big }] })
    );
    const clients = createAwsClients({ region: config.region!, serverSettings });
    const head = await clients.s3.send(
      new HeadObjectCommand({ Bucket: config.bucket!, Key: `${name}/source/sourcedir.tar.gz` })
    );
    expect(head.ContentLength).toBeGreaterThan(8 * 1024 * 1024);
    backend.dispose();
  }, 60000);
});
