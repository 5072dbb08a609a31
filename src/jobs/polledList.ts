import { IDisposable } from '@lumino/disposable';
import { IPoll, Poll } from '@lumino/polling';
import { ISignal, Signal } from '@lumino/signaling';
import { errorMessage } from '../errorMessage';
import type { Target } from '../tokens';
import { isThrottling } from './listing';
import { IPace, PollPace } from './pace';

/** What a polled list holds: things of a backend, named, made at a time. */
export interface IListed {
  name: string;
  target: Target;
  creationTime: Date;
}

/** A backend as a polled list calls it. */
export interface IListing<T> {
  readonly target: Target;
  list(): Promise<T[]>;
}

/**
 * Everything of every backend — endpoints, batch transforms — refreshed by
 * one `Poll`, as the jobs model refreshes jobs: one `list()` per backend
 * per cycle, fast while something is changing, slower and slower while
 * nothing changes, nothing while no view is shown or the tab is hidden.
 * What was last listed stays when a listing fails; `errors` says why.
 */
export class PolledList<T extends IListed, B extends IListing<T>> implements IDisposable {
  constructor(options: PolledList.IOptions<T, B>) {
    this._backends = new Map(options.backends.map(b => [b.target, b]));
    this._frequency = options.frequency;
    this._pace = new PollPace(this._frequency);
    this._isChanging = options.isChanging;
    this._same = options.same;
    this._what = options.what;
    const whileChanging = options.pollHiddenWhileChanging ?? false;
    const standby = options.standby ?? 'when-hidden';
    this._poll = new Poll<void, unknown, 'standby'>({
      auto: options.autoStart ?? true,
      factory: () => this._update(),
      frequency: this._pollFrequency(this._frequency.active),
      name: `jupyterlab-sagemaker-nlp:${options.what}`,
      standby: () =>
        (!this._watched && !(whileChanging && this._mayBeChanging())) ||
        (typeof standby === 'function' ? standby() : standby)
    });
  }

  /** Every item of every backend, newest first. */
  get items(): ReadonlyArray<T> {
    return this._items;
  }

  /** Why a backend's items may be stale, by target. */
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

  get selectedItem(): T | undefined {
    return this._items.find(item => item.name === this._selected);
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

  /** Whether a view shows the items: while none does, nothing is polled. */
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

  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    this._poll.dispose();
    Signal.clearData(this);
  }

  /** The backend of a listed item; an unknown name throws a message naming the fix. */
  protected backendOf(name: string): B {
    const item = this._items.find(other => other.name === name);
    const backend = item && this._backends.get(item.target);
    if (!backend) {
      throw new Error(`There is no ${this._what.replace(/s$/, '')} named "${name}": refresh the list.`);
    }
    return backend;
  }

  protected backendFor(target: Target): B | undefined {
    return this._backends.get(target);
  }

  /** An item just made: shown at once and selected, then followed closely. */
  protected added(item: T): void {
    const others = (this._lists.get(item.target) ?? []).filter(other => other.name !== item.name);
    this._lists.set(item.target, [item, ...others]);
    this._items = this._merged();
    this._changed.emit();
    this.select(item.name);
    this.hurry();
  }

  /** Something was asked of a backend: poll fast to see its effect. */
  protected hurry(): void {
    this._poll.frequency = this._pollFrequency(this._pace.next(true, true));
    void this._poll.refresh();
  }

  private async _update(): Promise<void> {
    const backends = [...this._backends.values()];
    const results = await Promise.allSettled(backends.map(backend => backend.list()));
    if (this._isDisposed) {
      return;
    }
    const errors = new Map<Target, string>();
    this._listed = true;
    results.forEach((result, i) => {
      const target = backends[i].target;
      if (result.status === 'fulfilled') {
        this._lists.set(target, result.value);
      } else {
        errors.set(target, errorMessage(result.reason));
        if (!isThrottling(result.reason)) {
          console.error(`jupyterlab-sagemaker-nlp: listing ${target} ${this._what} failed`, result.reason);
        }
      }
    });
    const items = this._merged();
    const changed =
      !sameErrors(errors, this._errors) ||
      items.length !== this._items.length ||
      items.some((item, i) => !this._same(item, this._items[i]));
    this._errors = errors;
    if (changed) {
      this._items = items;
      this._changed.emit();
    }
    this._poll.frequency = this._pollFrequency(this._pace.next(changed, items.some(this._isChanging)));
  }

  /** Something changes, or nothing was listed yet to say it does not (as after a reload). */
  private _mayBeChanging(): boolean {
    return !this._listed || this._items.some(this._isChanging);
  }

  private _merged(): T[] {
    return [...this._lists.values()]
      .flat()
      .sort((a, b) => b.creationTime.getTime() - a.creationTime.getTime());
  }

  private _pollFrequency(interval: number): IPoll.Frequency {
    return { interval, max: Math.max(interval, this._frequency.idleMax), backoff: true };
  }

  private _backends: Map<Target, B>;
  private _changed = new Signal<this, void>(this);
  private _errors: Map<Target, string> = new Map();
  private _frequency: IPace;
  private _isChanging: (item: T) => boolean;
  private _isDisposed = false;
  private _items: T[] = [];
  private _listed = false;
  private _lists = new Map<Target, T[]>();
  private _pace: PollPace;
  private _poll: Poll<void, unknown, 'standby'>;
  private _same: (a: T, b: T | undefined) => boolean;
  private _selected: string | null = null;
  private _selectedChanged = new Signal<this, string | null>(this);
  private _watched = true;
  private _what: string;
}

export namespace PolledList {
  /** What a model built on a polled list takes; the rest (pace, sameness) is its own. */
  export interface IModelOptions<T, B> {
    backends: B[];
    frequency?: Partial<IPace>;
    /** Defaults to `'when-hidden'`: no calls while the browser tab is hidden. */
    standby?: IOptions<T, B>['standby'];
    /** Start polling at once; defaults to `true`. */
    autoStart?: boolean;
  }

  export interface IOptions<T, B> {
    backends: B[];
    frequency: IPace;
    /** Polled fast while any item is changing by itself. */
    isChanging: (item: T) => boolean;
    /** Whether a row and its detail would look the same. */
    same: (a: T, b: T | undefined) => boolean;
    /** What the items are, plural: names the poll and the messages. */
    what: string;
    /**
     * Go on polling while something changes, shown or not, so its end is
     * announced; hidden, the first cycle still runs, to find what changes.
     */
    pollHiddenWhileChanging?: boolean;
    /** Defaults to `'when-hidden'`: no calls while the browser tab is hidden. */
    standby?: Poll.Standby | (() => boolean | Poll.Standby);
    /** Start polling at once; defaults to `true`. */
    autoStart?: boolean;
  }
}

function sameErrors(a: ReadonlyMap<Target, string>, b: ReadonlyMap<Target, string>): boolean {
  return a.size === b.size && [...a].every(([key, value]) => b.get(key) === value);
}
