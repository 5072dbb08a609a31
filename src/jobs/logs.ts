import { ILogEvent, ILogStream, ITrainingJobsModel } from '../tokens';
import { Follower } from './follower';

/** One line of one host's log. `seq` counts the lines in the order they were read. */
export interface ILogLine extends ILogEvent {
  host: string;
  seq: number;
}

/** Where the reading of every host's stream is. */
export interface ILogPosition {
  streams: ILogStream[];
  /** The forward token of each stream read so far, by stream name. */
  tokens: Record<string, string>;
  /** The streams whose last page was not their end, within one read. */
  unfinished: string[];
  /** When the streams were last listed (ms). */
  listedAt: number;
}

/**
 * Every host's log of one job: while the job runs it reads what is new on
 * each host's stream every `interval` ms, with each stream's forward token;
 * when following stops (the job ended, the log is hidden or paused) it reads
 * once more, up to the end, and rests. Streams are listed sparingly
 * (DescribeLogStreams has a small account-wide quota): at the start, every
 * `listInterval` ms while following, and on the last read.
 */
export class LogFollower extends Follower<ILogLine, ILogPosition> {
  constructor(options: LogFollower.IOptions) {
    const { model, jobName } = options;
    const listInterval = options.listInterval ?? LogFollower.LIST_INTERVAL;
    const streamsPerRead = options.streamsPerRead ?? LogFollower.STREAMS_PER_READ;
    const reading = { listNow: true, readAll: true, waiting: true, seq: 0, turn: 0 };
    super({
      read: async position => {
        const at = position ?? { streams: [], tokens: {}, unfinished: [], listedAt: 0 };
        let { streams, listedAt } = at;
        const newRead = at.unfinished.length === 0;
        if (newRead && (reading.listNow || Date.now() - listedAt >= listInterval)) {
          streams = await model.logStreams(jobName);
          listedAt = Date.now();
          reading.listNow = false;
        }
        reading.waiting = streams.length === 0;
        let toRead = streams.filter(s => at.unfinished.includes(s.name));
        if (newRead) {
          // Many hosts take turns (GetLogEvents has an account-wide quota), except on the last read.
          if (reading.readAll) {
            toRead = streams;
            reading.readAll = false;
          } else {
            toRead = takeTurn(streams, reading.turn, streamsPerRead);
            reading.turn += streamsPerRead;
          }
        }
        const increment = await readPages(model, jobName, toRead, at.tokens);
        const items = increment.events.map(event => ({ ...event, seq: reading.seq++ }));
        return {
          items,
          cursor: { streams, listedAt, tokens: increment.tokens, unfinished: increment.unfinished },
          more: increment.unfinished.length > 0
        };
      },
      maxItems: options.maxLines ?? LogFollower.MAX_LINES,
      interval: options.interval
    });
    this._state = reading;
    this.jobName = jobName;
    // Connected first, so the book is up to date for every other listener.
    this.changed.connect(this._syncBook, this);
  }

  readonly jobName: string;

  /** Every host's lines, and all merged by time. */
  get book(): LogBook {
    return this._book;
  }

  /** True until a stream of the job is found: its instances have not logged yet. */
  get waiting(): boolean {
    return this._state.waiting;
  }

  follow(following: boolean): void {
    if (!following) {
      // The last read finds every host, and reads each to its end.
      this._state.listNow = true;
      this._state.readAll = true;
    }
    super.follow(following);
  }

  private _syncBook(): void {
    const items = this.items;
    const first = this._book.firstSeq;
    if (items.length > 0 && first >= 0 && items[0].seq > first) {
      this._book.dropBefore(items[0].seq);
    }
    const last = this._book.lastSeq;
    let from = items.length;
    while (from > 0 && items[from - 1].seq > last) {
      from--;
    }
    this._book.add(items.slice(from));
  }

  private _book = new LogBook();
  private _state: { listNow: boolean; readAll: boolean; waiting: boolean };
}

export namespace LogFollower {
  export interface IOptions {
    model: Pick<ITrainingJobsModel, 'logs' | 'logStreams'>;
    jobName: string;
    /** Lines kept, every host's together; older ones are dropped. */
    maxLines?: number;
    /** Milliseconds between reads while the job runs. Defaults to 1000. */
    interval?: number;
    /** Milliseconds between listings of the job's streams while following. */
    listInterval?: number;
    /** Streams read per poll while following; more hosts take turns. */
    streamsPerRead?: number;
  }

  export const STREAMS_PER_READ = 4;

  export const MAX_LINES = 200000;
  export const LIST_INTERVAL = 10000;
}

/** `count` streams from the `turn`th on, going round. */
function takeTurn(streams: ILogStream[], turn: number, count: number): ILogStream[] {
  if (streams.length <= count) {
    return streams;
  }
  return Array.from({ length: count }, (_, i) => streams[(turn + i) % streams.length]);
}

interface IPages {
  events: Omit<ILogLine, 'seq'>[];
  tokens: Record<string, string>;
  unfinished: string[];
}

/** One page of each stream, from its token; a stream is at its end when its token repeats. */
async function readPages(
  model: LogFollower.IOptions['model'],
  jobName: string,
  streams: ILogStream[],
  tokens: Record<string, string>
): Promise<IPages> {
  const read: IPages = { events: [], tokens: { ...tokens }, unfinished: [] };
  for (const stream of streams) {
    const token = tokens[stream.name];
    let page;
    try {
      page = await model.logs(jobName, stream.name, token);
    } catch (error) {
      if (isNotFound(error)) {
        continue; // listed before it was created: read it next time
      }
      throw error;
    }
    for (const event of page.events) {
      read.events.push({ host: stream.host, timestamp: event.timestamp, message: event.message });
    }
    if (page.nextToken) {
      read.tokens[stream.name] = page.nextToken;
    }
    // GetLogEvents answers the token it was given at the end of the stream.
    if (page.nextToken && page.nextToken !== token) {
      read.unfinished.push(stream.name);
    }
  }
  return read;
}

/** A log group or stream that does not exist yet: the instances have not logged. */
function isNotFound(error: unknown): boolean {
  const { code, status } = (error ?? {}) as { code?: string; status?: number };
  return code === 'ResourceNotFoundException' || status === 404;
}

/**
 * Every host's lines, each host's in its own order, and all of them merged
 * by time. Lines come in per host in order, but one host's may come later
 * than another's earlier lines (CloudWatch delivers each stream on its own),
 * so the merged list takes them in where their time puts them.
 */
export class LogBook {
  /** The hosts, in the order their first line came. */
  get hosts(): ReadonlyArray<string> {
    return Array.from(this._byHost.keys());
  }

  /** One host's lines, or every host's by time without `host`. */
  lines(host?: string): ReadonlyArray<ILogLine> {
    return host === undefined ? this._merged : this._byHost.get(host) ?? [];
  }

  /** The oldest line's `seq`, -1 when there is none. */
  get firstSeq(): number {
    let first = Infinity;
    for (const hostLines of this._byHost.values()) {
      first = Math.min(first, hostLines[0]?.seq ?? Infinity);
    }
    return first === Infinity ? -1 : first;
  }

  /** The newest line's `seq`, -1 when there is none. */
  get lastSeq(): number {
    return this._lastSeq;
  }

  /** Take in lines read after every line already here (`seq` growing). */
  add(lines: ReadonlyArray<ILogLine>): void {
    if (lines.length === 0) {
      return;
    }
    for (const line of lines) {
      let hostLines = this._byHost.get(line.host);
      if (!hostLines) {
        hostLines = [];
        this._byHost.set(line.host, hostLines);
      }
      hostLines.push(line);
    }
    this._lastSeq = lines[lines.length - 1].seq;
    this._mergeIn(lines);
  }

  /** Forget the lines read before `seq` (the log keeps only its last lines). */
  dropBefore(seq: number): void {
    for (const [host, hostLines] of this._byHost) {
      const kept = hostLines.findIndex(line => line.seq >= seq);
      this._byHost.set(host, kept < 0 ? [] : hostLines.slice(kept));
    }
    this._merged = this._merged.filter(line => line.seq >= seq);
  }

  private _mergeIn(lines: ReadonlyArray<ILogLine>): void {
    // A stable sort keeps each host's own order among equal times.
    const added = lines.slice().sort((a, b) => a.timestamp - b.timestamp);
    const merged = this._merged;
    const from = firstLaterThan(merged, added[0].timestamp);
    if (from === merged.length) {
      for (const line of added) {
        merged.push(line); // the usual case: everything new is newest
      }
      return;
    }
    const tail = merged.splice(from);
    let i = 0;
    let j = 0;
    while (i < tail.length || j < added.length) {
      if (j >= added.length || (i < tail.length && tail[i].timestamp <= added[j].timestamp)) {
        merged.push(tail[i++]);
      } else {
        merged.push(added[j++]);
      }
    }
  }

  private _byHost = new Map<string, ILogLine[]>();
  private _lastSeq = -1;
  private _merged: ILogLine[] = [];
}

/** The index of the first line after `timestamp`, by bisection. */
function firstLaterThan(lines: ReadonlyArray<ILogLine>, timestamp: number): number {
  let low = 0;
  let high = lines.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (lines[middle].timestamp <= timestamp) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  return low;
}
