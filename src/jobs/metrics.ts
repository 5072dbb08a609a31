import { ITrainingJobsModel, IMetricSeries, Target } from '../tokens';
import { Follower } from './follower';

/** One value of one metric on one host. */
export interface IMetricPoint {
  name: string;
  host: string;
  time: Date;
  value: number;
}

/** One metric of one host, times in ms, oldest first, each time once. */
export interface IMetricLine {
  name: string;
  host: string;
  times: ReadonlyArray<number>;
  values: ReadonlyArray<number>;
}

/** Which of a job's metrics: its metric definitions' or its instances' (CPU, memory…). */
export type MetricKind = 'algorithm' | 'system';

/**
 * Keeps reads of one key at least `minInterval` ms apart: a read asked
 * for sooner waits for its turn (one at a time per key).
 */
export class ReadSpacing {
  wait(key: string, minInterval: number): Promise<void> {
    const previous = this._turns.get(key) ?? Promise.resolve();
    const turn = previous.then(async () => {
      const last = this._lastRead.get(key);
      const delay = last === undefined ? 0 : last + minInterval - Date.now();
      if (delay > 0) {
        await new Promise(resolve => setTimeout(resolve, delay));
      }
      this._lastRead.set(key, Date.now());
    });
    this._turns.set(key, turn);
    return turn;
  }

  private _lastRead = new Map<string, number>();
  private _turns = new Map<string, Promise<void>>();
}

/**
 * A job's metrics as they come: each read asks only for the points after
 * the newest one seen (`since`) and merges them into one line per metric
 * and host, so a point read twice is kept once. `items` are the points
 * each read added or changed.
 */
export class MetricsFollower extends Follower<IMetricPoint, Date> {
  constructor(options: MetricsFollower.IOptions) {
    const { model, jobName } = options;
    const kind = options.kind ?? 'algorithm';
    const minInterval = options.minInterval ?? 0;
    const spacing = options.spacing ?? MetricsFollower.spacing;
    const lines = new MetricLines(options.maxPoints ?? MetricsFollower.MAX_POINTS);
    let self: MetricsFollower | undefined;
    super({
      read: async since => {
        await spacing.wait(`${kind}\u0000${jobName}`, minInterval);
        if (self?.isDisposed) {
          return { items: [], cursor: since, more: false };
        }
        const read = kind === 'system' ? model.systemMetrics : model.metrics;
        const series = read ? await read.call(model, jobName, since) : [];
        const points = pointsOf(series);
        const newest = points.reduce<Date | undefined>(
          (latest, point) => (!latest || point.time > latest ? point.time : latest),
          since
        );
        return { items: lines.merge(points), cursor: newest, more: false };
      },
      maxItems: options.maxPoints ?? MetricsFollower.MAX_POINTS,
      interval: options.interval ?? MetricsFollower.INTERVAL,
      maxInterval: Math.max(options.interval ?? 0, MetricsFollower.MAX_INTERVAL)
    });
    self = this;
    this.jobName = jobName;
    this.kind = kind;
    this._lines = lines;
  }

  readonly jobName: string;
  readonly kind: MetricKind;

  /** One line per metric and host, in the order first seen. */
  get lines(): ReadonlyArray<IMetricLine> {
    return this._lines.all;
  }

  /** Counts the reads that added or changed points. */
  get revision(): number {
    return this._lines.revision;
  }

  /** The points read so far as series, one per metric and host. */
  get series(): IMetricSeries[] {
    return this._lines.all.map(line => ({
      name: line.name,
      host: line.host,
      timestamps: line.times.map(time => new Date(time)),
      values: [...line.values]
    }));
  }

  private _lines: MetricLines;
}

export namespace MetricsFollower {
  export interface IOptions {
    model: Pick<ITrainingJobsModel, 'metrics' | 'systemMetrics'>;
    jobName: string;
    /** Defaults to `algorithm`; `system` reads `model.systemMetrics`, if any. */
    kind?: MetricKind;
    /** Points kept per line; older ones are dropped. */
    maxPoints?: number;
    /** Milliseconds between reads while the job runs. Defaults to 5000. */
    interval?: number;
    /** Reads of this job and kind are at least this many ms apart, whoever asks. Default 0. */
    minInterval?: number;
    /** Keeps `minInterval` across followers; defaults to one shared by all. */
    spacing?: ReadSpacing;
  }

  export const MAX_POINTS = 100000;
  /** SageMaker publishes a point a minute; the local runner as lines come. */
  export const INTERVAL = 5000;
  /** The longest back-off after failed reads. */
  export const MAX_INTERVAL = 5 * 60 * 1000;

  /** How often to read a job's metrics, by where it runs. */
  export function timingFor(target: Target): { interval: number; minInterval: number } {
    // CloudWatch has a point a minute: reading more often only spends quota.
    return target === 'sagemaker'
      ? { interval: 60000, minInterval: 60000 }
      : { interval: 2000, minInterval: 0 };
  }

  /** Followers that open the same job one after another share its read times. */
  export const spacing = new ReadSpacing();
}

interface IMutableLine extends IMetricLine {
  times: number[];
  values: number[];
}

/** Lines keyed by metric and host; merging keeps times sorted and unique. */
class MetricLines {
  constructor(private _maxPoints: number) {}

  get all(): ReadonlyArray<IMetricLine> {
    return this._all;
  }

  get revision(): number {
    return this._revision;
  }

  /** Adds the points; answers those that were new or changed a value. */
  merge(points: IMetricPoint[]): IMetricPoint[] {
    const changed: IMetricPoint[] = [];
    for (const point of points) {
      if (this._put(this._line(point.name, point.host), point.time.getTime(), point.value)) {
        changed.push(point);
      }
    }
    for (const line of this._all) {
      if (line.times.length > this._maxPoints) {
        const extra = line.times.length - this._maxPoints;
        line.times.splice(0, extra);
        line.values.splice(0, extra);
      }
    }
    if (changed.length > 0) {
      this._revision++;
    }
    return changed;
  }

  private _line(name: string, host: string): IMutableLine {
    const key = `${host}\u0000${name}`;
    let line = this._byKey.get(key);
    if (!line) {
      line = { name, host, times: [], values: [] };
      this._byKey.set(key, line);
      this._all.push(line);
    }
    return line;
  }

  private _put(line: IMutableLine, time: number, value: number): boolean {
    const { times, values } = line;
    // Points mostly come in order: appending is the common case.
    if (times.length === 0 || time > times[times.length - 1]) {
      times.push(time);
      values.push(value);
      return true;
    }
    const at = firstNotBefore(times, time);
    if (times[at] === time) {
      // CloudWatch may revise the average of a minute still being written.
      if (Object.is(values[at], value)) {
        return false;
      }
      values[at] = value;
      return true;
    }
    times.splice(at, 0, time);
    values.splice(at, 0, value);
    return true;
  }

  private _all: IMutableLine[] = [];
  private _revision = 0;
  private _byKey = new Map<string, IMutableLine>();
}

/** The index of the first of the sorted `times` that is ≥ `time`. */
function firstNotBefore(times: number[], time: number): number {
  let low = 0;
  let high = times.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (times[middle] < time) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  return low;
}

function pointsOf(series: IMetricSeries[]): IMetricPoint[] {
  return series
    .flatMap(s =>
      s.timestamps.map((time, i) => ({ name: s.name, host: s.host, time, value: s.values[i] }))
    )
    .sort((a, b) => a.time.getTime() - b.time.getTime());
}
