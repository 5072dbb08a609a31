import { DeleteObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { ProxyError } from '../aws/proxyMiddleware';
import {
  ISageMakerOptions,
  outputPathFor,
  splitS3Uri
} from '../training/sagemakerOptions';
import {
  explainAwsError,
  SageMakerError,
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
 * Uploads the archive; multipart when large. On failure S3 keeps nothing:
 * lib-storage aborts the multipart upload (`leavePartsOnError: false`), and a
 * single PUT either landed whole or not at all (a lost answer is cleaned up
 * by `deleteSourceArchive`).
 */
export async function uploadSourceArchive(
  s3: S3Client,
  target: ISourceUpload,
  body: Uint8Array
): Promise<void> {
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
      })
    },
    partSize: PART_SIZE,
    queueSize: 2,
    leavePartsOnError: false
  });
  try {
    await upload.done();
  } catch (error) {
    await deleteSourceArchive(s3, target);
    throw uploadFailure(error, target);
  }
}

/** Best effort: what was uploaded for a job that was not created. */
export async function deleteSourceArchive(
  s3: S3Client,
  target: ISourceUpload
): Promise<void> {
  try {
    await s3.send(
      new DeleteObjectCommand({
        Bucket: target.bucket,
        Key: target.key,
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
