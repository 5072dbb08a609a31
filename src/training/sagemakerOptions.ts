import { ISageMakerOptions } from '../tokens';

export const DEFAULT_VOLUME_SIZE_GB = 30;
export const DEFAULT_MAX_RUNTIME_SECONDS = 86400;
/** Python's `logging.INFO`, the SDK's default container log level. */
export const DEFAULT_CONTAINER_LOG_LEVEL = 20;

/** The output path the SDK uses when none is given: `s3://<bucket>/`. */
export function outputPathFor(options: ISageMakerOptions): string {
  return options.outputPath ?? `s3://${options.bucket}/`;
}

/**
 * Where the SDK uploads the source directory for this job, which is what
 * `sagemaker_submit_directory` points at. Without a code location the code
 * goes into the output path's bucket, but not under its prefix: the SDK
 * keeps the prefix only for its own default output path.
 */
export function sourceDirS3Uri(
  jobName: string,
  options: ISageMakerOptions
): string {
  let bucket = options.bucket;
  let prefix = '';
  if (options.codeLocation) {
    [bucket, prefix] = splitS3Uri(options.codeLocation);
  } else if (options.outputPath) {
    [bucket] = splitS3Uri(options.outputPath);
  }
  const key = s3PathJoin(prefix, jobName, 'source', 'sourcedir.tar.gz');
  return `s3://${bucket}/${key}`;
}

/**
 * Where a local channel folder is uploaded: `s3://<bucket>/<base-job-name>/input/<channel>/`,
 * the layout of the SDK's `upload_data` under the job's base name, so every job of the
 * cell shares one copy and the next click uploads only what changed.
 */
export function channelS3Uri(
  jobName: string,
  channel: string,
  options: ISageMakerOptions
): string {
  return `s3://${s3PathJoin(options.bucket, baseJobName(jobName), 'input', channel)}/`;
}

/** The SDK's `base_from_name`: the job name without its `-<timestamp>` tail. */
export function baseJobName(jobName: string): string {
  const match = /^(.+)-(\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2}-\d{3}|\d{12})$/.exec(jobName);
  return match ? match[1] : jobName;
}

/** `s3://bucket/a/b` → `['bucket', 'a/b']`. */
export function splitS3Uri(uri: string): [string, string] {
  const rest = uri.replace(/^s3:\/\//, '');
  const slash = rest.indexOf('/');
  return slash < 0
    ? [rest, '']
    : [rest.slice(0, slash), rest.slice(slash + 1).replace(/^\/+/, '')];
}

/**
 * The SDK's `s3_path_join`: joins with `/`, drops empty parts, collapses
 * repeated slashes (keeping `s3://`) and trims slashes at both ends.
 */
export function s3PathJoin(...parts: string[]): string {
  const joined = parts.filter(part => part !== '').join('/');
  const scheme = joined.startsWith('s3://') ? 's3://' : '';
  const path = joined
    .slice(scheme.length)
    .replace(/\/{2,}/g, '/')
    .replace(/^\/+|\/+$/g, '');
  return scheme + path;
}

/** What the caller has resolved before building the request. */
export interface IRequestContext {
  /** The training image, from the catalog. */
  imageUri: string;
  region: string;
  /** Where `sourcedir.tar.gz` was uploaded (see `sourceDirS3Uri`). */
  submitDirS3Uri: string;
}
