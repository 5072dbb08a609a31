// The Jupyter server's `aws-config` routes (docs/aws-api.md); `AwsSession` caches their answers.
import { ServerConnection } from '@jupyterlab/services';
import { AwsConfigSettings, IAwsConfig } from '../tokens';
import { requestAPI } from './request';

/** The configuration in force. `refresh` discovers anew instead of the server's cached answer. */
export function getAwsConfig(
  options: { refresh?: boolean; serverSettings?: ServerConnection.ISettings } = {}
): Promise<IAwsConfig> {
  const query = options.refresh ? '?refresh=1' : '';
  return requestAPI<IAwsConfig>(
    `aws-config${query}`,
    { method: 'GET' },
    options.serverSettings
  );
}

/** Changes region, role or bucket; answers the configuration in force. */
export function setAwsConfig(
  settings: AwsConfigSettings,
  serverSettings?: ServerConnection.ISettings
): Promise<IAwsConfig> {
  return requestAPI<IAwsConfig>(
    'aws-config',
    { method: 'PUT', body: JSON.stringify(settings) },
    serverSettings
  );
}

/** Creates the default bucket (`sagemaker-<region>-<account>`); answers the new configuration. */
export function createDefaultBucket(
  serverSettings?: ServerConnection.ISettings
): Promise<IAwsConfig> {
  return requestAPI<IAwsConfig>('aws-config/bucket', { method: 'POST' }, serverSettings);
}
