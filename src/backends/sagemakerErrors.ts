import { ProxyError } from '../aws/proxyMiddleware';
import { SOURCE_ARCHIVE_NAME } from '../training/sourceArchive';

/**
 * AWS errors as the user should read them: what went wrong and the fix,
 * in one sentence. The original error stays in `cause` for developers.
 */
export class SageMakerError extends Error {
  constructor(
    message: string,
    /** The AWS error code (`AccessDeniedException`…) or our own kind. */
    readonly code: string,
    /** The IAM action that was attempted, e.g. `sagemaker:CreateTrainingJob`. */
    readonly action: string,
    readonly cause?: unknown
  ) {
    super(message);
    this.name = 'SageMakerError';
  }
}

/** What was being done when the error came. */
export interface IErrorContext {
  /** The IAM action, e.g. `s3:PutObject`. */
  action: string;
  jobName?: string;
  instanceType?: string;
  bucket?: string;
  region?: string;
}

export const IAM_README = "see README 'IAM permissions'";

const ACCESS_DENIED = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'AuthorizationError',
  'NotAuthorized'
]);

const EXPIRED = new Set([
  'ExpiredToken',
  'ExpiredTokenException',
  'RequestExpired',
  'TokenRefreshRequired'
]);

const UNRECOGNIZED = new Set([
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'MissingAuthenticationToken'
]);

/** The upload of the source archive failed; nothing was created. */
export class UploadInterruptedError extends SageMakerError {
  constructor(cause: unknown) {
    super(
      `The upload of ${SOURCE_ARCHIVE_NAME} was interrupted (${reasonOf(cause)}): nothing was created; try again.`,
      'UploadInterrupted',
      's3:PutObject',
      cause
    );
    this.name = 'UploadInterruptedError';
  }
}

/**
 * The source archive's key already holds an object this submit did not
 * write (S3 refused the conditional write): it was left as it is.
 */
export class SourceExistsError extends SageMakerError {
  constructor(
    /** `s3://bucket/key` of the object that was there. */
    readonly uri: string,
    cause: unknown
  ) {
    super(
      `${uri} already exists: it was left as it is, and nothing was created.`,
      'SourceExists',
      's3:PutObject',
      cause
    );
    this.name = 'SourceExistsError';
  }
}

/**
 * The job name is taken: SageMaker said so, or the job's source key in S3
 * already holds a job's (or an earlier attempt's) sourcedir.tar.gz.
 */
export function jobNameInUse(
  jobName: string | undefined,
  action: string,
  cause: unknown,
  code = 'ResourceInUse'
): SageMakerError {
  return new SageMakerError(
    `A training job named "${jobName ?? 'this name'}" already exists: change the job name.`,
    code,
    action,
    cause
  );
}

/**
 * The error to show for a failed AWS call: a SageMakerError whose message
 * names the fix. Errors already explained pass through.
 */
export function explainAwsError(
  error: unknown,
  context: IErrorContext
): SageMakerError {
  if (error instanceof SageMakerError) {
    return error;
  }
  const { action } = context;
  if (error instanceof ProxyError) {
    // The proxy's and Jupyter's messages already name their fix.
    return new SageMakerError(error.message, `proxy:${error.reason}`, action, error);
  }
  const e = (error ?? {}) as { name?: string; Code?: string; message?: string };
  const code = e.name || e.Code || 'Error';
  const awsMessage = (e.message ?? '').trim();
  const explain = (message: string) =>
    new SageMakerError(message, code, action, error);

  if (ACCESS_DENIED.has(code)) {
    const denied = parseAccessDenied(awsMessage);
    const who = denied.principal ?? "The server's AWS identity";
    const what = denied.action ?? action;
    return explain(
      `${who} is not allowed to ${what}: add ${what} to its IAM policy (${IAM_README}).`
    );
  }
  if (EXPIRED.has(code)) {
    return explain(
      "The server's AWS credentials expired: refresh them (aws sso login, or new keys) and retry."
    );
  }
  if (UNRECOGNIZED.has(code)) {
    return explain(
      `AWS does not recognize the server's credentials (${code}): check AWS_PROFILE or the access keys the Jupyter server runs with, then restart JupyterLab.`
    );
  }
  if (code === 'ResourceLimitExceeded') {
    const instance = context.instanceType ?? 'this instance type';
    return explain(
      `The account quota for ${instance} training is reached (${awsMessage}): request an increase in Service Quotas (Amazon SageMaker → "${instance} for training job usage") or pick another instance type.`
    );
  }
  if (
    code === 'ResourceInUse' ||
    (code === 'ValidationException' && /already (exists|in use)/i.test(awsMessage))
  ) {
    return jobNameInUse(context.jobName, action, error, code);
  }
  if (code === 'NoSuchBucket') {
    const bucket = context.bucket ?? 'the bucket';
    return explain(
      `The bucket ${bucket} does not exist: create the default bucket (Settings → SageMaker NLP training) or choose a bucket that exists in ${context.region ?? 'the job\'s region'}.`
    );
  }
  if (code === 'ResourceNotFound' && context.jobName) {
    return explain(
      `There is no training job named "${context.jobName}" in ${context.region ?? 'this region'}.`
    );
  }
  if (isThrottling(code)) {
    return explain(
      `AWS is still throttling requests (${action}) after several retries: wait a minute and try again.`
    );
  }
  if (isNetworkError(error)) {
    return explain(
      `Could not reach the Jupyter server (${awsMessage || code}): check that it is still running, then try again.`
    );
  }
  if (code === 'AbortError') {
    return explain(`${action} was cancelled.`);
  }
  return explain(
    `AWS refused ${action}${awsMessage ? `: ${awsMessage}` : ` (${code})`}`
  );
}

/**
 * "User: arn:aws:sts::1:assumed-role/R/s is not authorized to perform:
 * sagemaker:CreateTrainingJob on resource: …" → principal and action.
 */
export function parseAccessDenied(message: string): {
  principal?: string;
  action?: string;
} {
  const principal = /User:\s*(arn:\S+?)\s+is not authorized/i.exec(message)?.[1];
  const action = /to perform:\s*([a-z0-9-]+:[A-Za-z0-9]+)/i.exec(message)?.[1];
  return {
    ...(principal && { principal }),
    ...(action && { action })
  };
}

function isThrottling(code: string): boolean {
  return /Throttl|TooManyRequests|SlowDown|RequestLimitExceeded/.test(code);
}

/** fetch's own failures: the request never got an HTTP answer. */
function isNetworkError(error: unknown): boolean {
  const e = error as { name?: string; message?: string; $metadata?: unknown };
  return (
    e?.name === 'TypeError' &&
    /fetch|network|load failed/i.test(e.message ?? '')
  );
}

function reasonOf(error: unknown): string {
  if (error instanceof Error) {
    return error.message || error.name;
  }
  return String(error);
}
