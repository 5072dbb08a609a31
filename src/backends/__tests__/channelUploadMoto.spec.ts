/**
 * @jest-environment ./src/aws/__tests__/jsdomWithStreams.js
 */
import {
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client
} from '@aws-sdk/client-s3';
import { DescribeTrainingJobCommand } from '@aws-sdk/client-sagemaker';
import { URLExt } from '@jupyterlab/coreutils';
import { createHash } from 'crypto';
import { ServerConnection } from '@jupyterlab/services';
import { createAwsClients } from '../../aws/clients';
import { createDefaultBucket, getAwsConfig, setAwsConfig } from '../../api/awsConfig';
import { makeJobName } from '../../training/jobName';
import { IAwsClients, IAwsConfig, IChannelUploadProgress } from '../../tokens';
import { ETAG_METADATA } from '../channelUpload';
import { SageMakerBackend } from '../sagemaker';
import { PART_SIZE } from '../sagemakerUpload';
import { spec } from './sagemakerFixtures';

/**
 * A channel folder next to the notebook reaches S3 through the real
 * Jupyter server (manifest route, `/files/`) and the real signing proxy to
 * moto, both started by scripts/aws-stack.sh (`bash scripts/jest.sh`).
 */
const BASE_URL = process.env.SAGEMAKER_NLP_E2E_URL;
if (!BASE_URL) {
  throw new Error(
    'No Jupyter server for the end-to-end test: run `bash scripts/jest.sh <this file>` ' +
      '(it starts moto and a Jupyter server first).'
  );
}
const serverSettings = ServerConnection.makeSettings({
  baseUrl: BASE_URL,
  token: process.env.SAGEMAKER_NLP_E2E_TOKEN ?? ''
});

/** A file under the server's root, through Jupyter's contents API. */
async function putFile(path: string, content: Uint8Array | string): Promise<void> {
  const parts = path.split('/');
  for (let i = 1; i < parts.length; i++) {
    await contents(parts.slice(0, i).join('/'), { type: 'directory' });
  }
  const body =
    typeof content === 'string'
      ? { type: 'file', format: 'text', content }
      : { type: 'file', format: 'base64', content: Buffer.from(content).toString('base64') };
  await contents(path, body);
}

async function contents(path: string, body: object): Promise<void> {
  const url = URLExt.join(serverSettings.baseUrl, 'api/contents', URLExt.encodeParts(path));
  const response = await ServerConnection.makeRequest(
    url,
    { method: 'PUT', body: JSON.stringify(body) },
    serverSettings
  );
  if (!response.ok) {
    throw new Error(`PUT ${path}: ${response.status} ${await response.text()}`);
  }
}

/** The S3 requests that write data, by command name, as the backend's client sends them. */
function countWrites(s3: S3Client): string[] {
  const writes: string[] = [];
  s3.middlewareStack.add(
    (next, context) => async args => {
      if (/^(PutObject|UploadPart|CreateMultipartUpload)Command$/.test(context.commandName ?? '')) {
        writes.push(context.commandName!.replace(/Command$/, ''));
      }
      return next(args);
    },
    { step: 'initialize', name: 'countWrites' }
  );
  return writes;
}

/** CreateTrainingJob refused as SageMaker would refuse it (moto creates any job). */
function refuseCreateTrainingJob(clients: IAwsClients): void {
  clients.sagemaker.middlewareStack.add(
    (next, context) => async args => {
      if (context.commandName === 'CreateTrainingJobCommand') {
        throw Object.assign(new Error('The instance type is not available'), {
          name: 'ResourceLimitExceeded',
          $metadata: { httpStatusCode: 400 }
        });
      }
      return next(args);
    },
    { step: 'initialize', name: 'refuseCreate' }
  );
}

async function listKeys(s3: S3Client, bucket: string, prefix: string) {
  const answer = await s3.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix }));
  return Object.fromEntries((answer.Contents ?? []).map(o => [o.Key!.slice(prefix.length), o]));
}

function bytes(size: number, seed: number): Uint8Array {
  const data = new Uint8Array(size);
  for (let i = 0; i < size; i++) {
    data[i] = (i * 31 + seed) & 0xff;
  }
  return data;
}

describe('local channel folders to S3 through the real proxy to moto', () => {
  const run = `up${Date.now()}`;
  const folder = `${run}/data/train`;
  let config: IAwsConfig;
  let bucket: string;
  let inspect: S3Client;
  const progress: IChannelUploadProgress[] = [];
  const onUploadProgress = (p: IChannelUploadProgress) => void progress.push(p);

  const backendWith = (change?: (clients: IAwsClients) => void) => {
    const clients = createAwsClients({ region: config.region!, serverSettings });
    change?.(clients);
    return {
      writes: countWrites(clients.s3),
      backend: new SageMakerBackend({ config, clients, serverSettings })
    };
  };
  const submit = (backend: SageMakerBackend, base = run) =>
    backend.submit(
      spec({ jobName: makeJobName(base), channels: { train: folder }, instanceType: 'ml.m5.xlarge' }),
      { onUploadProgress }
    );

  beforeAll(async () => {
    config = await setAwsConfig(
      { roleArn: 'arn:aws:iam::123456789012:role/SageMakerRole' },
      serverSettings
    );
    if (config.bucketStatus === 'missing') {
      config = await createDefaultBucket(serverSettings);
    }
    config = await getAwsConfig({ serverSettings });
    bucket = config.bucket!;
    inspect = createAwsClients({ region: config.region!, serverSettings }).s3;
    await putFile(`${folder}/a.csv`, 'text,label\ngood,1\n');
    await putFile(`${folder}/nested/b.csv`, 'text,label\nbad,0\n');
    await putFile(`${folder}/big.bin`, bytes(PART_SIZE + 1024 * 1024, 7));
  }, 60000);

  it('uploads every file once, then nothing, then only what changed', async () => {
    const first = backendWith();
    const job = await submit(first.backend);
    expect(first.writes.filter(w => w === 'PutObject')).toHaveLength(3); // 2 csv + the archive
    expect(first.writes.filter(w => w === 'UploadPart')).toHaveLength(2); // big.bin: 9 MiB
    const prefix = `${run}/input/train/`;
    const stored = await listKeys(inspect, bucket, prefix);
    expect(Object.keys(stored).sort()).toEqual(['a.csv', 'big.bin', 'nested/b.csv']);
    expect(stored['big.bin'].ETag).toMatch(/-2"$/);
    const head = await inspect.send(
      new HeadObjectCommand({ Bucket: bucket, Key: `${prefix}big.bin` })
    );
    // The server's predicted multipart ETag is the one S3 gave.
    expect(head.Metadata?.[ETAG_METADATA]).toBe(stored['big.bin'].ETag);
    expect(head.ServerSideEncryption).toBe('AES256');
    const described = await first.backend.describe(job.name);
    expect(described.name).toBe(job.name);
    const sm = createAwsClients({ region: config.region!, serverSettings }).sagemaker;
    const request = await sm.send(new DescribeTrainingJobCommand({ TrainingJobName: job.name }));
    expect(request.InputDataConfig?.[0].DataSource?.S3DataSource?.S3Uri).toBe(
      `s3://${bucket}/${prefix}`
    );
    const last = progress.filter(p => p.jobName === job.name).pop()!;
    expect(last).toMatchObject({ filesDone: 3, files: 3, filesUnchanged: 0, stale: [] });
    expect(last.bytesDone).toBe(last.bytes);

    const second = backendWith();
    const again = await submit(second.backend);
    expect(second.writes).toEqual(['PutObject']); // the archive only
    expect(progress.filter(p => p.jobName === again.name).pop()).toMatchObject({
      files: 0,
      filesUnchanged: 3
    });

    await putFile(`${folder}/a.csv`, 'text,label\ngood,1\nfine,1\n');
    const third = backendWith();
    await submit(third.backend);
    expect(third.writes).toEqual(['PutObject', 'PutObject']); // a.csv, the archive
    const changed = await listKeys(inspect, bucket, prefix);
    expect(changed['a.csv'].Size).toBe('text,label\ngood,1\nfine,1\n'.length);
    expect(changed['big.bin'].ETag).toBe(stored['big.bin'].ETag);
  }, 120000);

  it('warns of objects at the prefix the folder no longer has, and leaves them', async () => {
    const key = `${run}/input/train/old.csv`;
    await inspect.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'stale' }));
    const { backend } = backendWith();
    const job = await submit(backend);
    expect(progress.filter(p => p.jobName === job.name).pop()?.stale).toEqual([
      `s3://${bucket}/${key}`
    ]);
    expect(Object.keys(await listKeys(inspect, bucket, `${run}/input/train/`))).toContain(
      'old.csv'
    );
  }, 60000);

  it('removes what this click uploaded when CreateTrainingJob fails, and nothing else', async () => {
    const base = `${run}-rollback`;
    const prefix = `${base}/input/train/`;
    // Already there and unchanged: not this click's, so never deleted.
    await inspect.send(
      new PutObjectCommand({ Bucket: bucket, Key: `${prefix}a.csv`, Body: 'text,label\ngood,1\nfine,1\n' })
    );
    const { backend, writes } = backendWith(refuseCreateTrainingJob);
    await expect(submit(backend, base)).rejects.toThrow();
    expect(writes.filter(w => w === 'UploadPart')).toHaveLength(2);
    expect(Object.keys(await listKeys(inspect, bucket, prefix))).toEqual(['a.csv']);
    expect(Object.keys(await listKeys(inspect, bucket, base))).toEqual([`/input/train/a.csv`]);
  }, 60000);

  it('sends no data for a job name already in use', async () => {
    const base = `${run}-taken`;
    const name = makeJobName(base);
    const submitNamed = (backend: SageMakerBackend) =>
      backend.submit(spec({ jobName: name, channels: { train: folder }, instanceType: 'ml.m5.xlarge' }));
    await submitNamed(backendWith().backend);
    await inspect.send(
      new PutObjectCommand({ Bucket: bucket, Key: `${base}/input/train/a.csv`, Body: 'changed!' })
    );
    const again = backendWith();
    await expect(submitNamed(again.backend)).rejects.toThrow(
      `A training job named "${name}" already exists: change the job name.`
    );
    expect(again.writes).toEqual(['PutObject']); // the refused archive, no data
  }, 60000);

  it('trusts the ETag it stored when S3 gives another one (SSE-KMS), and nothing else', async () => {
    const base = `${run}-kms`;
    const local = `${run}/kms`;
    await putFile(`${local}/k.csv`, 'abc');
    const md5 = `"${createHash('md5').update('abc').digest('hex')}"`;
    const key = `${base}/input/train/k.csv`;
    const submitKms = (backend: SageMakerBackend) =>
      backend.submit(
        spec({ jobName: makeJobName(base), channels: { train: local }, instanceType: 'ml.m5.xlarge' })
      );
    // Same size, another ETag, and the ETag we would have stored: ours, unchanged.
    await inspect.send(
      new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'xyz', Metadata: { [ETAG_METADATA]: md5 } })
    );
    const trusted = backendWith();
    await submitKms(trusted.backend);
    expect(trusted.writes).toEqual(['PutObject']); // the archive only
    // Same size, another ETag, no such metadata: uploaded again.
    await inspect.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'xyz' }));
    const other = backendWith();
    await submitKms(other.backend);
    expect(other.writes).toEqual(['PutObject', 'PutObject']);
    const head = await inspect.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    expect(head.ETag).toBe(md5);
  }, 60000);

  it('says which permission a refused upload lacks, and removes the files it had sent', async () => {
    const base = `${run}-denied`;
    const local = `${run}/denied`;
    for (const name of ['a.csv', 'b.csv', 'c.csv', 'd.csv', 'e.csv', 'f.csv']) {
      await putFile(`${local}/${name}`, name);
    }
    const { backend, writes } = backendWith(clients =>
      clients.s3.middlewareStack.add(
        (next, context) => async args => {
          const input = args.input as { Key?: string };
          if (context.commandName === 'PutObjectCommand' && input.Key?.endsWith('/e.csv')) {
            throw Object.assign(new Error('Access Denied'), {
              name: 'AccessDenied',
              $fault: 'client',
              $metadata: { httpStatusCode: 403 }
            });
          }
          return next(args);
        },
        { step: 'initialize', name: 'denyOne' }
      )
    );
    await expect(
      backend.submit(
        spec({ jobName: makeJobName(base), channels: { train: local }, instanceType: 'ml.m5.xlarge' })
      )
    ).rejects.toThrow(
      /not allowed to s3:PutObject: add s3:PutObject to its IAM policy .*\(while uploading .*denied\/e\.csv; nothing was created\)/
    );
    expect(writes.length).toBeGreaterThan(1); // others were sent before the refusal
    expect(await listKeys(inspect, bucket, base)).toEqual({});
  }, 60000);

  it('names the fix for an empty, a missing and an outside folder', async () => {
    await contents(`${run}/empty`, { type: 'directory' });
    const { backend, writes } = backendWith();
    const submitFrom = (location: string) =>
      backend.submit(
        spec({ jobName: makeJobName(run), channels: { train: location }, instanceType: 'ml.m5.xlarge' })
      );
    await expect(submitFrom(`${run}/empty`)).rejects.toThrow(
      `Channel "train": the folder "${run}/empty" has no files: put the training data in it, or give the channel an S3 URI.`
    );
    await expect(submitFrom(`${run}/nope`)).rejects.toThrow(
      `The folder "${run}/nope" does not exist`
    );
    await expect(submitFrom('../elsewhere')).rejects.toThrow('outside the Jupyter root');
    expect(writes).toEqual([]);
  }, 60000);
});
