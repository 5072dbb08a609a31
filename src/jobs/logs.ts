import type { IDisposable } from '@lumino/disposable';
import { ISignal, Signal } from '@lumino/signaling';
import { IJobsModel, ILogEvent } from '../tokens';

/**
 * The tail of one job's log, read page by page through the jobs model.
 * While the job runs it reads what is new every `interval` ms; when the job
 * ends it reads once more, then stops.
 */
export class LogFollower implements IDisposable {
  constructor(options: LogFollower.IOptions) {
    this._model = options.model;
    this._jobName = options.jobName;
    this._maxLines = options.maxLines ?? LogFollower.MAX_LINES;
    this._interval = options.interval ?? 1000;
  }

  get jobName(): string {
    return this._jobName;
  }

  /** The last `maxLines` events, oldest first. */
  get events(): ReadonlyArray<ILogEvent> {
    return this._events;
  }

  /** Whether older lines were dropped to keep the tail short. */
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

  /**
   * Follow while `running`; once not (the job ended, or nobody looks), read
   * up to the end once and stop. Calling it again with the same value does
   * nothing.
   */
  follow(running: boolean): void {
    if (this._isDisposed || this._running === running) {
      return;
    }
    this._running = running;
    this._clearTimer();
    void this._loop();
  }

  /** Read every page that is new since the last read. */
  async read(): Promise<void> {
    if (this._reading) {
      return this._reading;
    }
    this._reading = this._readPages().finally(() => {
      this._reading = null;
    });
    return this._reading;
  }

  dispose(): void {
    if (this._isDisposed) {
      return;
    }
    this._isDisposed = true;
    this._clearTimer();
    Signal.clearData(this);
  }

  private async _loop(): Promise<void> {
    if (!this._running) {
      // A read begun while the job ran may miss its last lines.
      await this._reading;
      await this.read();
      return;
    }
    // Nobody reads a log in a hidden browser tab.
    if (typeof document === 'undefined' || document.visibilityState !== 'hidden') {
      await this.read();
    }
    if (this._isDisposed || !this._running) {
      return;
    }
    this._clearTimer();
    this._timer = setTimeout(() => void this._loop(), this._interval);
  }

  private async _readPages(): Promise<void> {
    let added = false;
    let error: string | null = null;
    // Bounded, so a server that always has more cannot hold us forever.
    for (let page = 0; page < LogFollower.MAX_PAGES_PER_READ; page++) {
      let events: ILogEvent[];
      let nextToken: string;
      try {
        ({ events, nextToken } = await this._model.logs(
          this._jobName,
          this._token
        ));
      } catch (reason) {
        error = reason instanceof Error ? reason.message : String(reason);
        break;
      }
      if (this._isDisposed) {
        return;
      }
      const same = nextToken === this._token;
      this._token = nextToken || this._token;
      if (events.length > 0) {
        this._append(events);
        added = true;
      }
      // GetLogEvents answers the same token at the end of the stream.
      if (events.length === 0 || same || !nextToken) {
        break;
      }
    }
    const errorChanged = error !== this._error;
    this._error = error;
    if (added || errorChanged) {
      this._changed.emit();
    }
  }

  private _append(events: ILogEvent[]): void {
    const all = this._events.concat(events);
    if (all.length > this._maxLines) {
      this._truncated = true;
      this._events = all.slice(all.length - this._maxLines);
    } else {
      this._events = all;
    }
  }

  private _clearTimer(): void {
    if (this._timer !== undefined) {
      clearTimeout(this._timer);
      this._timer = undefined;
    }
  }

  private _changed = new Signal<this, void>(this);
  private _error: string | null = null;
  private _events: ILogEvent[] = [];
  private _interval: number;
  private _isDisposed = false;
  private _jobName: string;
  private _maxLines: number;
  private _model: Pick<IJobsModel, 'logs'>;
  private _reading: Promise<void> | null = null;
  private _running: boolean | null = null;
  private _timer: ReturnType<typeof setTimeout> | undefined;
  private _token: string | undefined;
  private _truncated = false;
}

export namespace LogFollower {
  export interface IOptions {
    model: Pick<IJobsModel, 'logs'>;
    jobName: string;
    /** Lines kept; older ones are dropped. Defaults to 2000. */
    maxLines?: number;
    /** Milliseconds between reads while the job runs. Defaults to 1000. */
    interval?: number;
  }

  export const MAX_LINES = 2000;
  export const MAX_PAGES_PER_READ = 20;
}
