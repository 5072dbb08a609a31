import { ITrainingJobsModel, IMetricSeries } from '../tokens';
import { Follower } from './follower';

/** One value of one metric on one host. */
export interface IMetricPoint {
  name: string;
  host: string;
  time: Date;
  value: number;
}

/**
 * A job's metrics as they come: each read asks only for the points after
 * the newest one seen (`since`), on the same follower as the log.
 */
export class MetricsFollower extends Follower<IMetricPoint, Date> {
  constructor(options: MetricsFollower.IOptions) {
    const { model, jobName } = options;
    super({
      read: async since => {
        const points = pointsOf(await model.metrics(jobName, since));
        const newest = points.reduce<Date | undefined>(
          (latest, point) => (!latest || point.time > latest ? point.time : latest),
          since
        );
        return { items: points, cursor: newest, more: false };
      },
      maxItems: options.maxPoints ?? MetricsFollower.MAX_POINTS,
      interval: options.interval ?? MetricsFollower.INTERVAL
    });
  }

  /** The points read so far as series, one per metric and host. */
  get series(): IMetricSeries[] {
    const byKey = new Map<string, IMetricSeries>();
    for (const point of this.items) {
      const key = `${point.host}\u0000${point.name}`;
      let series = byKey.get(key);
      if (!series) {
        series = { name: point.name, host: point.host, timestamps: [], values: [] };
        byKey.set(key, series);
      }
      series.timestamps.push(point.time);
      series.values.push(point.value);
    }
    return [...byKey.values()];
  }
}

export namespace MetricsFollower {
  export interface IOptions {
    model: Pick<ITrainingJobsModel, 'metrics'>;
    jobName: string;
    maxPoints?: number;
    /** Milliseconds between reads while the job runs. Defaults to 5000. */
    interval?: number;
  }

  export const MAX_POINTS = 100000;
  /** SageMaker publishes a point a minute; the local runner as lines come. */
  export const INTERVAL = 5000;
}

function pointsOf(series: IMetricSeries[]): IMetricPoint[] {
  return series
    .flatMap(s =>
      s.timestamps.map((time, i) => ({ name: s.name, host: s.host, time, value: s.values[i] }))
    )
    .sort((a, b) => a.time.getTime() - b.time.getTime());
}
