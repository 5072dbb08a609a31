import type { Target } from '../tokens';

/**
 * How long the jobs model waits between cycles, and how long a throttled
 * backend is left alone. Pure: time comes in as an argument.
 */

export interface IPace {
  /** Between cycles while a job runs, queues or stops and things change. */
  active: number;
  /** The longest wait while a job runs but nothing changes. */
  activeMax: number;
  /** The first wait once nothing runs. */
  idle: number;
  /** The longest wait when idle. */
  idleMax: number;
  /** Growth of the wait at each cycle that changed nothing. */
  backoff: number;
}

/** The wait before the next cycle: short after a change, longer and longer without one. */
export class PollPace {
  constructor(private _pace: IPace) {
    this._interval = _pace.idle;
  }

  next(changed: boolean, busy: boolean): number {
    const { active, activeMax, idle, idleMax, backoff } = this._pace;
    const [base, max] = busy ? [active, activeMax] : [idle, idleMax];
    this._interval =
      changed || busy !== this._wasBusy
        ? base
        : Math.min(max, Math.round(this._interval * backoff));
    this._wasBusy = busy;
    return this._interval;
  }

  private _interval: number;
  private _wasBusy = false;
}

/**
 * Backends that AWS throttled: each is listed again only after a wait that
 * doubles at every throttled listing, up to `max`, and ends at the first
 * listing that goes through.
 */
export class ThrottleHold {
  constructor(
    private _first: number,
    private _max: number
  ) {}

  /** The backends held, with their current wait in ms. */
  get waits(): ReadonlyMap<Target, number> {
    return this._waits;
  }

  /** AWS throttled `target` again: hold it longer. Returns the wait. */
  hold(target: Target, now: number): number {
    const previous = this._waits.get(target);
    const wait = previous === undefined ? this._first : Math.min(this._max, previous * 2);
    this._waits.set(target, wait);
    this._until.set(target, now + wait);
    return wait;
  }

  /** A listing of `target` went through. Whether it was held. */
  release(target: Target): boolean {
    this._until.delete(target);
    return this._waits.delete(target);
  }

  isHeld(target: Target, now: number): boolean {
    return now < (this._until.get(target) ?? 0);
  }

  private _until = new Map<Target, number>();
  private _waits = new Map<Target, number>();
}
