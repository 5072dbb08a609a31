/**
 * @jest-environment ./src/aws/__tests__/jsdomWithStreams.js
 */
import { GetObjectCommand, HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { createHash, randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { createTarDecoder } from 'modern-tar';
import { createAwsClients } from '../../aws/clients';
import { e2eServer } from '../../aws/__tests__/e2eServer';
import type { IModelRepack } from '../../endpoints/deployPlan';
import { IAwsClients, IAwsConfig } from '../../tokens';
import { isCode, repackModel } from '../modelRepack';
import { SageMakerError } from '../sagemakerErrors';
import { PART_SIZE, UPLOAD_MARK } from '../sagemakerUpload';
import { configuredAws, IModelEntry, objectExists, putModel, refuse } from './motoSeed';

/**
 * The repack through the real Jupyter server's signing proxy to moto
 * (scripts/aws-stack.sh): the model SDK fixture's repack started from
 * becomes the archive the SDK wrote; a 50 MB model streams through, never
 * read far ahead of its upload (bench/model_repack.mjs measures the
 * memory); bad or missing models and refused writes leave nothing.
 */
const { serverSettings } = e2eServer();

const SDK_FIXTURE = JSON.parse(
  fs.readFileSync(
    path.join(__dirname, '../../endpoints/__tests__/fixtures/sdk-deploy/pytorch-inference-script.json'),
    'utf-8'
  )
);

let config: IAwsConfig;
let clients: IAwsClients;
const run = Date.now();

beforeAll(async () => {
  ({ config, clients } = await configuredAws(serverSettings));
});

/** The files of a .tar.gz in S3: name → text (under 1 kB) or sha256 and size. */
async function listing(s3: S3Client, key: string): Promise<Record<string, string>> {
  const answer = await s3.send(new GetObjectCommand({ Bucket: config.bucket!, Key: key }));
  const entries = (answer.Body!.transformToWebStream() as ReadableStream<Uint8Array>)
    .pipeThrough(new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>)
    .pipeThrough(createTarDecoder());
  const files: Record<string, string> = {};
  const reader = entries.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) {
      break;
    }
    const hash = createHash('sha256');
    let size = 0;
    const parts: Uint8Array[] = [];
    const body = value.body.getReader();
    for (;;) {
      const chunk = await body.read();
      if (chunk.done) {
        break;
      }
      hash.update(chunk.value);
      size += chunk.value.length;
      if (size <= 1024) {
        parts.push(chunk.value);
      }
    }
    if (value.header.type === 'file') {
      const name = value.header.name.replace(/^\.?\//, '');
      files[name] =
        size <= 1024 ? Buffer.concat(parts).toString('utf-8') : `sha256:${hash.digest('hex')} ${size}`;
    }
  }
  return files;
}

function repackOf(sourceUri: string, name: string, codeFiles = pytorchCode()): IModelRepack {
  const key = `${name}/model.tar.gz`;
  return {
    sourceUri,
    targetUri: `s3://${config.bucket}/${key}`,
    bucket: config.bucket!,
    key,
    codeFiles
  };
}

function pytorchCode(): { path: string; content: string }[] {
  return [{ path: 'inference.py', content: SDK_FIXTURE.choices.inferenceScript.content }];
}

const storage = () => ({
  serverSideEncryption: 'aws:kms' as const,
  expectedBucketOwner: config.account ?? undefined
});

const exists = (key: string) => objectExists(clients.s3, config.bucket!, key);

/** Random bytes, 1 MiB at a time, hashed as they are made. */
function randomModel(size: number): { body: IModelEntry['body']; digest: () => string } {
  const hash = createHash('sha256');
  return {
    body: {
      size,
      chunks: async function* () {
        for (let done = 0; done < size; done += 1 << 20) {
          const chunk = new Uint8Array(randomBytes(Math.min(1 << 20, size - done)));
          hash.update(chunk);
          yield chunk;
        }
      }
    },
    digest: () => hash.digest('hex')
  };
}

describe('repackModel against moto through the proxy', () => {
  it('replaces code/ as the SDK did and keeps the model files unchanged', async () => {
    const files = SDK_FIXTURE.repack.modelFiles as Record<string, string>;
    const entries: IModelEntry[] = [
      { name: 'tokenizer/', type: 'directory' },
      { name: 'code/', type: 'directory' },
      ...Object.entries(files).map(([name, body]) => ({ name, body }))
    ];
    const key = `repack-src-${run}/output/model.tar.gz`;
    const source = await putModel(clients.s3, config.bucket!, key, entries);
    const uploaded = await repackModel(clients.s3, repackOf(source, `repacked-${run}`), storage());
    expect(await listing(clients.s3, `repacked-${run}/model.tar.gz`)).toEqual(SDK_FIXTURE.repack.files);
    const head = await clients.s3.send(
      new HeadObjectCommand({ Bucket: config.bucket!, Key: `repacked-${run}/model.tar.gz` })
    );
    expect(head.Metadata?.[UPLOAD_MARK]).toBe(uploaded.mark);
    expect(head.ServerSideEncryption).toBe('aws:kms');
  });

  it('drops code entries however the model names them', () => {
    expect(['code', 'code/', './code/a.py', '/code/x', 'code/lib/y.py'].every(isCode)).toBe(true);
    expect(['codes/a.py', 'model/code/a.py', 'x.code', './model.pth'].some(isCode)).toBe(false);
  });

  it('keeps ./-prefixed model entries as they are', async () => {
    const source = await putModel(clients.s3, config.bucket!, `dot-src-${run}/model.tar.gz`, [
      { name: './', type: 'directory' },
      { name: './model.pth', body: 'w' },
      { name: './code/inference.py', body: 'old' }
    ]);
    await repackModel(clients.s3, repackOf(source, `dot-${run}`), storage());
    expect(await listing(clients.s3, `dot-${run}/model.tar.gz`)).toEqual({
      'model.pth': 'w',
      'code/inference.py': SDK_FIXTURE.choices.inferenceScript.content
    });
  });

  it('streams a 50 MB model in parts, never holding much more than a part', async () => {
    const size = 50 * 1024 * 1024;
    const weights = randomModel(size);
    const source = await putModel(clients.s3, config.bucket!, `big-src-${run}/model.tar.gz`, [
      { name: 'model.pth', body: weights.body },
      { name: 'config.json', body: '{}' }
    ]);
    const digest = weights.digest();
    // Bytes read from S3 and not yet sent back in a part: what the repack holds.
    let read = 0;
    let sent = 0;
    let ahead = 0;
    let parts = 0;
    const s3 = createAwsClients({ region: config.region!, serverSettings }).s3;
    s3.middlewareStack.add(
      (next, context) => async args => {
        if (context.commandName === 'UploadPartCommand') {
          parts++;
          sent += ((args.input as { Body: Uint8Array }).Body).byteLength;
        }
        const result = await next(args);
        if (context.commandName === 'GetObjectCommand') {
          const output = result.output as { Body: { transformToWebStream(): ReadableStream } };
          const counted = output.Body.transformToWebStream().pipeThrough(
            new TransformStream<Uint8Array, Uint8Array>({
              transform(chunk, controller) {
                read += chunk.length;
                ahead = Math.max(ahead, read - sent);
                controller.enqueue(chunk);
              }
            })
          );
          output.Body = { transformToWebStream: () => counted };
        }
        return result;
      },
      { step: 'initialize', name: 'countBytes' }
    );
    const started = Date.now();
    await repackModel(s3, repackOf(source, `big-${run}`), storage());
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `repack of a 50 MiB model through the proxy: ${seconds.toFixed(1)} s, ` +
        `${(size / 1e6 / seconds).toFixed(1)} MB/s, at most ${(ahead / 2 ** 20).toFixed(1)} MiB read ahead of the upload`
    );
    expect(read).toBeGreaterThan(size);
    expect(parts).toBeGreaterThanOrEqual(6);
    // The whole model would be 50 MiB ahead; a part (8 MiB) filling, one in the packer's queue.
    expect(ahead).toBeLessThan(3 * PART_SIZE);
    expect(await listing(clients.s3, `big-${run}/model.tar.gz`)).toEqual({
      'model.pth': `sha256:${digest} ${size}`,
      'config.json': '{}',
      'code/inference.py': SDK_FIXTURE.choices.inferenceScript.content
    });
  }, 120_000);

  it('refuses a model that is not a .tar.gz, writing nothing', async () => {
    const key = `bad-src-${run}/model.tar.gz`;
    await new Upload({
      client: clients.s3,
      params: { Bucket: config.bucket!, Key: key, Body: 'not gzip at all' }
    }).done();
    const error = await repackModel(
      clients.s3,
      repackOf(`s3://${config.bucket}/${key}`, `bad-${run}`),
      storage()
    ).catch(e => e);
    expect(error).toBeInstanceOf(SageMakerError);
    expect(error.message).toMatch(
      /model\.tar\.gz is not a gzip-compressed tar archive .*save its model files in \/opt\/ml\/model .*train again/
    );
    expect(await exists(`bad-${run}/model.tar.gz`)).toBe(false);
  });

  it('names the fix for a model that is gone', async () => {
    await expect(
      repackModel(
        clients.s3,
        repackOf(`s3://${config.bucket}/gone-${run}/model.tar.gz`, `gone-${run}`),
        storage()
      )
    ).rejects.toThrow(/is not in S3 any more .*train the job again/);
  });

  it('leaves nothing when S3 refuses the write, and does not hang', async () => {
    const weights = randomModel(20 * 1024 * 1024);
    const source = await putModel(clients.s3, config.bucket!, `refused-src-${run}/model.tar.gz`, [
      { name: 'model.pth', body: weights.body }
    ]);
    const failing = createAwsClients({ region: config.region!, serverSettings }).s3;
    refuse(failing, 'CompleteMultipartUploadCommand', () =>
      Object.assign(new Error('Access Denied'), {
        name: 'AccessDenied',
        $metadata: { httpStatusCode: 403 }
      })
    );
    await expect(
      repackModel(failing, repackOf(source, `refused-${run}`), storage())
    ).rejects.toThrow(
      /The repacked model could not be written to s3:\/\/.*refused-\d+\/model\.tar\.gz: .*Nothing was created\./
    );
    expect(await exists(`refused-${run}/model.tar.gz`)).toBe(false);
  }, 60_000);
});
