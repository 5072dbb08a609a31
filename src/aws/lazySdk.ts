import type { IAwsClients, IAwsConfig, IAwsSession } from '../tokens';

/**
 * Jobs can be listed once the server has credentials that AWS accepts
 * (an account) and a region; a missing bucket or role only stops submitting.
 */
export function canList(config: IAwsConfig | undefined | null): boolean {
  return !!config && !!config.region && !!config.account;
}

/** What the session gives an SDK part: its configuration, clients and region. */
export interface ISessionAws {
  config: IAwsConfig;
  clients: IAwsClients;
  region: string;
}

/**
 * A part built on the AWS SDK chunk, made on first use from the session and
 * made anew after the session's configuration changes. Until the session can
 * list, `loadIfListable()` answers null without loading anything, so a
 * local-only user never loads the SDK.
 */
export class LazySdk<T> {
  constructor(options: LazySdk.IOptions<T>) {
    this._options = options;
    options.session.configChanged.connect(this.reset, this);
  }

  /** The part once made for the configuration in force, else null. */
  get loaded(): T | null {
    return this._loaded;
  }

  /** The part, or null while the session's configuration cannot list. */
  async loadIfListable(): Promise<T | null> {
    if (!this._loading && !(await this._canList())) {
      return null;
    }
    return this.load();
  }

  /** Makes the part once, for the configuration in force. */
  load(): Promise<T> {
    if (!this._loading) {
      const loading: Promise<T> = this._options.make().then(part => {
        if (this._loading === loading) {
          this._loaded = part; // not reset meanwhile
        }
        return part;
      });
      loading.catch(() => {
        if (this._loading === loading) {
          this._loading = null;
        }
      });
      this._loading = loading;
    }
    return this._loading;
  }

  /** The session's configuration, clients and region; rejects, naming the fix, without a region. */
  async aws(): Promise<ISessionAws> {
    const { session } = this._options;
    const [config, clients] = await Promise.all([session.config(), session.clients()]);
    if (!config.region) {
      throw new Error(NO_REGION);
    }
    return { config, clients, region: config.region };
  }

  /** Forget the part made; the next use makes it anew. */
  reset(): void {
    if (this._loaded !== null) {
      this._options.forget?.(this._loaded);
    }
    this._loaded = null;
    this._loading = null;
  }

  private async _canList(): Promise<boolean> {
    try {
      return canList(await this._options.session.config());
    } catch (error) {
      console.error('sagemaker-nlp: reading the AWS configuration failed', error);
      return false;
    }
  }

  private _loaded: T | null = null;
  private _loading: Promise<T> | null = null;
  private _options: LazySdk.IOptions<T>;
}

export namespace LazySdk {
  export interface IOptions<T> {
    session: IAwsSession;
    /** Loads the SDK part's chunk and makes it (see `aws()`). */
    make: () => Promise<T>;
    /** Releases a part that a new configuration replaces. */
    forget?: (part: T) => void;
  }
}

const NO_REGION = 'No AWS region: set one in Settings → SageMaker NLP training.';
