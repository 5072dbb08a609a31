import { ServerConnection } from '@jupyterlab/services';
import { ISignal, Signal } from '@lumino/signaling';
import type { IThrottleEvent } from '../aws/proxyMiddleware';
import {
  IJob,
  IJobBackend,
  IJobSpec,
  ILogPage,
  IMetricSeries
} from '../tokens';
import { getAwsConfig, IAwsConfig } from './awsConfig';
import type { SageMakerBackend } from './sagemaker';

/**
 * The SageMaker backend as JupyterLab starts with it: no AWS SDK until it
 * is needed. `list()` answers `[]` while the server has no working AWS
 * configuration, so a local-only user never loads the SDK; anything else
 * loads `./sagemaker` (a separate chunk) on first use.
 */
export class LazySageMakerBackend implements IJobBackend {
  readonly target = 'sagemaker' as const;
  /** SageMaker's states change in tens of seconds; its API is rate-limited. */
  readonly minListInterval = 5000;

  constructor(options: LazySageMakerBackend.IOptions = {}) {
    this._serverSettings = options.serverSettings;
    this._getConfig =
      options.getConfig ??
      (() => getAwsConfig({ serverSettings: this._serverSettings }));
    this._recheck = options.recheckInterval ?? LazySageMakerBackend.RECHECK_INTERVAL;
  }

  /** A request was throttled by AWS and will be retried: say "retrying…". */
  get throttled(): ISignal<this, IThrottleEvent> {
    return this._throttled;
  }

  /** Whether the AWS SDK part has been loaded. */
  get isLoaded(): boolean {
    return this._backend !== null;
  }

  async list(): Promise<IJob[]> {
    if (!this._backend) {
      const config = await this._configIfUsable();
      if (!config) {
        return [];
      }
    }
    return (await this._load()).list();
  }

  async submit(spec: IJobSpec): Promise<IJob> {
    const config = await this._currentConfig(true);
    const missing = submitProblems(config, spec);
    if (missing.length > 0) {
      throw new Error(missing.join('\n'));
    }
    if (this._backend && !sameAccountSetup(this._backend.config, config)) {
      this.reset();
      this._config = { at: Date.now(), value: Promise.resolve(config) };
    }
    return (await this._load()).submit(spec);
  }

  async describe(name: string): Promise<IJob> {
    return (await this._load()).describe(name);
  }

  async stop(name: string): Promise<void> {
    return (await this._load()).stop(name);
  }

  async logs(name: string, nextToken?: string): Promise<ILogPage> {
    return (await this._load()).logs(name, nextToken);
  }

  async metrics(name: string): Promise<IMetricSeries[]> {
    return (await this._load()).metrics(name);
  }

  /**
   * The AWS configuration changed (region, role, bucket): read it again
   * and make new clients on next use.
   */
  reset(): void {
    this._backend?.dispose();
    this._backend = null;
    this._loading = null;
    this._config = null;
  }

  /** Loads the SDK part once, for the configuration in force. */
  private _load(): Promise<SageMakerBackend> {
    if (this._backend) {
      return Promise.resolve(this._backend);
    }
    if (!this._loading) {
      this._loading = (async () => {
        const config = await this._currentConfig(false);
        const { SageMakerBackend } = await import(
          /* webpackChunkName: "sagemaker-backend" */ './sagemaker'
        );
        const backend = new SageMakerBackend({
          config,
          serverSettings: this._serverSettings
        });
        backend.throttled.connect((_, event) => this._throttled.emit(event));
        this._backend = backend;
        return backend;
      })().catch(error => {
        this._loading = null;
        throw error;
      });
    }
    return this._loading;
  }

  /** The configuration when jobs can be listed, else null; asked at most once per interval. */
  private async _configIfUsable(): Promise<IAwsConfig | null> {
    try {
      const config = await this._currentConfig(false);
      return canList(config) ? config : null;
    } catch (error) {
      // No AWS routes on the server: SageMaker is simply unavailable.
      console.error('sagemaker-nlp: reading the AWS configuration failed', error);
      return null;
    }
  }

  private _currentConfig(fresh: boolean): Promise<IAwsConfig> {
    const now = Date.now();
    if (fresh || !this._config || now - this._config.at >= this._recheck) {
      // Failures are remembered too: a server without AWS is not asked every cycle.
      const value = this._getConfig();
      value.catch(() => undefined);
      this._config = { at: now, value };
    }
    return this._config.value;
  }

  private _backend: SageMakerBackend | null = null;
  private _config: { at: number; value: Promise<IAwsConfig> } | null = null;
  private _getConfig: () => Promise<IAwsConfig>;
  private _loading: Promise<SageMakerBackend> | null = null;
  private _recheck: number;
  private _serverSettings: ServerConnection.ISettings | undefined;
  private _throttled = new Signal<this, IThrottleEvent>(this);
}

export namespace LazySageMakerBackend {
  export interface IOptions {
    serverSettings?: ServerConnection.ISettings;
    /** Defaults to `getAwsConfig()` (tests give their own). */
    getConfig?: () => Promise<IAwsConfig>;
    /** How long a configuration is trusted before asking again, in ms. */
    recheckInterval?: number;
  }

  export const RECHECK_INTERVAL = 60000;
}

/**
 * Jobs can be listed once the server has credentials that AWS accepts
 * (an account) and a region; a missing bucket or role only stops submitting.
 */
export function canList(config: IAwsConfig | undefined | null): boolean {
  return !!config && !!config.region && !!config.account;
}

/** Why a job cannot be submitted now, each naming its fix. */
export function submitProblems(config: IAwsConfig, spec: IJobSpec): string[] {
  const problems = config.problems ?? [];
  if (!canList(config)) {
    return problems.length > 0 ? problems : [NO_REGION];
  }
  const found: string[] = [];
  const bucketIssue = config.bucketStatus !== 'ok' && config.bucketStatus !== 'unknown';
  if (!spec.sagemaker?.bucket && bucketIssue) {
    const bucket = config.bucket ?? '';
    const about = problems.filter(problem => !!bucket && problem.includes(bucket));
    found.push(
      ...(about.length > 0
        ? about
        : [`The bucket ${bucket} cannot be used (${config.bucketStatus}): create the default bucket or choose another in ${SETTINGS}.`])
    );
  }
  if (!spec.sagemaker?.roleArn && !config.roleArn) {
    const about = problems.filter(problem => /role/i.test(problem));
    found.push(
      ...(about.length > 0
        ? about
        : [`No SageMaker execution role: set roleArn in ${SETTINGS}.`])
    );
  }
  return found;
}

function sameAccountSetup(a: IAwsConfig, b: IAwsConfig): boolean {
  return (
    a.region === b.region &&
    a.account === b.account &&
    a.roleArn === b.roleArn &&
    a.bucket === b.bucket
  );
}

const SETTINGS = 'Settings → SageMaker NLP training';
const NO_REGION = `No AWS region: set one in ${SETTINGS}.`;
