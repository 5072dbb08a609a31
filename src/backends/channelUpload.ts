import {
  DeleteObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  S3Client
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { UUID } from '@lumino/coreutils';
import { ServerConnection } from '@jupyterlab/services';
import { folderManifest, IManifestFile, readFileBytes } from '../api/folderManifest';
import type { IChannelUpload } from '../training/plan';
import { splitS3Uri } from '../training/sagemakerOptions';
import { diffChannel, IStoredObject } from './channelDiff';
import { explainAwsError, SageMakerError } from './sagemakerErrors';
import { mapLimit } from './mapLimit';
import { PART_SIZE, UPLOAD_MARK } from './sagemakerUpload';
import type { IChannelUploadProgress } from '../tokens';

/** The ETag we computed for an object, kept in its metadata (KMS ETags are not MD5s). */
export const ETAG_METADATA = 'sagemaker-nlp-etag';

/** Files sent at once. */
export const UPLOAD_CONCURRENCY = 4;

/** How S3 must store the channels' files. */
export interface IChannelStorage {
  /** `AES256` keeps ETags equal to MD5s; with a KMS key, `aws:kms`. */
  serverSideEncryption: 'AES256' | 'aws:kms';
  kmsKeyId?: string;
  /** Set for the SDK's own default bucket, against bucket squatting. */
  expectedBucketOwner?: string;
}

/**
 * SSE-S3 unless the user chose a KMS key (the SDK's `upload_data` sets no
 * encryption; SSE-S3 is what a bucket does by default, and keeps ETags MD5s),
 * and the caller's account as owner of the SDK's generated default bucket.
 */
export function channelStorageFor(
  bucket: string,
  kmsKeyId: string | undefined,
  region: string,
  account: string | undefined
): IChannelStorage {
  const isGeneratedDefault = !!account && bucket === `sagemaker-${region}-${account}`;
  return {
    serverSideEncryption: kmsKeyId ? 'aws:kms' : 'AES256',
    ...(kmsKeyId && { kmsKeyId }),
    ...(isGeneratedDefault && { expectedBucketOwner: account })
  };
}

/** One object this click wrote: the only kind a rollback deletes. */
export interface IUploadedObject {
  bucket: string;
  key: string;
  etag: string;
}

/** What a submit will send: found by reading only (manifests, listings). */
export interface IChannelFiles {
  pending: IPendingFile[];
  filesUnchanged: number;
  /** `s3://…` of objects at the prefixes that the folders no longer have. */
  stale: string[];
}

export interface IChannelUploadContext {
  s3: S3Client;
  storage: IChannelStorage;
  serverSettings?: ServerConnection.ISettings;
  onProgress?: (progress: Omit<IChannelUploadProgress, 'jobName' | 'stale'>) => void;
}

/** A file to send: its folder, where it goes, and what S3 will call it. */
export interface IPendingFile {
  folder: string;
  bucket: string;
  key: string;
  file: IManifestFile;
}

/**
 * The files of the channel folders that S3 does not already have at their
 * prefixes (same size and ETag). Objects at a prefix that the folder no
 * longer has are left (as the SDK's `upload_data` does: they may be
 * someone's) and answered as `stale`. Writes nothing, so a bad folder is
 * refused before anything is sent.
 */
export async function findChannelFiles(
  uploads: IChannelUpload[],
  context: IChannelUploadContext
): Promise<IChannelFiles> {
  const pending: IPendingFile[] = [];
  const stale: string[] = [];
  let filesUnchanged = 0;
  for (const upload of uploads) {
    const manifest = await folderManifest(upload.folder, PART_SIZE, context.serverSettings);
    if (manifest.files.length === 0) {
      throw new SageMakerError(
        `Channel "${upload.channel}": the folder "${upload.folder}" has no files: put the training data in it, or give the channel an S3 URI.`,
        'EmptyChannelFolder',
        's3:PutObject'
      );
    }
    const [bucket, prefix] = splitS3Uri(upload.s3Uri);
    const stored = await listPrefix(context, bucket, prefix);
    const diff = diffChannel(manifest.files, stored);
    const reallyChanged = await settleMaybeChanged(context, bucket, prefix, diff.maybeChanged);
    filesUnchanged += diff.unchanged.length + diff.maybeChanged.length - reallyChanged.length;
    for (const file of [...diff.changed, ...reallyChanged]) {
      pending.push({ folder: upload.folder, bucket, key: prefix + file.path, file });
    }
    stale.push(...diff.stale.map(key => `s3://${bucket}/${prefix}${key}`));
  }
  return { pending, filesUnchanged, stale };
}

/**
 * Best effort: deletes what this click wrote, each object only while it is
 * still the one we wrote (`If-Match` our ETag); nothing else is touched.
 */
export async function deleteUploadedObjects(
  s3: S3Client,
  objects: IUploadedObject[],
  storage: Pick<IChannelStorage, 'expectedBucketOwner'>
): Promise<void> {
  await mapLimit(objects, UPLOAD_CONCURRENCY, async object => {
    try {
      await s3.send(
        new DeleteObjectCommand({
          Bucket: object.bucket,
          Key: object.key,
          IfMatch: object.etag,
          ...(storage.expectedBucketOwner && {
            ExpectedBucketOwner: storage.expectedBucketOwner
          })
        })
      );
    } catch (error) {
      console.error(
        `sagemaker-nlp: could not delete s3://${object.bucket}/${object.key}`,
        error
      );
    }
  });
}

/** Every object under the prefix (ListObjectsV2, page after page), by key relative to it. */
async function listPrefix(
  context: IChannelUploadContext,
  bucket: string,
  prefix: string
): Promise<Map<string, IStoredObject>> {
  const stored = new Map<string, IStoredObject>();
  let token: string | undefined;
  do {
    const page = await send(context, 's3:ListBucket', bucket, () =>
      context.s3.send(
        new ListObjectsV2Command({
          Bucket: bucket,
          Prefix: prefix,
          ContinuationToken: token,
          ...owner(context.storage)
        })
      )
    );
    for (const object of page.Contents ?? []) {
      if (object.Key) {
        stored.set(object.Key.slice(prefix.length), {
          size: object.Size ?? -1,
          etag: object.ETag ?? ''
        });
      }
    }
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return stored;
}

/** Of the same-size, other-ETag files, those whose object does not carry their ETag in its metadata. */
async function settleMaybeChanged(
  context: IChannelUploadContext,
  bucket: string,
  prefix: string,
  files: IManifestFile[]
): Promise<IManifestFile[]> {
  const changed: IManifestFile[] = [];
  await mapLimit(files, UPLOAD_CONCURRENCY, async file => {
    const head = await send(context, 's3:GetObject', bucket, () =>
      context.s3.send(
        new HeadObjectCommand({ Bucket: bucket, Key: prefix + file.path, ...owner(context.storage) })
      )
    );
    if (head.Metadata?.[ETAG_METADATA] !== file.etag) {
      changed.push(file);
    }
  });
  return changed;
}

/**
 * Sends the files a few at a time, reporting files and bytes done; when one
 * fails, deletes what it sent before it throws.
 */
export async function sendChannelFiles(
  { pending, filesUnchanged }: IChannelFiles,
  context: IChannelUploadContext
): Promise<IUploadedObject[]> {
  const uploaded: IUploadedObject[] = [];
  const bytes = pending.reduce((sum, p) => sum + p.file.size, 0);
  const loaded = new Map<string, number>();
  let bytesDone = 0;
  const report = () =>
    context.onProgress?.({
      filesDone: uploaded.length,
      files: pending.length,
      bytesDone: bytesDone + [...loaded.values()].reduce((a, b) => a + b, 0),
      bytes,
      filesUnchanged
    });
  report();
  try {
    await mapLimit(pending, UPLOAD_CONCURRENCY, async item => {
      const object = await sendFile(item, context, sent => {
        loaded.set(item.key, sent);
        report();
      });
      loaded.delete(item.key);
      bytesDone += item.file.size;
      uploaded.push(object);
      report();
    });
  } catch (error) {
    await deleteUploadedObjects(context.s3, uploaded, context.storage);
    throw error;
  }
  return uploaded;
}

/** One file through lib-storage: one PUT up to PART_SIZE, else parts of PART_SIZE. */
async function sendFile(
  item: IPendingFile,
  context: IChannelUploadContext,
  onBytes: (sent: number) => void
): Promise<IUploadedObject> {
  const path = `${item.folder}/${item.file.path}`;
  // Read before the try: Jupyter's own refusal is not an S3 error.
  const body =
    item.file.size <= PART_SIZE
      ? await readFileBytes(path, undefined, context.serverSettings)
      : rangedStream(path, item.file.size, context.serverSettings);
  const { storage } = context;
  const upload = new Upload({
    client: context.s3,
    params: {
      Bucket: item.bucket,
      Key: item.key,
      Body: body,
      ServerSideEncryption: storage.serverSideEncryption,
      ...(storage.kmsKeyId && { SSEKMSKeyId: storage.kmsKeyId }),
      ...owner(storage),
      Metadata: { [UPLOAD_MARK]: UUID.uuid4(), [ETAG_METADATA]: item.file.etag }
    },
    partSize: PART_SIZE,
    queueSize: 1,
    leavePartsOnError: false
  });
  upload.on('httpUploadProgress', progress => onBytes(progress.loaded ?? 0));
  try {
    const answer = await upload.done();
    return { bucket: item.bucket, key: item.key, etag: answer.ETag ?? item.file.etag };
  } catch (error) {
    throw explain(error, item.bucket, `while uploading ${path}`);
  }
}

/** A big file's bytes, one part-sized `Range` read at a time: never the whole file in memory. */
function rangedStream(
  path: string,
  size: number,
  settings?: ServerConnection.ISettings
): ReadableStream<Uint8Array> {
  let start = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (start >= size) {
        controller.close();
        return;
      }
      const end = Math.min(start + PART_SIZE, size);
      controller.enqueue(await readFileBytes(path, { start, end }, settings));
      start = end;
    }
  });
}

function owner(storage: IChannelStorage): { ExpectedBucketOwner?: string } {
  return storage.expectedBucketOwner
    ? { ExpectedBucketOwner: storage.expectedBucketOwner }
    : {};
}

async function send<T>(
  context: IChannelUploadContext,
  action: string,
  bucket: string,
  call: () => Promise<T>
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw explainAwsError(error, { action, bucket });
  }
}

function explain(error: unknown, bucket: string, what: string): Error {
  if (error instanceof SageMakerError) {
    return error;
  }
  const explained = explainAwsError(error, { action: 's3:PutObject', bucket });
  return new SageMakerError(
    `${explained.message} (${what}; nothing was created).`,
    explained.code,
    explained.action,
    error
  );
}

