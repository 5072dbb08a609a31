import { ServerConnection } from '@jupyterlab/services';
import { ISignal, Signal } from '@lumino/signaling';
import {
  createDefaultBucket,
  getAwsConfig,
  setAwsConfig
} from '../api/awsConfig';
import { AwsConfigSettings, IAwsClients, IAwsConfig, IAwsSession } from '../tokens';
import type { IThrottleEvent } from './proxyMiddleware';

/**
 * The one AWS session every AWS-facing part takes: the server's AWS
 * configuration (read once per interval, refreshed on demand, a signal when
 * it changes), and the AWS SDK clients, whose chunk is loaded on first use
 * and which are made anew when the region changes. Nothing here polls: the
 * jobs model decides how often anything is asked.
 */
export class AwsSession implements IAwsSession {
  constructor(options: AwsSession.IOptions = {}) {
    this._serverSettings = options.serverSettings;
    this._readConfig =
      options.readConfig ??
      (() => getAwsConfig({ serverSettings: this._serverSettings }));
    this._recheck = options.recheckInterval ?? AwsSession.RECHECK_INTERVAL;
    this._makeClients = options.makeClients;
  }

  get configChanged(): ISignal<this, IAwsConfig> {
    return this._configChanged;
  }

  get throttled(): ISignal<this, IThrottleEvent> {
    return this._throttled;
  }

  /** The last configuration read, without asking the server; null before the first. */
  get current(): IAwsConfig | null {
    return this._seen;
  }

  /** Whether the AWS SDK chunk has been loaded. */
  get sdkLoaded(): boolean {
    return this._clients !== null;
  }

  /** The configuration in force; `fresh` asks the server again now. */
  config(options: { fresh?: boolean } = {}): Promise<IAwsConfig> {
    const now = Date.now();
    if (options.fresh || !this._config || now - this._config.at >= this._recheck) {
      const value = this._readConfig();
      this._config = { at: now, value };
      value.then(
        config => this._take(config),
        () => {
          if (this._config?.value === value) {
            this._config = null; // ask again next time
          }
        }
      );
    }
    return this._config.value;
  }

  setConfig(settings: AwsConfigSettings): Promise<IAwsConfig> {
    return this._replace(setAwsConfig(settings, this._serverSettings));
  }

  createDefaultBucket(): Promise<IAwsConfig> {
    return this._replace(createDefaultBucket(this._serverSettings));
  }

  /** The clients for the configuration's region, made on first use. */
  async clients(): Promise<IAwsClients> {
    const config = await this.config();
    if (!config.region) {
      throw new Error(NO_REGION);
    }
    const region = config.region;
    if (!this._clients || this._clients.region !== region) {
      this._dropClients();
      const value = this._createClients(region);
      this._clients = { region, value };
      value.catch(() => {
        if (this._clients?.value === value) {
          this._clients = null;
        }
      });
    }
    return this._clients.value;
  }

  get isDisposed(): boolean {
    return this._isDisposed;
  }

  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    this._dropClients();
    Signal.clearData(this);
  }

  private async _createClients(region: string): Promise<IAwsClients> {
    if (this._makeClients) {
      return this._makeClients(region);
    }
    const { createAwsClients } = await import(
      /* webpackChunkName: "aws-sdk" */ './clients'
    );
    return createAwsClients({
      region,
      serverSettings: this._serverSettings,
      onThrottle: event => this._throttled.emit(event)
    });
  }

  private _replace(change: Promise<IAwsConfig>): Promise<IAwsConfig> {
    const value = change.then(config => {
      this._config = { at: Date.now(), value: Promise.resolve(config) };
      this._take(config);
      return config;
    });
    return value;
  }

  /** Remember the answer; say so when what AWS calls depend on changed. */
  private _take(config: IAwsConfig): void {
    const before = this._seen;
    this._seen = config;
    if (before && !sameSetup(before, config)) {
      if (before.region !== config.region) {
        this._dropClients();
      }
      this._configChanged.emit(config);
    }
  }

  private _dropClients(): void {
    const old = this._clients;
    this._clients = null;
    void old?.value.then(clients => {
      for (const client of Object.values(clients)) {
        client.destroy();
      }
    }, () => undefined);
  }

  private _clients: { region: string; value: Promise<IAwsClients> } | null = null;
  private _config: { at: number; value: Promise<IAwsConfig> } | null = null;
  private _configChanged = new Signal<this, IAwsConfig>(this);
  private _isDisposed = false;
  private _makeClients: ((region: string) => Promise<IAwsClients>) | undefined;
  private _readConfig: () => Promise<IAwsConfig>;
  private _recheck: number;
  private _seen: IAwsConfig | null = null;
  private _serverSettings: ServerConnection.ISettings | undefined;
  private _throttled = new Signal<this, IThrottleEvent>(this);
}

export namespace AwsSession {
  export interface IOptions {
    serverSettings?: ServerConnection.ISettings;
    /** Defaults to `GET aws-config` (tests give their own). */
    readConfig?: () => Promise<IAwsConfig>;
    /** How long a configuration is trusted before asking again, in ms. */
    recheckInterval?: number;
    /** Defaults to the AWS SDK clients through the proxy (tests give mocks). */
    makeClients?: (region: string) => Promise<IAwsClients>;
  }

  export const RECHECK_INTERVAL = 60000;
}

function sameSetup(a: IAwsConfig, b: IAwsConfig): boolean {
  return (
    a.region === b.region &&
    a.account === b.account &&
    a.roleArn === b.roleArn &&
    a.bucket === b.bucket &&
    a.bucketStatus === b.bucketStatus
  );
}

const NO_REGION = 'No AWS region: set one in Settings → SageMaker NLP training.';
