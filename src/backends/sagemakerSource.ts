import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { unpackTar } from 'modern-tar';
import { IJobSourceFile, textFiles } from './jobSourceFiles';
import { explainAwsError, SageMakerError } from './sagemakerErrors';
import type { Description } from './sagemakerListing';

const SUBMIT_DIRECTORY = 'sagemaker_submit_directory';

/**
 * The files a SageMaker job ran: its `sourcedir.tar.gz` (where the
 * `sagemaker_submit_directory` hyperparameter points), gunzipped and
 * untarred, text files only.
 */
export async function readSubmittedSource(
  s3: S3Client,
  desc: Description,
  region: string
): Promise<IJobSourceFile[]> {
  const uri = submitDirectory(desc);
  const { bucket, key } = splitS3Uri(uri, desc.TrainingJobName ?? '');
  let archive: Uint8Array;
  try {
    const answer = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    archive = await answer.Body!.transformToByteArray();
  } catch (error) {
    throw sourceReadError(error, uri, region);
  }
  let entries;
  try {
    entries = await unpackTar(await gunzip(archive));
  } catch (error) {
    throw new SageMakerError(
      `${uri} is not a gzip-compressed tar archive (${String(error)}): the job's code cannot be shown.`,
      'BadSourceArchive',
      's3:GetObject',
      error
    );
  }
  return textFiles(
    entries
      .filter(entry => entry.header.type === 'file')
      .map(entry => ({
        path: entry.header.name.replace(/^\.\//, ''),
        body: entry.data ?? new Uint8Array()
      }))
  );
}

/** `s3://bucket/key/sourcedir.tar.gz`, JSON-encoded in the hyperparameters as the SDK writes it. */
export function submitDirectory(
  desc: Pick<Description, 'TrainingJobName' | 'HyperParameters'>
): string {
  const encoded = desc.HyperParameters?.[SUBMIT_DIRECTORY];
  if (encoded === undefined) {
    throw new SageMakerError(
      `Job ${desc.TrainingJobName} has no ${SUBMIT_DIRECTORY} hyperparameter: it was not started from a source directory (its code is inside its training image), so there is no code to show.`,
      'NoSourceDirectory',
      'sagemaker:DescribeTrainingJob'
    );
  }
  try {
    const decoded: unknown = JSON.parse(encoded);
    return typeof decoded === 'string' ? decoded : encoded;
  } catch {
    return encoded; // written without the SDK's JSON encoding
  }
}

function splitS3Uri(uri: string, jobName: string): { bucket: string; key: string } {
  const match = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri);
  if (!match) {
    throw new SageMakerError(
      `Job ${jobName}'s ${SUBMIT_DIRECTORY} is ${uri}, not an s3:// URI of an object: its code cannot be read from S3.`,
      'NotAnS3Uri',
      's3:GetObject'
    );
  }
  return { bucket: match[1], key: match[2] };
}

function sourceReadError(error: unknown, uri: string, region: string): SageMakerError {
  const e = (error ?? {}) as { name?: string; $metadata?: { httpStatusCode?: number } };
  if (e.name === 'NoSuchKey' || e.name === 'NoSuchBucket' || e.$metadata?.httpStatusCode === 404) {
    return new SageMakerError(
      `${uri} is not there any more (deleted, or moved by a bucket lifecycle rule): the code this job ran cannot be shown. Keep the job's source prefix to see it.`,
      e.name ?? 'NoSuchKey',
      's3:GetObject',
      error
    );
  }
  const explained = explainAwsError(error, { action: 's3:GetObject', region });
  return new SageMakerError(
    `Reading ${uri}: ${explained.message}`,
    explained.code,
    explained.action,
    error
  );
}

/** gunzip through the platform's DecompressionStream (browsers, Node ≥ 18). */
async function gunzip(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Response(data as BodyInit).body!.pipeThrough(
    new DecompressionStream('gzip')
  );
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
