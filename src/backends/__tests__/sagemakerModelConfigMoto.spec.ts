/**
 * @jest-environment ./src/aws/__tests__/jsdomWithStreams.js
 */
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { randomFillSync } from 'crypto';
import { packTar } from 'modern-tar';
import { createDefaultBucket, getAwsConfig, setAwsConfig } from '../../api/awsConfig';
import { createAwsClients } from '../../aws/clients';
import { e2eServer } from '../../aws/__tests__/e2eServer';
import { makeJob } from '../../jobs/__tests__/fakes';
import { IAwsClients } from '../../tokens';
import { proposeHfTask, readModelConfig } from '../sagemakerModelConfig';

/**
 * The task proposed from the config.json inside a job's model.tar.gz, read
 * from moto's S3 through the real Jupyter server's signing proxy
 * (scripts/aws-stack.sh), without downloading more of the archive than it takes.
 */
const { serverSettings } = e2eServer();
const MiB = 1024 * 1024;
const CONFIG = JSON.stringify({ architectures: ['BertForSequenceClassification'], num_labels: 2 });
const run = Date.now();

let clients: IAwsClients;
let bucket: string;

beforeAll(async () => {
  let config = await setAwsConfig({ roleArn: 'arn:aws:iam::123456789012:role/SageMakerRole' }, serverSettings);
  if (config.bucketStatus === 'missing') {
    await createDefaultBucket(serverSettings);
  }
  config = await getAwsConfig({ serverSettings });
  clients = createAwsClients({ region: config.region!, serverSettings });
  bucket = config.bucket!;
});

/** Weights as a model has them: incompressible, so the archive is as big. */
function weights(size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  for (let at = 0; at < size; at += 65536) {
    randomFillSync(bytes.subarray(at, Math.min(size, at + 65536)));
  }
  return bytes;
}

async function seed(name: string, files: Array<[string, string | Uint8Array]>): Promise<string> {
  const tar = await packTar(
    files.map(([path, body]) => {
      const data = typeof body === 'string' ? new TextEncoder().encode(body) : body;
      return { header: { name: path, size: data.byteLength, type: 'file' as const }, body: data };
    })
  );
  const gz = new Uint8Array(
    await new Response(new Response(tar).body!.pipeThrough(new CompressionStream('gzip'))).arrayBuffer()
  );
  return put(name, gz);
}

async function put(name: string, body: Uint8Array | string): Promise<string> {
  const key = `hf-task-${run}/${name}/output/model.tar.gz`;
  await clients.s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
  return `s3://${bucket}/${key}`;
}

function job(modelArtifact: string) {
  return makeJob({ name: 'bert-1', target: 'sagemaker', framework: 'huggingface', status: 'Completed', modelArtifact });
}

describe('proposeHfTask from model.tar.gz in S3', () => {
  let warn: jest.SpyInstance;
  beforeEach(() => {
    warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => warn.mockRestore());

  it('reads a config.json that comes first and stops the download there', async () => {
    const uri = await seed('first', [
      ['config.json', CONFIG],
      ['model.safetensors', weights(16 * MiB)]
    ]);
    expect(await proposeHfTask(clients.s3, job(uri))).toEqual({
      task: 'text-classification',
      architecture: 'BertForSequenceClassification'
    });
    const read = await readModelConfig(clients.s3, uri);
    expect(read.config).toBe(CONFIG);
    // 16 MiB in the object; only the first chunks of it were read.
    expect(read.bytesRead).toBeLessThan(2 * MiB);
    expect(warn).not.toHaveBeenCalled();
  });

  it('reads model/config.json after a large weights file, within the cap', async () => {
    const uri = await seed('after', [
      ['model/pytorch_model.bin', weights(8 * MiB)],
      ['model/config.json', CONFIG],
      ['model/tokenizer.json', weights(8 * MiB)]
    ]);
    const read = await readModelConfig(clients.s3, uri);
    expect(read.config).toBe(CONFIG);
    // Through the weights, but not through the tokenizer after the config.
    expect(read.bytesRead).toBeGreaterThan(8 * MiB);
    expect(read.bytesRead).toBeLessThan(10 * MiB);
    expect((await proposeHfTask(clients.s3, job(uri)))?.task).toBe('text-classification');
  });

  it('gives up at the byte cap when config.json comes later', async () => {
    const uri = await seed('late', [
      ['pytorch_model.bin', weights(8 * MiB)],
      ['config.json', CONFIG]
    ]);
    const read = await readModelConfig(clients.s3, uri, MiB);
    expect(read.config).toBeUndefined();
    expect(read.bytesRead).toBeGreaterThan(MiB);
    expect(read.bytesRead).toBeLessThan(2 * MiB);
  });

  it('proposes nothing for an archive without config.json, or one deeper down', async () => {
    const uri = await seed('none', [
      ['model.joblib', weights(4096)],
      ['a/b/config.json', CONFIG]
    ]);
    expect(await proposeHfTask(clients.s3, job(uri))).toBeUndefined();
    expect(await readModelConfig(clients.s3, uri)).toEqual({ bytesRead: expect.any(Number) });
    expect(warn).not.toHaveBeenCalled();
  });

  it('warns, and does not throw, for an object that is not a .tar.gz or not there', async () => {
    const plain = await put('plain', 'not an archive');
    expect(await proposeHfTask(clients.s3, job(plain))).toBeUndefined();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0][0]).toContain(`${plain} could not be read as a gzip-compressed tar archive`);

    const gone = `s3://${bucket}/hf-task-${run}/missing/output/model.tar.gz`;
    expect(await proposeHfTask(clients.s3, job(gone))).toBeUndefined();
    expect(warn).toHaveBeenCalledTimes(2);
    expect(warn.mock.calls[1][0]).toContain(gone);
  });
});
