import { isThrottling } from '../jobs/listing';

/** One answer of a SageMaker List* call sorted by CreationTime, newest first. */
export interface IHistoryPage<S> {
  summaries: S[];
  nextToken?: string;
}

/**
 * The summaries a SageMaker List* call gives, kept up to date with one call
 * a cycle: the newest page or, every other cycle until the history is read,
 * the next older page (its NextToken kept across cycles). What the newest
 * page should show but does not is gone. A token that expired walks the
 * history again from the newest page; it is read back `maxItems` at most.
 */
export class HistoryPages<S> {
  constructor(options: HistoryPages.IOptions<S>) {
    this._options = options;
  }

  get summaries(): ReadonlyMap<string, S> {
    return this._summaries;
  }

  newestFirst(): S[] {
    const { created } = this._options;
    return [...this._summaries.values()].sort((a, b) => created(b) - created(a));
  }

  /** The newest page, or the next older one when the last call read the newest. */
  async read(): Promise<void> {
    const older = this._olderToken !== undefined && this._lastWasNewest;
    let page;
    try {
      page = await this._options.fetch(older ? this._olderToken : undefined);
    } catch (error) {
      if (older && !isThrottling(error)) {
        this._historyStarted = false;
        this._olderToken = undefined;
      }
      this._lastWasNewest = false;
      throw error;
    }
    for (const summary of page.summaries) {
      this._summaries.set(this._options.name(summary), summary);
    }
    this._lastWasNewest = !older;
    if (older) {
      this._olderToken = page.nextToken;
    } else {
      this._forgetMissing(page.summaries, !page.nextToken);
      if (!this._historyStarted) {
        this._historyStarted = true;
        this._olderToken = page.nextToken;
      }
    }
    if (this._summaries.size >= this._options.maxItems) {
      this._olderToken = undefined;
    }
  }

  /** Forget one summary, e.g. of what was just deleted (`forget` is not called). */
  delete(key: string): void {
    this._summaries.delete(key);
  }

  /** Forget every summary; the next read starts from the newest page. */
  clear(): void {
    this._summaries.clear();
    this._olderToken = undefined;
    this._historyStarted = false;
  }

  private _forgetMissing(newest: S[], isEverything: boolean): void {
    const { name, created, forget } = this._options;
    const names = new Set(newest.map(name));
    const oldest = isEverything ? -Infinity : Math.min(...newest.map(created));
    for (const [key, summary] of this._summaries) {
      if (!names.has(key) && created(summary) >= oldest) {
        this._summaries.delete(key);
        forget?.(key);
      }
    }
  }

  private _historyStarted = false;
  private _lastWasNewest = false;
  /** Where the next older page starts; undefined once the history is read. */
  private _olderToken: string | undefined;
  private _options: HistoryPages.IOptions<S>;
  private _summaries = new Map<string, S>();
}

export namespace HistoryPages {
  export interface IOptions<S> {
    /** One List* call: the newest page without a token, else the page the token starts. */
    fetch: (nextToken: string | undefined) => Promise<IHistoryPage<S>>;
    name: (summary: S) => string;
    /** Milliseconds since the epoch. */
    created: (summary: S) => number;
    /** The history is read back this far at most. */
    maxItems: number;
    /** Called for each summary found gone, after it is dropped. */
    forget?: (name: string) => void;
  }
}
