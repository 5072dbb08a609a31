import { IPoll, Poll } from '@lumino/polling';
import { ISignal, Signal } from '@lumino/signaling';
import type { IDisposable } from '@lumino/disposable';
import {
  ITrainingJob,
  ITrainingBackend,
  ITrainingJobSpec,
  ISubmitOptions,
  ITrainingJobsModel,
  ILogPage,
  ILogStream,
  IMetricSeries,
  Target
} from '../tokens';
import { compareNewestFirst, isActive, sameJob } from './status';
import { errorMessage } from '../errorMessage';

/**
 * Every job of every backend, refreshed by one `Poll`: one `list()` per
 * backend per cycle, fast while something runs, slower and slower when idle.
 */
export class JobsModel implements ITrainingJobsModel, IDisposable {
  constructor(options: JobsModel.IOptions) {
    this._backends = new Map(options.backends.map(b => [b.target, b]));
    this._frequency = { ...JobsModel.DEFAULT_FREQUENCY, ...options.frequency };
    this._idleInterval = this._frequency.idle;
    this._poll = new Poll<void, unknown, 'standby'>({
      auto: options.autoStart ?? true,
      factory: () => this._update(),
      frequency: this._pollFrequency(this._frequency.active),
      name: 'jupyterlab-sagemaker-nlp:jobs',
      standby: options.standby ?? 'when-hidden'
    });
  }

  /** Begin polling (when made with `autoStart: false`). */
  start(): Promise<void> {
    return this._poll.start();
  }

  /** All jobs, newest first. */
  get jobs(): ReadonlyArray<ITrainingJob> {
    return this._jobs;
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

  /** The last listing error of each backend that failed on its last call. */
  get errors(): ReadonlyMap<Target, string> {
    return this._errors;
  }

  /** The refresh poll, read-only, e.g. to see its frequency. */
  get poll(): IPoll<void, unknown, 'standby'> {
    return this._poll;
  }

  get isDisposed(): boolean {
    return this._isDisposed;
  }

  select(name: string | null): void {
    if (this._selected === name) {
      return;
    }
    this._selected = name;
    this._selectedChanged.emit(name);
  }

  /** Submit to the backend of `spec.target`, show the job and select it. */
  async submit(spec: ITrainingJobSpec, options?: ISubmitOptions): Promise<ITrainingJob> {
    const backend = this._backend(spec.target);
    const job = await backend.submit(spec, options);
    // A listing may lag behind the submission: keep the job meanwhile.
    this._submitted.set(job.name, {
      job,
      until: Date.now() + this._frequency.graceAfterAction
    });
    this._publish();
    this.select(job.name);
    this._hurry();
    return job;
  }

  async stop(name: string): Promise<void> {
    await this._backendOf(name).stop(name);
    const job = this._jobs.find(other => other.name === name);
    if (job?.status === 'InProgress') {
      // Show at once what the next listing will say.
      this._replace({ ...job, status: 'Stopping' });
    }
    this._hurry();
  }

  async logStreams(name: string): Promise<ILogStream[]> {
    return this._backendOf(name).logStreams(name);
  }

  async logs(name: string, stream: string, nextToken?: string): Promise<ILogPage> {
    return this._backendOf(name).logs(name, stream, nextToken);
  }

  async metrics(name: string, since?: Date): Promise<IMetricSeries[]> {
    return this._backendOf(name).metrics(name, since);
  }

  latestForCell(cellId: string): ITrainingJob | undefined {
    // `jobs` is sorted newest first.
    return this._jobs.find(job => job.cellId === cellId);
  }

  /** List every backend now; resolves once the answers are in. */
  async refresh(): Promise<void> {
    if (this._isDisposed) {
      return;
    }
    this._listAllNow = true;
    await this._poll.refresh();
    await this._poll.tick.catch(() => undefined);
  }

  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    this._poll.dispose();
    Signal.clearData(this);
  }

  /** One poll cycle. Never rejects: each backend's failure is its own. */
  private async _update(): Promise<void> {
    const cycle = ++this._cycle;
    const backends = [...this._backends.values()].filter(b => this._isDue(b));
    this._listAllNow = false;
    const results = await Promise.allSettled(
      backends.map(backend => {
        this._listedAt.set(backend.target, Date.now());
        return backend.list();
      })
    );
    // An older cycle that answers late must not undo a newer one.
    if (this._isDisposed || cycle < this._applied) {
      return;
    }
    this._applied = cycle;
    const errors = new Map(this._errors);
    backends.forEach(backend => errors.delete(backend.target));
    results.forEach((result, i) => {
      const target = backends[i].target;
      if (result.status === 'fulfilled') {
        this._lists.set(target, result.value);
        for (const job of result.value) {
          this._submitted.delete(job.name);
        }
      } else {
        // Keep the jobs last seen, say why they may be stale.
        errors.set(target, errorMessage(result.reason));
        console.error(
          `jupyterlab-sagemaker-nlp: listing ${target} jobs failed`,
          result.reason
        );
      }
    });
    const errorsChanged = !sameErrors(errors, this._errors);
    this._errors = errors;
    this._publish(errorsChanged);
    this._poll.frequency = this._pollFrequency(this._nextInterval());
  }

  /** Merge the backends' lists; emit `changed` if anything differs. */
  private _publish(force = false): void {
    const now = Date.now();
    const merged: ITrainingJob[] = [];
    const names = new Set<string>();
    for (const list of this._lists.values()) {
      for (const job of list) {
        merged.push(job);
        names.add(job.name);
      }
    }
    for (const [name, { job, until }] of this._submitted) {
      if (until < now) {
        this._submitted.delete(name);
      } else if (!names.has(name)) {
        merged.push(job);
      }
    }
    merged.sort(compareNewestFirst);
    // Reuse unchanged objects so views can skip what did not change.
    const previous = new Map(this._jobs.map(job => [job.name, job]));
    const jobs = merged.map(job => {
      const old = previous.get(job.name);
      return old && sameJob(old, job) ? old : job;
    });
    const same =
      jobs.length === this._jobs.length &&
      jobs.every((job, i) => job === this._jobs[i]);
    this._jobs = jobs;
    if (!same || force) {
      this._changed.emit();
    }
  }

  private _replace(job: ITrainingJob): void {
    const list = this._lists.get(job.target) ?? [];
    this._lists.set(
      job.target,
      list.map(other => (other.name === job.name ? job : other))
    );
    const submitted = this._submitted.get(job.name);
    if (submitted) {
      submitted.job = job;
    }
    this._publish();
  }

  /** Whether a backend's list is due: a slow backend is asked less often. */
  private _isDue(backend: ITrainingBackend): boolean {
    const last = this._listedAt.get(backend.target) ?? 0;
    return (
      this._listAllNow || Date.now() - last >= (backend.minListInterval ?? 0)
    );
  }

  /** Poll fast from now on for a while, starting at once. */
  private _hurry(): void {
    this._listAllNow = true;
    this._fastUntil = Date.now() + this._frequency.graceAfterAction;
    this._poll.frequency = this._pollFrequency(this._nextInterval());
    void this._poll.refresh();
  }

  /** Fast while anything may change; when idle, back off up to the max. */
  private _nextInterval(): number {
    const { active, idle, idleMax, backoff } = this._frequency;
    const busy =
      Date.now() < this._fastUntil || this._jobs.some(job => isActive(job));
    if (busy) {
      this._idleInterval = idle;
      return active;
    }
    const interval = this._idleInterval;
    this._idleInterval = Math.min(idleMax, Math.round(interval * backoff));
    return interval;
  }

  private _pollFrequency(interval: number): IPoll.Frequency {
    const max = Math.max(interval, this._frequency.idleMax);
    return { interval, max, backoff: true };
  }

  private _job(name: string): ITrainingJob {
    const job = this._jobs.find(other => other.name === name);
    if (!job) {
      throw new Error(`There is no training job named "${name}".`);
    }
    return job;
  }

  private _backendOf(name: string): ITrainingBackend {
    return this._backend(this._job(name).target);
  }

  private _backend(target: Target): ITrainingBackend {
    const backend = this._backends.get(target);
    if (!backend) {
      throw new Error(`No backend runs "${target}" jobs.`);
    }
    return backend;
  }

  private _applied = 0;
  private _backends: Map<Target, ITrainingBackend>;
  private _changed = new Signal<this, void>(this);
  private _cycle = 0;
  private _errors: Map<Target, string> = new Map();
  private _fastUntil = 0;
  private _listAllNow = true;
  private _listedAt = new Map<Target, number>();
  private _frequency: JobsModel.IFrequency;
  private _idleInterval: number;
  private _isDisposed = false;
  private _jobs: ITrainingJob[] = [];
  private _lists = new Map<Target, ITrainingJob[]>();
  private _poll: Poll<void, unknown, 'standby'>;
  private _selected: string | null = null;
  private _selectedChanged = new Signal<this, string | null>(this);
  private _submitted = new Map<string, { job: ITrainingJob; until: number }>();
}

export namespace JobsModel {
  /** Polling numbers, in milliseconds. */
  export interface IFrequency {
    /** Between cycles while a job runs, queues or stops. */
    active: number;
    /** The first interval once nothing runs. */
    idle: number;
    /** The longest interval when idle. */
    idleMax: number;
    /** Growth of the idle interval at each idle cycle. */
    backoff: number;
    /** Poll fast this long after a submit or a stop, whatever is listed. */
    graceAfterAction: number;
  }

  export const DEFAULT_FREQUENCY: IFrequency = {
    active: 1000,
    idle: 10000,
    idleMax: 30000,
    backoff: 1.5,
    graceAfterAction: 15000
  };

  export interface IOptions {
    backends: ITrainingBackend[];
    frequency?: Partial<IFrequency>;
    /** Defaults to `'when-hidden'`: no calls while the browser tab is hidden. */
    standby?: Poll.Standby | (() => boolean | Poll.Standby);
    /** Start polling at once; defaults to `true`. */
    autoStart?: boolean;
  }
}

function sameErrors(
  a: ReadonlyMap<Target, string>,
  b: ReadonlyMap<Target, string>
): boolean {
  return a.size === b.size && [...a].every(([key, value]) => b.get(key) === value);
}
