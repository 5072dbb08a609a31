import { ServerConnection } from '@jupyterlab/services';
import { requestAPI } from './request';

/**
 * The server's AWS configuration (`/sagemaker-nlp/aws-config`): region,
 * account, execution role and default bucket, discovered as the SageMaker
 * Python SDK does, overridable in the settings.
 */
export interface IAwsConfig {
  /** null (or empty) until a region is set or found. */
  region: string | null;
  /** null when the server has no credentials that AWS accepts. */
  account: string | null;
  roleArn: string | null;
  bucket: string | null;
  /**
   * `missing`: create it (`createDefaultBucket`); `other-region` /
   * `other-owner`: pick another bucket; `unknown`: could not check.
   */
  bucketStatus: BucketStatus;
  onNotebookInstance: boolean;
  /** What keeps SageMaker from working, each naming its fix. */
  problems: string[];
}

export type BucketStatus =
  | 'ok'
  | 'missing'
  | 'other-region'
  | 'other-owner'
  | 'unknown';

/** What the user may set; an empty string goes back to discovery. */
export interface AwsConfigSettings {
  region?: string;
  roleArn?: string;
  bucket?: string;
}

/** How long one answer serves every caller: a click asks from two places. */
const SHARED_FOR_MS = 3000;
let lastAnswer: { at: number; value: Promise<IAwsConfig> } | null = null;

/** The configuration in force. `refresh` discovers anew instead of the server's cached answer. */
export function getAwsConfig(
  options: { refresh?: boolean; serverSettings?: ServerConnection.ISettings } = {}
): Promise<IAwsConfig> {
  const shareable = !options.refresh && !options.serverSettings;
  if (shareable && lastAnswer && Date.now() - lastAnswer.at < SHARED_FOR_MS) {
    return lastAnswer.value;
  }
  const query = options.refresh ? '?refresh=1' : '';
  const value = requestAPI<IAwsConfig>(
    `aws-config${query}`,
    { method: 'GET' },
    options.serverSettings
  );
  if (shareable) {
    lastAnswer = { at: Date.now(), value };
    value.catch(() => (lastAnswer = null));
  }
  return value;
}

/** Forgets the shared answer, after a change on the server. */
function forgetAnswer<T>(change: Promise<T>): Promise<T> {
  lastAnswer = null;
  return change;
}

/** Changes region, role or bucket; answers the configuration in force. */
export function setAwsConfig(
  settings: AwsConfigSettings,
  serverSettings?: ServerConnection.ISettings
): Promise<IAwsConfig> {
  return forgetAnswer(
    requestAPI<IAwsConfig>(
      'aws-config',
      { method: 'PUT', body: JSON.stringify(settings) },
      serverSettings
    )
  );
}

/** Creates the default bucket (`sagemaker-<region>-<account>`); answers the new configuration. */
export function createDefaultBucket(
  serverSettings?: ServerConnection.ISettings
): Promise<IAwsConfig> {
  return forgetAnswer(
    requestAPI<IAwsConfig>('aws-config/bucket', { method: 'POST' }, serverSettings)
  );
}
