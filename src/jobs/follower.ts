import type { IDisposable } from '@lumino/disposable';
import { Poll } from '@lumino/polling';
import { ISignal, Signal } from '@lumino/signaling';
import { errorMessage } from '../errorMessage';

/** What one read of something that grows gives: new items, and where to go on from. */
export interface IIncrement<T, C> {
  items: T[];
  cursor: C | undefined;
  /** True when there is more to read right away (another page). */
  more: boolean;
}

/**
 * Follows something that grows — a log stream, a job's metric series —
 * reading only what is new since the last read. While followed it reads
 * every `interval` ms on Lumino's `Poll` (backing off after errors, pausing
 * in a hidden tab); when following stops (the job ended, nobody looks) it
 * reads once more, up to the end, and rests.
 */
export class Follower<T, C> implements IDisposable {
  constructor(options: Follower.IOptions<T, C>) {
    this._readIncrement = options.read;
    this._maxItems = options.maxItems ?? Infinity;
    this._poll = new Poll({
      auto: false,
      factory: () => this._readOrThrow(),
      frequency: {
        interval: options.interval ?? 1000,
        backoff: true,
        max: options.maxInterval ?? 30000
      },
      standby: 'when-hidden'
    });
  }

  /** The items read so far (the last `maxItems`), oldest first. */
  get items(): ReadonlyArray<T> {
    return this._items;
  }

  /** Whether older items were dropped to stay within `maxItems`. */
  get truncated(): boolean {
    return this._truncated;
  }

  /** The last read's error, if it failed. */
  get error(): string | null {
    return this._error;
  }

  get changed(): ISignal<this, void> {
    return this._changed;
  }

  get isDisposed(): boolean {
    return this._isDisposed;
  }

  /** Follow while `following`; once not, read up to the end once and rest. */
  follow(following: boolean): void {
    if (this._isDisposed || this._following === following) {
      return;
    }
    this._following = following;
    if (following) {
      void this._poll.start();
    } else {
      void this._poll.stop().then(async () => {
        // A read begun while following may miss the last items.
        await this._reading;
        await this.read();
      });
    }
  }

  /** Read everything that is new (a bounded number of pages). */
  async read(): Promise<void> {
    await this._readOrThrow().catch(() => undefined);
  }

  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    this._poll.dispose();
    Signal.clearData(this);
  }

  /** One read at a time; a failure is kept in `error` and rethrown for the poll's back-off. */
  private _readOrThrow(): Promise<void> {
    if (!this._reading) {
      this._reading = this._readPages().finally(() => {
        this._reading = null;
      });
    }
    return this._reading;
  }

  private async _readPages(): Promise<void> {
    let added = false;
    let error: string | null = null;
    // Bounded, so a source that always has more cannot hold us forever.
    for (let page = 0; page < Follower.MAX_PAGES_PER_READ; page++) {
      let increment: IIncrement<T, C>;
      try {
        increment = await this._readIncrement(this._cursor);
      } catch (reason) {
        error = errorMessage(reason);
        break;
      }
      if (this._isDisposed) {
        return;
      }
      this._cursor = increment.cursor ?? this._cursor;
      if (increment.items.length > 0) {
        this._append(increment.items);
        added = true;
      }
      if (!increment.more) {
        break;
      }
    }
    const errorChanged = error !== this._error;
    this._error = error;
    if (added || errorChanged) {
      this._changed.emit();
    }
    if (error !== null) {
      throw new Error(error);
    }
  }

  private _append(items: T[]): void {
    const all = this._items.concat(items);
    if (all.length > this._maxItems) {
      this._truncated = true;
      this._items = all.slice(all.length - this._maxItems);
    } else {
      this._items = all;
    }
  }

  private _changed = new Signal<this, void>(this);
  private _cursor: C | undefined;
  private _error: string | null = null;
  private _following: boolean | null = null;
  private _isDisposed = false;
  private _items: T[] = [];
  private _maxItems: number;
  private _poll: Poll;
  private _readIncrement: (cursor: C | undefined) => Promise<IIncrement<T, C>>;
  private _reading: Promise<void> | null = null;
  private _truncated = false;
}

export namespace Follower {
  export interface IOptions<T, C> {
    /** Reads what comes after `cursor` (undefined: from the start). */
    read: (cursor: C | undefined) => Promise<IIncrement<T, C>>;
    /** Items kept; older ones are dropped. Defaults to all. */
    maxItems?: number;
    /** Milliseconds between reads while followed. Defaults to 1000. */
    interval?: number;
    /** The longest back-off after errors, in ms. Defaults to 30000. */
    maxInterval?: number;
  }

  export const MAX_PAGES_PER_READ = 20;
}
