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
  ISourceFile,
  Target
} from '../tokens';
import { isActive, mergeJobs } from './status';
import { errorMessage } from '../errorMessage';
import {
  IJobListing,
  IListingBackend,
  IListRequest,
  isThrottling,
  JobScope
} from './listing';
import { IPace, PollPace, ThrottleHold } from './pace';

/**
 * Every job of every backend, refreshed by one `Poll`: one `list()` per
 * backend per cycle, fast while something changes, slower and slower while
 * nothing does; nothing at all while the sidebar is hidden or the browser
 * tab is in the background; a backend that AWS throttles waits longer.
 */
export class JobsModel implements ITrainingJobsModel, IJobListing, IDisposable {
  constructor(options: JobsModel.IOptions) {
    this._backends = new Map(options.backends.map(b => [b.target, b]));
    this._frequency = { ...JobsModel.DEFAULT_FREQUENCY, ...options.frequency };
    this._pace = new PollPace(this._frequency);
    this._hold = new ThrottleHold(this._frequency.throttled, this._frequency.throttledMax);
    this._scope = options.scope ?? 'own';
    const standby = options.standby ?? 'when-hidden';
    const hiddenWhileRunning = options.pollHiddenWhileRunning ?? false;
    this._poll = new Poll<void, unknown, 'standby'>({
      auto: options.autoStart ?? true,
      factory: () => this._update(),
      frequency: this._pollFrequency(this._frequency.active),
      name: 'jupyterlab-sagemaker-nlp:jobs',
      standby: () => {
        const followed = this._watched || (hiddenWhileRunning && this._jobs.some(isActive));
        return !followed || (typeof standby === 'function' ? standby() : standby);
      }
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

  /** Own jobs (by their tags) or every job of the region. */
  get scope(): JobScope {
    return this._scope;
  }

  get scopeChanged(): ISignal<this, JobScope> {
    return this._scopeChanged;
  }

  /** Throttled backends and the wait before their next listing, in ms. */
  get retrying(): ReadonlyMap<Target, number> {
    return this._hold.waits;
  }

  /** Whether the sidebar is visible (polling pauses while it is not). */
  get isWatched(): boolean {
    return this._watched;
  }

  /** The refresh poll, read-only, e.g. to see its frequency. */
  get poll(): IPoll<void, unknown, 'standby'> {
    return this._poll;
  }

  get isDisposed(): boolean {
    return this._isDisposed;
  }

  setScope(scope: JobScope): void {
    if (this._scope === scope) {
      return;
    }
    this._scope = scope;
    this._scopeChanged.emit(scope);
    this._refreshIfStarted();
  }

  setOnScreen(names: Iterable<string>): void {
    this._onScreen = new Set(names);
  }

  setWatched(watched: boolean): void {
    if (this._watched === watched) {
      return;
    }
    this._watched = watched;
    if (watched) {
      // What changed while nobody looked shows at once.
      this._refreshIfStarted();
    }
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

  async systemMetrics(name: string, since?: Date): Promise<IMetricSeries[]> {
    const backend = this._backendOf(name);
    return backend.systemMetrics ? backend.systemMetrics(name, since) : [];
  }

  async sourceFiles(name: string): Promise<ISourceFile[]> {
    const backend = this._backendOf(name);
    if (!backend.sourceFiles) {
      throw new Error(`The ${backend.target} backend cannot read the code a job ran.`);
    }
    return backend.sourceFiles(name);
  }

  latestForCell(cellId: string): ITrainingJob | undefined {
    // `jobs` is sorted newest first.
    return this._jobs.find(job => job.cellId === cellId);
  }

  jobsForCell(cellId: string): ITrainingJob[] {
    return this._jobs.filter(job => job.cellId === cellId);
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
    const request = this._listRequest();
    const results = await Promise.allSettled(
      backends.map(backend => {
        this._listedAt.set(backend.target, Date.now());
        return backend.list(request);
      })
    );
    // An older cycle that answers late must not undo a newer one.
    if (this._isDisposed || cycle < this._applied) {
      return;
    }
    this._applied = cycle;
    const errors = new Map(this._errors);
    backends.forEach(backend => errors.delete(backend.target));
    let holdChanged = false;
    results.forEach((result, i) => {
      const target = backends[i].target;
      if (result.status === 'fulfilled' || !isThrottling(result.reason)) {
        holdChanged = this._hold.release(target) || holdChanged;
      } else {
        this._hold.hold(target, Date.now());
        holdChanged = true;
      }
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
    const changed = this._publish(errorsChanged || holdChanged);
    this._poll.frequency = this._pollFrequency(this._nextInterval(changed));
  }

  /** What every backend's listing is asked for this cycle. */
  private _listRequest(): IListRequest {
    const onScreen = new Set(this._onScreen);
    if (this._selected) {
      onScreen.add(this._selected);
    }
    return { scope: this._scope, onScreen };
  }

  /** Merge the backends' lists; emit `changed` (and say so) if anything differs. */
  private _publish(force = false): boolean {
    const now = Date.now();
    for (const [name, { until }] of this._submitted) {
      if (until < now) {
        this._submitted.delete(name);
      }
    }
    const jobs = mergeJobs(
      this._lists.values(),
      [...this._submitted.values()].map(submitted => submitted.job),
      this._jobs
    );
    const same =
      jobs.length === this._jobs.length &&
      jobs.every((job, i) => job === this._jobs[i]);
    this._jobs = jobs;
    if (!same || force) {
      this._changed.emit();
    }
    return !same || force;
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

  /** Whether a backend's list is due: a slow or throttled backend is asked less often. */
  private _isDue(backend: JobsModel.IBackend): boolean {
    if (this._listAllNow) {
      return true;
    }
    const now = Date.now();
    const last = this._listedAt.get(backend.target) ?? 0;
    return (
      !this._hold.isHeld(backend.target, now) &&
      now - last >= (backend.minListInterval ?? 0)
    );
  }

  /** A cycle now, unless polling waits for JupyterLab's start-up (`autoStart: false`). */
  private _refreshIfStarted(): void {
    this._listAllNow = true;
    if (this._poll.state.phase !== 'constructed') {
      void this._poll.refresh();
    }
  }

  /** Poll fast from now on for a while, starting at once. */
  private _hurry(): void {
    this._listAllNow = true;
    this._fastUntil = Date.now() + this._frequency.graceAfterAction;
    this._poll.frequency = this._pollFrequency(this._nextInterval(true));
    void this._poll.refresh();
  }

  /** Fast while jobs run and change; backing off while nothing changes. */
  private _nextInterval(changed: boolean): number {
    const busy =
      Date.now() < this._fastUntil || this._jobs.some(job => isActive(job));
    return this._pace.next(changed, busy);
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

  private _backendOf(name: string): JobsModel.IBackend {
    return this._backend(this._job(name).target);
  }

  private _backend(target: Target): JobsModel.IBackend {
    const backend = this._backends.get(target);
    if (!backend) {
      throw new Error(`No backend runs "${target}" jobs.`);
    }
    return backend;
  }

  private _applied = 0;
  private _backends: Map<Target, JobsModel.IBackend>;
  private _changed = new Signal<this, void>(this);
  private _cycle = 0;
  private _errors: Map<Target, string> = new Map();
  private _fastUntil = 0;
  private _listAllNow = true;
  private _listedAt = new Map<Target, number>();
  private _frequency: JobsModel.IFrequency;
  private _hold: ThrottleHold;
  private _isDisposed = false;
  private _jobs: ITrainingJob[] = [];
  private _lists = new Map<Target, ITrainingJob[]>();
  private _onScreen = new Set<string>();
  private _pace: PollPace;
  private _poll: Poll<void, unknown, 'standby'>;
  private _scope: JobScope;
  private _scopeChanged = new Signal<this, JobScope>(this);
  private _selected: string | null = null;
  private _selectedChanged = new Signal<this, string | null>(this);
  private _submitted = new Map<string, { job: ITrainingJob; until: number }>();
  private _watched = true;
}

export namespace JobsModel {
  /** Polling numbers, in milliseconds. */
  export interface IFrequency extends IPace {
    /** Poll fast this long after a submit or a stop, whatever is listed. */
    graceAfterAction: number;
    /** The first wait of a backend that AWS throttled (doubling after each throttled listing). */
    throttled: number;
    /** The longest wait of a throttled backend. */
    throttledMax: number;
  }

  export const DEFAULT_FREQUENCY: IFrequency = {
    active: 1000,
    activeMax: 10000,
    idle: 10000,
    idleMax: 30000,
    backoff: 1.5,
    graceAfterAction: 15000,
    throttled: 10000,
    throttledMax: 300000
  };

  /** A backend as the model calls it: `list()` may take the listing request. */
  export type IBackend = Omit<ITrainingBackend, 'list'> & IListingBackend;

  export interface IOptions {
    backends: IBackend[];
    /** Own jobs (the default) or every job of the region. */
    scope?: JobScope;
    frequency?: Partial<IFrequency>;
    /** Defaults to `'when-hidden'`: no calls while the browser tab is hidden. */
    standby?: Poll.Standby | (() => boolean | Poll.Standby);
    /** Start polling at once; defaults to `true`. */
    autoStart?: boolean;
    /**
     * Keep polling while the sidebar is hidden as long as a job runs (for
     * badges and end-of-job notifications); default false: 0 calls hidden.
     */
    pollHiddenWhileRunning?: boolean;
  }
}

function sameErrors(
  a: ReadonlyMap<Target, string>,
  b: ReadonlyMap<Target, string>
): boolean {
  return a.size === b.size && [...a].every(([key, value]) => b.get(key) === value);
}
