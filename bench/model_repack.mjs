// Throughput and memory of the model repack (lib/backends/modelRepack.js):
// a model.tar.gz of MB MiB of random weights (incompressible, the worst case)
// is put in moto's S3, then repacked with an inference script: GetObject →
// gunzip → tar → code/ replaced → tar → gzip → multipart upload. Prints
// MB/s and the peak RSS and live heap + array buffers above the baseline
// (RSS sampled every SAMPLE_MS; with `node --expose-gc`, the live figure is
// measured after a collection every GC_SAMPLE_MS, so it excludes garbage).
// Goal: memory bounded by the part size (8 MiB, one part in flight), not by
// the model's size. Talks to moto directly (the proxy is not in the loop).
//
// Run: npx tsc && node --expose-gc bench/model_repack.mjs   (MB=50,200 by default;
// HANDLER=node for the SDK's Node http handler instead of fetch)
import './libModules.mjs';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const lib = path.resolve(process.env.LIB ?? path.join(root, 'lib'));
const { repackModel } = await import(pathToFileURL(path.join(lib, 'backends/modelRepack.js')).href);
const { S3Client, CreateBucketCommand, HeadObjectCommand } = await import('@aws-sdk/client-s3');
const { Upload } = await import('@aws-sdk/lib-storage');
const { createTarPacker } = await import('modern-tar');
const { FetchHttpHandler } = await import('@smithy/fetch-http-handler');

const SIZES = (process.env.MB ?? '50,200').split(',').map(Number);
const SAMPLE_MS = 20;
// A collection takes a while: the live figure is sampled less often.
const GC_SAMPLE_MS = 250;
const PORT = 5200 + Math.floor(Math.random() * 500);
const URL = `http://127.0.0.1:${PORT}`;
const BUCKET = 'sagemaker-us-east-1-123456789012';

const moto = spawn(path.join(root, '.venv', 'bin', 'moto_server'), ['-H', '127.0.0.1', '-p', String(PORT)], {
  stdio: 'ignore'
});
try {
  await waitFor(URL);
  const s3 = new S3Client({
    region: 'us-east-1',
    endpoint: URL,
    forcePathStyle: true,
    // fetch, as the extension's clients send (src/aws/clients.ts): its body streams with backpressure.
    requestHandler: process.env.HANDLER === 'node' ? undefined : new FetchHttpHandler(),
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' }
  });
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET }));
  console.log(`model MiB | seconds | MB/s | peak RSS +MiB | peak live heap+buffers +MiB${global.gc ? '' : ' (no --expose-gc: includes garbage)'}`);
  for (const mb of SIZES) {
    const source = await putModel(s3, `bench-${mb}/output/model.tar.gz`, mb * 2 ** 20);
    const repack = {
      sourceUri: source,
      targetUri: `s3://${BUCKET}/bench-${mb}-repacked/model.tar.gz`,
      bucket: BUCKET,
      key: `bench-${mb}-repacked/model.tar.gz`,
      codeFiles: [{ path: 'inference.py', content: 'def model_fn(model_dir):\n    return None\n' }]
    };
    global.gc?.();
    const live = () => {
      global.gc?.();
      const m = process.memoryUsage();
      return m.heapUsed + m.arrayBuffers;
    };
    const baseRss = process.memoryUsage().rss;
    const baseLive = live();
    let peakRss = baseRss;
    let peakLive = baseLive;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
    }, SAMPLE_MS);
    const liveSampler = setInterval(() => {
      peakLive = Math.max(peakLive, live());
    }, global.gc ? GC_SAMPLE_MS : SAMPLE_MS);
    const started = performance.now();
    await repackModel(s3, repack, { serverSideEncryption: 'aws:kms' });
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    clearInterval(liveSampler);
    const head = await s3.send(new HeadObjectCommand({ Bucket: BUCKET, Key: repack.key }));
    if (head.ContentLength < mb * 2 ** 20) {
      throw new Error(`the repacked model is ${head.ContentLength} bytes, smaller than its weights`);
    }
    console.log(
      [
        mb,
        seconds.toFixed(2),
        ((mb * 2 ** 20) / 1e6 / seconds).toFixed(1),
        ((peakRss - baseRss) / 2 ** 20).toFixed(0),
        ((peakLive - baseLive) / 2 ** 20).toFixed(0)
      ].join(' | ')
    );
  }
} finally {
  moto.kill('SIGTERM');
}

/** A model.tar.gz with `size` bytes of random weights, streamed into S3. */
async function putModel(s3, key, size) {
  const { readable, controller } = createTarPacker();
  const packing = (async () => {
    const writer = controller.add({ name: 'model.pth', size, type: 'file' }).getWriter();
    for (let done = 0; done < size; done += 2 ** 20) {
      await writer.write(new Uint8Array(randomBytes(Math.min(2 ** 20, size - done))));
    }
    await writer.close();
    controller.finalize();
  })();
  await new Upload({
    client: s3,
    params: { Bucket: BUCKET, Key: key, Body: readable.pipeThrough(new CompressionStream('gzip')) },
    queueSize: 1
  }).done();
  await packing;
  return `s3://${BUCKET}/${key}`;
}

async function waitFor(url) {
  for (let i = 0; i < 300; i++) {
    try {
      await fetch(`${url}/moto-api/`);
      return;
    } catch {
      await new Promise(resolve => setTimeout(resolve, 100));
    }
  }
  throw new Error(`moto did not start at ${url}`);
}
