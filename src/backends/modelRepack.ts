import { AbortMultipartUploadCommand, GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { UUID } from '@lumino/coreutils';
import { createTarDecoder, createTarPacker, TarHeader, TarPackController } from 'modern-tar';
import type { IModelRepack } from '../endpoints/deployPlan';
import { ISourceFile } from '../tokens';
import { ARCHIVE_MTIME } from '../training/sourceArchive';
import { explainAwsError, SageMakerError } from './sagemakerErrors';
import { deleteSourceArchive, IUploadedSource, PART_SIZE, UPLOAD_MARK } from './sagemakerUpload';

/** How S3 must store the repacked model: as the SDK's `_save_model` does. */
export interface IRepackStorage {
  /** The SDK's default `encrypt_repacked_artifacts`. */
  serverSideEncryption: 'aws:kms';
  /** Set for the SDK's own default bucket, against bucket squatting. */
  expectedBucketOwner?: string;
}

/** The folder the SDK replaces: its entries go, the inference code comes in. */
const CODE_DIR = 'code';

/**
 * Repacks the job's model.tar.gz as the SDK's `repack_model` does, as a
 * stream, never the whole model in memory: GetObject → gunzip → tar entries,
 * each passed on unchanged except those under `code/` (the SDK removes the
 * folder and copies its source dir in its place) → the new `code/` →
 * tar → gzip → a multipart upload (parts of PART_SIZE). The object carries
 * UPLOAD_MARK, so a rollback (`deleteSourceArchive`) deletes only it; on a
 * failure nothing of ours is left.
 */
export async function repackModel(
  s3: S3Client,
  repack: IModelRepack,
  storage: IRepackStorage
): Promise<IUploadedSource> {
  const [sourceBucket, sourceKey] = splitS3Uri(repack.sourceUri);
  const abort = new AbortController();
  let source: ReadableStream<Uint8Array>;
  try {
    const answer = await s3.send(
      new GetObjectCommand({ Bucket: sourceBucket, Key: sourceKey }),
      { abortSignal: abort.signal }
    );
    source = answer.Body!.transformToWebStream() as ReadableStream<Uint8Array>;
  } catch (error) {
    throw readError(error, repack.sourceUri, sourceBucket);
  }

  const { readable, controller } = createTarPacker();
  let badArchive: unknown;
  const packing = copyEntries(source, controller, repack.codeFiles).then(
    () => controller.finalize(),
    error => {
      // After an abort (the upload failed first), the read's error is only its echo.
      if (!abort.signal.aborted) {
        badArchive = error;
      }
      controller.error(error);
      abort.abort();
    }
  );

  const mark = UUID.uuid4();
  const target = {
    bucket: repack.bucket,
    key: repack.key,
    serverSideEncryption: storage.serverSideEncryption,
    ...(storage.expectedBucketOwner && { expectedBucketOwner: storage.expectedBucketOwner })
  };
  const upload = new Upload({
    client: s3,
    params: {
      Bucket: repack.bucket,
      Key: repack.key,
      Body: paced(readable, new CompressionStream('gzip')),
      ContentType: 'application/gzip',
      ServerSideEncryption: storage.serverSideEncryption,
      ...(storage.expectedBucketOwner && { ExpectedBucketOwner: storage.expectedBucketOwner }),
      Metadata: { [UPLOAD_MARK]: mark }
    },
    partSize: PART_SIZE,
    queueSize: 1,
    leavePartsOnError: false
  });
  try {
    const answer = await upload.done();
    await packing;
    return { target, mark, ...(answer.ETag && { etag: answer.ETag }) };
  } catch (error) {
    if (badArchive === undefined) {
      // The upload failed first: stop reading the model, and unblock the packer's writes.
      abort.abort();
      controller.error(error);
    }
    await packing;
    if (upload.uploadId) {
      // lib-storage aborts on a part's failure only, not on a refused completion.
      await abortQuietly(s3, repack, upload.uploadId, storage);
    }
    // A single PUT may have landed before the failure was seen.
    await deleteSourceArchive(s3, { target, mark });
    if (badArchive !== undefined) {
      throw archiveError(badArchive, repack.sourceUri);
    }
    throw writeError(error, repack);
  }
}

async function abortQuietly(
  s3: S3Client,
  repack: IModelRepack,
  uploadId: string,
  storage: IRepackStorage
): Promise<void> {
  try {
    await s3.send(
      new AbortMultipartUploadCommand({
        Bucket: repack.bucket,
        Key: repack.key,
        UploadId: uploadId,
        ...(storage.expectedBucketOwner && { ExpectedBucketOwner: storage.expectedBucketOwner })
      })
    );
  } catch (error) {
    console.error(`sagemaker-nlp: could not abort the multipart upload of ${repack.targetUri}`, error);
  }
}

/** The model's entries, `code/` left out, then the new code. */
async function copyEntries(
  source: ReadableStream<Uint8Array>,
  controller: TarPackController,
  codeFiles: ISourceFile[]
): Promise<void> {
  const entries = paced(source, new DecompressionStream('gzip')).pipeThrough(createTarDecoder());
  const reader = entries.getReader();
  for (;;) {
    const { done, value: entry } = await reader.read();
    if (done) {
      break;
    }
    if (isCode(entry.header.name)) {
      await entry.body.cancel();
      continue;
    }
    await entry.body.pipeTo(controller.add(entry.header));
  }
  await writeEntry(controller, codeHeader(`${CODE_DIR}/`, 0, 'directory'));
  const encoder = new TextEncoder();
  for (const file of codeFiles) {
    const body = encoder.encode(file.content);
    await writeEntry(controller, codeHeader(`${CODE_DIR}/${file.path}`, body.length, 'file'), body);
  }
}

const FED = Symbol('fed');

/**
 * `source` through a (De)CompressionStream, fed a chunk at a time only
 * while its output is wanted. Browsers' streams apply backpressure
 * themselves, but Node's (jest, benchmarks) take all their input at once
 * from a steady reader: the whole model would sit in memory.
 */
export function paced(
  source: ReadableStream<Uint8Array>,
  transform: CompressionStream | DecompressionStream
): ReadableStream<Uint8Array> {
  const stream = transform as unknown as TransformStream<Uint8Array, Uint8Array>;
  const input = source.getReader();
  const writer = stream.writable.getWriter();
  const output = stream.readable.getReader();
  let next = output.read();
  let feeding: Promise<typeof FED> | undefined;
  let ended = false;
  const feedOne = async (): Promise<typeof FED> => {
    const { done, value } = await input.read();
    if (done) {
      ended = true;
      await writer.close();
    } else {
      await writer.write(value);
    }
    return FED;
  };
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        for (;;) {
          if (!feeding && !ended) {
            feeding = feedOne();
          }
          const got = await Promise.race(feeding ? [next, feeding] : [next]);
          if (got === FED) {
            feeding = undefined;
            continue;
          }
          next = output.read();
          if (got.done) {
            controller.close();
          } else {
            controller.enqueue(got.value);
          }
          return;
        }
      },
      async cancel(reason) {
        await Promise.allSettled([input.cancel(reason), output.cancel(reason)]);
      }
    },
    { highWaterMark: 0 }
  );
}

/** `code`, `./code/`, `/code/x`: the model's own code folder and what is in it. */
export function isCode(name: string): boolean {
  const path = name.replace(/^(\.?\/)+/, '');
  return path === CODE_DIR || path.startsWith(`${CODE_DIR}/`);
}

async function writeEntry(
  controller: TarPackController,
  header: TarHeader,
  body?: Uint8Array
): Promise<void> {
  const writer = controller.add(header).getWriter();
  if (body?.length) {
    await writer.write(body);
  }
  await writer.close();
}

/** As the SDK's tarfile writes the copied source: root's, 0644 files, 0755 folders. */
function codeHeader(name: string, size: number, type: 'file' | 'directory'): TarHeader {
  return {
    name,
    size,
    type,
    mode: type === 'directory' ? 0o755 : 0o644,
    mtime: ARCHIVE_MTIME,
    uid: 0,
    gid: 0,
    uname: 'root',
    gname: 'root'
  };
}

function splitS3Uri(uri: string): [string, string] {
  const match = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri);
  if (!match) {
    throw new SageMakerError(
      `The model artifact ${uri} is not an s3:// URI of an object: train again so the job has a model.tar.gz in S3.`,
      'NotAnS3Uri',
      's3:GetObject'
    );
  }
  return [match[1], match[2]];
}

function readError(error: unknown, uri: string, bucket: string): SageMakerError {
  const e = (error ?? {}) as { name?: string };
  if (e.name === 'NoSuchKey' || e.name === 'NotFound') {
    return new SageMakerError(
      `The model artifact ${uri} is not in S3 any more (it was deleted or moved): train the job again to make a new model, then deploy that one.`,
      e.name,
      's3:GetObject',
      error
    );
  }
  const explained = explainAwsError(error, { action: 's3:GetObject', bucket });
  return new SageMakerError(
    `The model could not be read for repacking: ${explained.message}`,
    explained.code,
    explained.action,
    error
  );
}

function archiveError(error: unknown, uri: string): SageMakerError {
  return new SageMakerError(
    `The model artifact ${uri} is not a gzip-compressed tar archive (${String(error)}): ` +
      'make the training script save its model files in /opt/ml/model (SageMaker packs that folder) and train again.',
    'BadModelArchive',
    's3:GetObject',
    error
  );
}

function writeError(error: unknown, repack: IModelRepack): SageMakerError {
  const explained = explainAwsError(error, { action: 's3:PutObject', bucket: repack.bucket });
  return new SageMakerError(
    `The repacked model could not be written to ${repack.targetUri}: ${explained.message} Nothing was created.`,
    explained.code,
    explained.action,
    error
  );
}
