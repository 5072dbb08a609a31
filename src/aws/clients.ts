import { ApplicationAutoScalingClient } from '@aws-sdk/client-application-auto-scaling';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { PricingClient } from '@aws-sdk/client-pricing';
import { S3Client } from '@aws-sdk/client-s3';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { URLExt } from '@jupyterlab/coreutils';
import { ServerConnection } from '@jupyterlab/services';
import { FetchHttpHandler } from '@smithy/fetch-http-handler';
import type { Pluggable } from '@smithy/types';
import { API_NAMESPACE } from '../api/request';
import { IAwsClients } from '../tokens';
import { IThrottleEvent, proxyPlugin } from './proxyMiddleware';

/**
 * AWS SDK v3 clients whose endpoint is the Jupyter server's signing proxy
 * (`<base_url>sagemaker-nlp/aws/<service>/…`). The browser holds no AWS
 * credentials: the clients sign with dummy ones, which the proxy replaces.
 */

/** The services the proxy forwards, by its names (CloudWatch is `monitoring`). */
export type ProxiedService =
  | 'sagemaker'
  | 'sagemaker-runtime'
  | 's3'
  | 'monitoring'
  | 'logs'
  | 'sts'
  | 'application-autoscaling'
  | 'pricing';

/** What the SDK signs with; the proxy throws the signature away. */
export const DUMMY_CREDENTIALS = {
  accessKeyId: 'jupyter',
  secretAccessKey: 'jupyter'
};

/**
 * The Price List API lives in us-east-1 (for the `aws` partition); the proxy
 * picks the real upstream region, this only names one for the SDK.
 */
export const PRICING_REGION = 'us-east-1';

/** The SDK's standard retry mode; throttling backs off between attempts. */
export const MAX_ATTEMPTS = 5;

export interface IAwsClientOptions {
  /** The region of the server's AWS configuration. */
  region: string;
  /** Defaults to `ServerConnection.makeSettings()`. */
  serverSettings?: ServerConnection.ISettings;
  /** Told each time AWS throttles a request that will be retried. */
  onThrottle?: (event: IThrottleEvent) => void;
  /** Defaults to MAX_ATTEMPTS. */
  maxAttempts?: number;
}


/** The absolute URL the SDK sends a service's requests to. */
export function proxyEndpoint(
  service: ProxiedService,
  settings: ServerConnection.ISettings = ServerConnection.makeSettings()
): string {
  const url = URLExt.join(settings.baseUrl, API_NAMESPACE, 'aws', service);
  // A base URL without host (some embeddings) is resolved against the page.
  return typeof location !== 'undefined'
    ? new URL(url, location.href).toString()
    : url;
}

/** The settings every client shares, for one proxied service. */
export function clientConfig(
  service: ProxiedService,
  options: IAwsClientOptions
) {
  const settings = options.serverSettings ?? ServerConnection.makeSettings();
  return {
    region: options.region,
    endpoint: proxyEndpoint(service, settings),
    credentials: DUMMY_CREDENTIALS,
    maxAttempts: options.maxAttempts ?? MAX_ATTEMPTS,
    retryMode: 'standard',
    // fetch everywhere (also under jest), with the page's cookies.
    requestHandler: new FetchHttpHandler({ credentials: 'same-origin' })
  };
}

/** Adds the proxy middleware to a client made with `clientConfig`. */
export function throughProxy<
  T extends { middlewareStack: { use(plugin: Pluggable<any, any>): void } }
>(client: T, service: ProxiedService, options: IAwsClientOptions): T {
  const settings = options.serverSettings ?? ServerConnection.makeSettings();
  client.middlewareStack.use(
    proxyPlugin({
      service,
      auth: { token: settings.token },
      onThrottle: options.onThrottle
    })
  );
  return client;
}

/** One client per service the training backend uses, all through the proxy. */
export function createAwsClients(options: IAwsClientOptions): IAwsClients {
  return {
    sagemaker: throughProxy(
      new SageMakerClient(clientConfig('sagemaker', options)),
      'sagemaker',
      options
    ),
    runtime: throughProxy(
      new SageMakerRuntimeClient(clientConfig('sagemaker-runtime', options)),
      'sagemaker-runtime',
      options
    ),
    autoscaling: throughProxy(
      new ApplicationAutoScalingClient(clientConfig('application-autoscaling', options)),
      'application-autoscaling',
      options
    ),
    s3: throughProxy(
      new S3Client({
        ...clientConfig('s3', options),
        // The bucket goes in the path: the proxy has one host.
        forcePathStyle: true,
        // Checksums only where S3 requires them: no aws-chunked bodies,
        // which the proxy refuses.
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED'
      }),
      's3',
      options
    ),
    cloudwatch: throughProxy(
      new CloudWatchClient(clientConfig('monitoring', options)),
      'monitoring',
      options
    ),
    logs: throughProxy(
      new CloudWatchLogsClient(clientConfig('logs', options)),
      'logs',
      options
    ),
    pricing: throughProxy(
      new PricingClient(
        clientConfig('pricing', { ...options, region: PRICING_REGION })
      ),
      'pricing',
      options
    )
  };
}

/** Closes the clients' connections. */
export function destroyAwsClients(clients: IAwsClients): void {
  for (const client of Object.values(clients)) {
    client.destroy();
  }
}
