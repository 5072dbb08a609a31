import {
  AbortMultipartUploadCommand,
  DeleteObjectCommand,
  HeadObjectCommand,
  S3Client
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { UUID } from '@lumino/coreutils';
import { ProxyError } from '../aws/proxyMiddleware';
import { outputPathFor, splitS3Uri } from '../training/sagemakerOptions';
import { ISageMakerOptions } from '../tokens';
import {
  explainAwsError,
  SageMakerError,
  SourceExistsError,
  UploadInterruptedError
} from './sagemakerErrors';

/** Where the source archive goes and how S3 must store it. */
export interface ISourceUpload {
  bucket: string;
  key: string;
  serverSideEncryption: 'aws:kms';
  kmsKeyId?: string;
  /** Set for the SDK's own default bucket, against bucket squatting. */
  expectedBucketOwner?: string;
}

/**
 * How the SageMaker Python SDK v2 (`_stage_user_code_in_s3` and
 * `tar_and_upload_dir`) uploads `sourcedir.tar.gz`: always SSE-KMS, with the
 * output KMS key when the code goes to the output bucket, and the caller's
 * account as ExpectedBucketOwner when the bucket is the generated default.
 */
export function sourceUploadFor(
  submitDirS3Uri: string,
  options: ISageMakerOptions,
  region: string,
  account: string | undefined
): ISourceUpload {
  const [bucket, key] = splitS3Uri(submitDirS3Uri);
  let kmsKeyId = options.outputKmsKeyId;
  if (options.codeLocation) {
    const [outputBucket] = splitS3Uri(outputPathFor(options));
    kmsKeyId = bucket === outputBucket ? kmsKeyId : undefined;
  }
  const isGeneratedDefault =
    !!account && bucket === `sagemaker-${region}-${account}`;
  return {
    bucket,
    key,
    serverSideEncryption: 'aws:kms',
    ...(kmsKeyId && { kmsKeyId }),
    ...(isGeneratedDefault && { expectedBucketOwner: account })
  };
}

/** Multipart above this size, in parts of this size (the proxy takes ≤ 16 MiB a request). */
export const PART_SIZE = 8 * 1024 * 1024;

/**
 * The user-defined metadata (`x-amz-meta-…`) that marks which upload wrote
 * the archive: a random value per upload, so a clean-up can tell our object
 * from anyone else's.
 */
export const UPLOAD_MARK = 'sagemaker-nlp-upload';

/** The object one upload wrote: the only one its clean-up may delete. */
export interface IUploadedSource {
  target: ISourceUpload;
  /** This upload's UPLOAD_MARK value. */
  mark: string;
  /** S3's ETag of what was written, when S3 told it. */
  etag?: string;
}

/**
 * Uploads the archive as a conditional write (`If-None-Match: *`, on the
 * PUT or on CompleteMultipartUpload): an existing object, another job's
 * source, is never overwritten, and S3 refuses it with 412, which is
 * `SourceExistsError`. A 412 met by a retry of our own write (its first
 * answer lost) finds our mark and counts as done.
 *
 * On any other failure S3 keeps nothing of ours: lib-storage aborts a
 * multipart upload whose part failed (`leavePartsOnError: false`), and a
 * single PUT that may have landed is deleted if it carries our mark.
 */
export async function uploadSourceArchive(
  s3: S3Client,
  target: ISourceUpload,
  body: Uint8Array
): Promise<IUploadedSource> {
  const mark = UUID.uuid4();
  const upload = new Upload({
    client: s3,
    params: {
      Bucket: target.bucket,
      Key: target.key,
      Body: body,
      ContentType: 'application/gzip',
      ServerSideEncryption: target.serverSideEncryption,
      ...(target.kmsKeyId && { SSEKMSKeyId: target.kmsKeyId }),
      ...(target.expectedBucketOwner && {
        ExpectedBucketOwner: target.expectedBucketOwner
      }),
      IfNoneMatch: '*',
      Metadata: { [UPLOAD_MARK]: mark }
    },
    partSize: PART_SIZE,
    queueSize: 2,
    leavePartsOnError: false
  });
  try {
    const answer = await upload.done();
    return { target, mark, ...(answer.ETag && { etag: answer.ETag }) };
  } catch (error) {
    if (isPreconditionFailed(error)) {
      if (upload.uploadId) {
        // A refused completion leaves its parts: lib-storage aborts only on a part's failure.
        await abortMultipartUpload(s3, target, upload.uploadId);
      }
      const ours = await ownObject(s3, target, mark);
      if (ours) {
        return ours;
      }
      throw new SourceExistsError(`s3://${target.bucket}/${target.key}`, error);
    }
    await deleteSourceArchive(s3, { target, mark });
    throw uploadFailure(error, target);
  }
}

/**
 * Best effort: deletes what `uploaded` wrote, for a job that was not
 * created, and nothing else. The delete is conditional on the ETag we
 * wrote (`If-Match`); without one, on our mark being on the object.
 */
export async function deleteSourceArchive(
  s3: S3Client,
  uploaded: IUploadedSource
): Promise<void> {
  const { target } = uploaded;
  try {
    const etag = uploaded.etag ?? (await ownObject(s3, target, uploaded.mark))?.etag;
    if (!etag) {
      return;
    }
    await s3.send(
      new DeleteObjectCommand({
        Bucket: target.bucket,
        Key: target.key,
        IfMatch: etag,
        ...(target.expectedBucketOwner && {
          ExpectedBucketOwner: target.expectedBucketOwner
        })
      })
    );
  } catch (error) {
    console.error(
      `sagemaker-nlp: could not delete s3://${target.bucket}/${target.key}`,
      error
    );
  }
}

/** The object at the target, if it carries `mark` (HeadObject); else null. */
async function ownObject(
  s3: S3Client,
  target: ISourceUpload,
  mark: string
): Promise<IUploadedSource | null> {
  try {
    const head = await s3.send(
      new HeadObjectCommand({
        Bucket: target.bucket,
        Key: target.key,
        ...(target.expectedBucketOwner && {
          ExpectedBucketOwner: target.expectedBucketOwner
        })
      })
    );
    if (head?.Metadata?.[UPLOAD_MARK] !== mark || !head.ETag) {
      return null;
    }
    return { target, mark, etag: head.ETag };
  } catch (error) {
    const status = (error as { $metadata?: { httpStatusCode?: number } })
      ?.$metadata?.httpStatusCode;
    if (status !== 404) {
      console.error(
        `sagemaker-nlp: could not read s3://${target.bucket}/${target.key}`,
        error
      );
    }
    return null;
  }
}

async function abortMultipartUpload(
  s3: S3Client,
  target: ISourceUpload,
  uploadId: string
): Promise<void> {
  try {
    await s3.send(
      new AbortMultipartUploadCommand({
        Bucket: target.bucket,
        Key: target.key,
        UploadId: uploadId,
        ...(target.expectedBucketOwner && {
          ExpectedBucketOwner: target.expectedBucketOwner
        })
      })
    );
  } catch (error) {
    console.error(
      `sagemaker-nlp: could not abort the multipart upload of s3://${target.bucket}/${target.key}`,
      error
    );
  }
}

/** S3's answer to a conditional write whose key exists. */
function isPreconditionFailed(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === 'PreconditionFailed' || e?.$metadata?.httpStatusCode === 412;
}

/** A refusal keeps its own fix; a broken transfer says "try again". */
function uploadFailure(error: unknown, target: ISourceUpload): SageMakerError {
  if (isInterruption(error)) {
    return new UploadInterruptedError(error);
  }
  const explained = explainAwsError(error, {
    action: 's3:PutObject',
    bucket: target.bucket
  });
  return new SageMakerError(
    `${explained.message} Nothing was created.`,
    explained.code,
    explained.action,
    error
  );
}

function isInterruption(error: unknown): boolean {
  if (error instanceof ProxyError) {
    return error.reason === 'unreachable';
  }
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  const status = e?.$metadata?.httpStatusCode;
  // No HTTP answer at all: the connection broke, or the upload was aborted.
  if (status === undefined) {
    return true;
  }
  return status >= 500 || e.name === 'RequestTimeout';
}
