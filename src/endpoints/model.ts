import { IDisposable } from '@lumino/disposable';
import { IPoll, Poll } from '@lumino/polling';
import { ISignal, Signal } from '@lumino/signaling';
import { errorMessage } from '../errorMessage';
import { isThrottling } from '../jobs/listing';
import { IPace, PollPace } from '../jobs/pace';
import type {
  IDeployChoices,
  IEndpoint,
  IEndpointsBackend,
  IInvocation,
  IMetricSeries,
  ITrainingJob,
  Target
} from '../tokens';
import type { IScalingActions } from '../ui/endpoints/Autoscaling';
import type { IEndpointSize } from './update';

/** States an endpoint leaves by itself: the model polls fast while one is in them. */
const CHANGING = new Set(['Creating', 'Updating', 'SystemUpdating', 'RollingBack', 'Deleting']);

export function isChanging(endpoint: IEndpoint): boolean {
  return CHANGING.has(endpoint.status);
}

/**
 * Every endpoint of every backend, refreshed by one `Poll` as the jobs
 * model is: one `list()` per backend per cycle, fast while an endpoint is
 * changing, slower while nothing changes, nothing while the sidebar is
 * hidden or the tab is in the background.
 */
export class EndpointsModel implements IDisposable {
  constructor(options: EndpointsModel.IOptions) {
    this._backends = new Map(options.backends.map(b => [b.target, b]));
    this._frequency = { ...EndpointsModel.DEFAULT_FREQUENCY, ...options.frequency };
    this._pace = new PollPace(this._frequency);
    const standby = options.standby ?? 'when-hidden';
    this._poll = new Poll<void, unknown, 'standby'>({
      auto: options.autoStart ?? true,
      factory: () => this._update(),
      frequency: this._pollFrequency(this._frequency.active),
      name: 'jupyterlab-sagemaker-nlp:endpoints',
      standby: () => !this._watched || (typeof standby === 'function' ? standby() : standby)
    });
  }

  /** Every endpoint, newest first. */
  get endpoints(): ReadonlyArray<IEndpoint> {
    return this._endpoints;
  }

  /** Why a backend's endpoints may be stale, by target. */
  get errors(): ReadonlyMap<Target, string> {
    return this._errors;
  }

  get changed(): ISignal<this, void> {
    return this._changed;
  }

  get selected(): string | null {
    return this._selected;
  }

  get selectedChanged(): ISignal<this, string | null> {
    return this._selectedChanged;
  }

  get selectedEndpoint(): IEndpoint | undefined {
    return this._endpoints.find(e => e.name === this._selected);
  }

  get poll(): IPoll<void, unknown, 'standby'> {
    return this._poll;
  }

  get isDisposed(): boolean {
    return this._isDisposed;
  }

  start(): Promise<void> {
    return this._poll.start();
  }

  select(name: string | null): void {
    if (name !== this._selected) {
      this._selected = name;
      this._selectedChanged.emit(name);
    }
  }

  /** Whether the sidebar shows the endpoints: hidden, nothing is polled. */
  set watched(watched: boolean) {
    if (watched === this._watched) {
      return;
    }
    this._watched = watched;
    if (watched && this._poll.state.phase !== 'constructed') {
      void this._poll.refresh();
    }
  }

  /** A cycle now. */
  async refresh(): Promise<void> {
    if (this._isDisposed) {
      return;
    }
    await this._poll.refresh();
    await this._poll.tick.catch(() => undefined);
  }

  /** Delete the endpoint with its config and model; poll fast to see it go. */
  async delete(name: string): Promise<void> {
    const endpoint = this._endpoints.find(e => e.name === name);
    if (!endpoint) {
      throw new Error(`There is no endpoint named "${name}": refresh the Endpoints sidebar.`);
    }
    const backend = this._backends.get(endpoint.target);
    if (!backend) {
      throw new Error(`No backend serves "${endpoint.target}" endpoints.`);
    }
    await backend.delete(name);
    if (this._selected === name) {
      this.select(null);
    }
    this._poll.frequency = this._pollFrequency(this._pace.next(true, true));
    void this._poll.refresh();
  }

  /** Deploy a completed job's model where the job ran; the new endpoint is selected. */
  async deploy(job: ITrainingJob, choices: IDeployChoices): Promise<IEndpoint> {
    const backend = this._backends.get(job.target);
    if (!backend?.deploy) {
      throw new Error(`${job.target === 'local' ? 'Local' : 'SageMaker'} jobs cannot be deployed here.`);
    }
    const endpoint = await backend.deploy(job, choices);
    const others = (this._lists.get(job.target) ?? []).filter(e => e.name !== endpoint.name);
    this._lists.set(job.target, [endpoint, ...others]);
    this._endpoints = this._merged();
    this._changed.emit();
    this.select(endpoint.name);
    this._poll.frequency = this._pollFrequency(this._pace.next(true, true));
    void this._poll.refresh();
    return endpoint;
  }

  /** One request to the endpoint, through its backend. */
  invoke(name: string, body: string, contentType: string): Promise<IInvocation> {
    const backend = this._backendOf(name);
    if (!backend.invoke) {
      throw new Error(`Endpoint ${name} cannot be invoked from here.`);
    }
    return backend.invoke(name, body, contentType);
  }

  /** The endpoint's metrics (as a job's: `MetricsFollower` reads them); none where the backend has none. */
  async metrics(name: string, since?: Date): Promise<IMetricSeries[]> {
    const endpoint = this._endpoints.find(e => e.name === name);
    const backend = endpoint && this._backends.get(endpoint.target);
    return endpoint && backend?.metrics ? backend.metrics(endpoint, since) : [];
  }

  /** Autoscaling of the endpoint's variants, where its backend has it. */
  scalingOf(name: string): IScalingActions | undefined {
    const endpoint = this._endpoints.find(e => e.name === name);
    return endpoint && this._backends.get(endpoint.target)?.scaling;
  }

  /** New instance type or count for a real-time endpoint; polls fast to follow the update. */
  async resize(name: string, size: IEndpointSize): Promise<void> {
    const backend = this._backendOf(name);
    if (!backend.resize) {
      throw new Error(`Endpoint ${name} has no instances to change.`);
    }
    await backend.resize(name, size);
    this._poll.frequency = this._pollFrequency(this._pace.next(true, true));
    void this._poll.refresh();
  }

  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    this._poll.dispose();
    Signal.clearData(this);
  }

  private async _update(): Promise<void> {
    const backends = [...this._backends.values()];
    const results = await Promise.allSettled(backends.map(backend => backend.list()));
    if (this._isDisposed) {
      return;
    }
    const errors = new Map<Target, string>();
    results.forEach((result, i) => {
      const target = backends[i].target;
      if (result.status === 'fulfilled') {
        this._lists.set(target, result.value);
      } else {
        // Keep what was last seen; say why it may be stale.
        errors.set(target, errorMessage(result.reason));
        if (!isThrottling(result.reason)) {
          console.error(`jupyterlab-sagemaker-nlp: listing ${target} endpoints failed`, result.reason);
        }
      }
    });
    const endpoints = this._merged();
    const changed =
      !sameErrors(errors, this._errors) ||
      endpoints.length !== this._endpoints.length ||
      endpoints.some((e, i) => !sameEndpoint(e, this._endpoints[i]));
    this._errors = errors;
    if (changed) {
      this._endpoints = endpoints;
      this._changed.emit();
    }
    const busy = endpoints.some(isChanging);
    this._poll.frequency = this._pollFrequency(this._pace.next(changed, busy));
  }

  /** Every backend's last list, newest first. */
  private _merged(): IEndpoint[] {
    return [...this._lists.values()]
      .flat()
      .sort((a, b) => b.creationTime.getTime() - a.creationTime.getTime());
  }

  private _backendOf(name: string): EndpointsModel.IBackend {
    const endpoint = this._endpoints.find(e => e.name === name);
    const backend = endpoint && this._backends.get(endpoint.target);
    if (!backend) {
      throw new Error(`There is no endpoint named "${name}": refresh the Endpoints sidebar.`);
    }
    return backend;
  }

  private _pollFrequency(interval: number): IPoll.Frequency {
    return { interval, max: Math.max(interval, this._frequency.idleMax), backoff: true };
  }

  private _backends: Map<Target, EndpointsModel.IBackend>;
  private _changed = new Signal<this, void>(this);
  private _endpoints: IEndpoint[] = [];
  private _errors: Map<Target, string> = new Map();
  private _frequency: IPace;
  private _isDisposed = false;
  private _lists = new Map<Target, IEndpoint[]>();
  private _pace: PollPace;
  private _poll: Poll<void, unknown, 'standby'>;
  private _selected: string | null = null;
  private _selectedChanged = new Signal<this, string | null>(this);
  private _watched = true;
}

export namespace EndpointsModel {
  /** What the model needs of a backend: listing and deleting. */
  /** A backend as the model calls it: listing and delete, and what else it can do. */
  export type IBackend = Pick<IEndpointsBackend, 'target' | 'list' | 'delete'> &
    Partial<Pick<IEndpointsBackend, 'deploy' | 'invoke'>> & {
      /** Invocation and instance metrics, one series per metric and variant. */
      metrics?(endpoint: IEndpoint, since?: Date): Promise<IMetricSeries[]>;
      /** Autoscaling of a variant (SageMaker only). */
      scaling?: IScalingActions;
      /** A real-time endpoint's new instance type or count, without downtime. */
      resize?(name: string, size: IEndpointSize): Promise<void>;
    };

  /** Endpoints take minutes to create; SageMaker's API is rate-limited. */
  export const DEFAULT_FREQUENCY: IPace = {
    active: 5000,
    activeMax: 15000,
    idle: 15000,
    idleMax: 60000,
    backoff: 1.5
  };

  export interface IOptions {
    backends: IBackend[];
    frequency?: Partial<IPace>;
    /** Defaults to `'when-hidden'`: no calls while the browser tab is hidden. */
    standby?: Poll.Standby | (() => boolean | Poll.Standby);
    /** Start polling at once; defaults to `true`. */
    autoStart?: boolean;
  }
}

/** The same as seen in a row and its detail. */
function sameEndpoint(a: IEndpoint, b: IEndpoint | undefined): boolean {
  return (
    !!b &&
    a.name === b.name &&
    a.target === b.target &&
    a.status === b.status &&
    a.failureReason === b.failureReason &&
    a.lastModifiedTime?.getTime() === b.lastModifiedTime?.getTime() &&
    a.jobName === b.jobName &&
    JSON.stringify(a.variants) === JSON.stringify(b.variants)
  );
}

function sameErrors(a: ReadonlyMap<Target, string>, b: ReadonlyMap<Target, string>): boolean {
  return a.size === b.size && [...a].every(([key, value]) => b.get(key) === value);
}
