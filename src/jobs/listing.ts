import type { ISignal } from '@lumino/signaling';
import type { ITrainingJob, ITrainingJobsModel, Target } from '../tokens';

/**
 * What the jobs model asks of a backend's listing beyond the plain `list()`
 * of the contract, and what it offers the views to steer its polling.
 */

/** `own`: the jobs this extension started (found by their tags); `all`: every job of the region. */
export type JobScope = 'own' | 'all';

/** Passed to `list()`; a backend that needs neither ignores it. */
export interface IListRequest {
  scope: JobScope;
  /** Jobs the user sees now (rows in view, the open job): described even when finished. */
  onScreen: ReadonlySet<string>;
}

/** A backend whose `list()` takes the request (a plain `list()` is one too). */
export interface IListingBackend {
  readonly target: Target;
  readonly minListInterval?: number;
  list(request?: IListRequest): Promise<ITrainingJob[]>;
}

/** The polling controls of the jobs model, for views. */
export interface IJobListing {
  readonly scope: JobScope;
  setScope(scope: JobScope): void;
  /** Emitted when the scope changes (a setting or the command). */
  readonly scopeChanged: ISignal<IJobListing, JobScope>;
  /**
   * The backends AWS throttles now, with the wait before their next listing
   * in ms; `changed` of the model tells when this changes.
   */
  readonly retrying: ReadonlyMap<Target, number>;
  /** The names of the rows the list shows now. */
  setOnScreen(names: Iterable<string>): void;
  /** Whether the jobs sidebar is visible: no listing while it is not. */
  setWatched(watched: boolean): void;
}

/** The jobs model as views and commands take it: its polling controls when it has them (fakes may not). */
export type IListedJobs = ITrainingJobsModel & Partial<IJobListing>;

/**
 * Whether a backend's error says "slow down": AWS's throttling codes, as
 * the SDK's errors name them and `SageMakerError.code` keeps them.
 */
export function isThrottling(error: unknown): boolean {
  const e = error as { code?: unknown; name?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : typeof e?.name === 'string' ? e.name : '';
  return /Throttl|TooManyRequests|SlowDown|RequestLimitExceeded/.test(code);
}
