import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import {
  CloudWatchLogsClient,
  DescribeLogStreamsCommand,
  GetLogEventsCommand
} from '@aws-sdk/client-cloudwatch-logs';
import type { DescribeTrainingJobCommandOutput } from '@aws-sdk/client-sagemaker';
import { ILogPage, ILogStream, IMetricSeries } from '../tokens';
import { explainAwsError, SageMakerError } from './sagemakerErrors';

/**
 * What a training job writes while it runs, read where SageMaker puts it:
 * CloudWatch Logs (one stream per instance) and CloudWatch metrics (one
 * series per metric definition and instance).
 */

/** Where SageMaker training jobs write their logs and metrics. */
export const TRAINING_JOBS_LOG_GROUP = '/aws/sagemaker/TrainingJobs';
export const TRAINING_JOBS_NAMESPACE = '/aws/sagemaker/TrainingJobs';

/** SageMaker's metric resolution for training jobs, in seconds. */
export const METRIC_PERIOD = 60;
export const MAX_METRIC_PAGES = 10;

export interface IMonitoringContext {
  logs: CloudWatchLogsClient;
  cloudwatch: CloudWatchClient;
  region: string;
}

/** At most this many hosts' metrics: GetMetricData takes 500 metrics per call. */
export const MAX_METRICS_PER_CALL = 500;

/** Where a kind of SageMaker job logs, and which host each of its streams is. */
export interface ILogSource {
  logGroup: string;
  /** The host of a stream of `job` (its name starts with `<job>/`), or undefined when not one of its logs. */
  host(streamName: string, job: string): string | undefined;
  /** The order the streams are shown in. */
  compare(a: ILogStream, b: ILogStream): number;
}

/** Training: one stream per instance, `<job>/algo-<n>-<epoch>`, by host number. */
export const TRAINING_LOGS: ILogSource = {
  logGroup: TRAINING_JOBS_LOG_GROUP,
  host: streamName => /^[^/]+\/(algo-\d+)-\d+$/.exec(streamName)?.[1],
  compare: (a, b) => hostNumber(a.host) - hostNumber(b.host)
};

/** The job's log streams, one per instance (training's by default), in the source's order. */
export async function readLogStreams(
  context: Pick<IMonitoringContext, 'logs' | 'region'>,
  name: string,
  source: ILogSource = TRAINING_LOGS
): Promise<ILogStream[]> {
  const streams: ILogStream[] = [];
  let nextToken: string | undefined;
  for (let page = 0; page < MAX_STREAM_PAGES; page++) {
    const answer = await explained(context, 'logs:DescribeLogStreams', name, () =>
      context.logs.send(
        new DescribeLogStreamsCommand({
          logGroupName: source.logGroup,
          logStreamNamePrefix: `${name}/`,
          nextToken
        })
      )
    ).catch(error => {
      // The group appears with the first job of the account.
      if ((error as SageMakerError).code === 'ResourceNotFoundException') {
        return { logStreams: [], nextToken: undefined };
      }
      throw error;
    });
    for (const stream of answer.logStreams ?? []) {
      const streamName = stream.logStreamName ?? '';
      const host = streamName.startsWith(`${name}/`) ? source.host(streamName, name) : undefined;
      if (host) {
        streams.push({ name: streamName, host });
      }
    }
    nextToken = answer.nextToken;
    if (!nextToken) {
      break;
    }
  }
  return streams.sort(source.compare);
}

/** One page of one of the job's log streams (in training's log group by default). */
export async function readLogPage(
  context: Pick<IMonitoringContext, 'logs' | 'region'>,
  name: string,
  stream: string,
  nextToken?: string,
  source: Pick<ILogSource, 'logGroup'> = TRAINING_LOGS
): Promise<ILogPage> {
  if (!stream.startsWith(`${name}/`)) {
    throw new Error(`${stream} is not a log stream of ${name}`);
  }
  const answer = await explained(context, 'logs:GetLogEvents', name, () =>
    context.logs.send(
      new GetLogEventsCommand({
        logGroupName: source.logGroup,
        logStreamName: stream,
        startFromHead: true,
        ...(nextToken && { nextToken })
      })
    )
  );
  return {
    events: (answer.events ?? []).map(event => ({
      timestamp: event.timestamp ?? 0,
      message: event.message ?? ''
    })),
    nextToken: answer.nextForwardToken ?? nextToken ?? ''
  };
}

/**
 * The job's metric definitions as series of each of its instances, one
 * point a minute; with `since`, only the points after it.
 */
export async function readMetrics(
  context: IMonitoringContext,
  desc: Partial<Omit<DescribeTrainingJobCommandOutput, '$metadata'>>,
  since?: Date
): Promise<IMetricSeries[]> {
  const names = (desc.AlgorithmSpecification?.MetricDefinitions ?? []).map(d => d.Name ?? '');
  return names.length === 0 ? [] : readHostMetrics(context, desc, names, since);
}

/**
 * The named metrics of each of the job's instances (dimension
 * `Host=<job>/algo-<n>`, namespace `/aws/sagemaker/TrainingJobs`), one
 * point a minute, over the job's run; with `since`, only the points after it.
 */
export async function readHostMetrics(
  context: Pick<IMonitoringContext, 'cloudwatch' | 'region'>,
  desc: Partial<Omit<DescribeTrainingJobCommandOutput, '$metadata'>>,
  names: ReadonlyArray<string>,
  since?: Date
): Promise<IMetricSeries[]> {
  const name = desc.TrainingJobName ?? '';
  const hostCount = Math.max(
    1,
    Math.min(desc.ResourceConfig?.InstanceCount ?? 1, Math.floor(MAX_METRICS_PER_CALL / names.length))
  );
  const hosts = Array.from({ length: hostCount }, (_, i) => `algo-${i + 1}`);
  const series = hosts.flatMap(host =>
    names.map(metric => ({ name: metric, host, timestamps: [] as Date[], values: [] as number[] }))
  );
  const margin = METRIC_PERIOD * 1000;
  const start = since
    ? new Date(since.getTime() + 1)
    : new Date((desc.TrainingStartTime ?? desc.CreationTime ?? new Date()).getTime() - margin);
  const end = new Date((desc.TrainingEndTime ?? new Date()).getTime() + margin);
  const queries = series.map(target => ({
    series: target,
    namespace: TRAINING_JOBS_NAMESPACE,
    dimensions: [{ Name: 'Host', Value: `${name}/${target.host}` }],
    stat: 'Average'
  }));
  await readMetricQueries(context, name, queries, { start, end }, since);
  return series;
}

/** One CloudWatch metric to read into `series`. */
export interface IMetricQuery {
  series: IMetricSeries;
  namespace: string;
  dimensions: { Name: string; Value: string }[];
  /** `Average`, `Sum`, … */
  stat: string;
}

/**
 * Reads `queries` with GetMetricData at SageMaker's one-minute period, page
 * after page, appending each point after `since` to its query's series.
 * `who` names the job or endpoint in errors.
 */
export async function readMetricQueries(
  context: Pick<IMonitoringContext, 'cloudwatch' | 'region'>,
  who: string,
  queries: ReadonlyArray<IMetricQuery>,
  window: { start: Date; end: Date },
  since?: Date
): Promise<void> {
  let nextToken: string | undefined;
  for (let page = 0; page < MAX_METRIC_PAGES; page++) {
    const answer = await explained(context, 'cloudwatch:GetMetricData', who, () =>
      context.cloudwatch.send(
        new GetMetricDataCommand({
          StartTime: window.start,
          EndTime: window.end,
          ScanBy: 'TimestampAscending',
          NextToken: nextToken,
          MetricDataQueries: queries.map((query, i) => ({
            Id: `m${i}`,
            Label: query.series.name,
            MetricStat: {
              Metric: {
                Namespace: query.namespace,
                MetricName: query.series.name,
                Dimensions: query.dimensions
              },
              Period: METRIC_PERIOD,
              Stat: query.stat
            },
            ReturnData: true
          }))
        })
      )
    );
    for (const result of answer.MetricDataResults ?? []) {
      const target = queries[Number((result.Id ?? '').slice(1))]?.series;
      (result.Timestamps ?? []).forEach((time, i) => {
        if (target && (!since || time > since)) {
          target.timestamps.push(time);
          target.values.push(result.Values?.[i] ?? NaN);
        }
      });
    }
    nextToken = answer.NextToken;
    if (!nextToken) {
      break;
    }
  }
}

const MAX_STREAM_PAGES = 5;

function hostNumber(host: string): number {
  return Number(host.slice('algo-'.length));
}

async function explained<T>(
  context: Pick<IMonitoringContext, 'region'>,
  action: string,
  jobName: string,
  call: () => Promise<T>
): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw explainAwsError(error, { action, jobName, region: context.region });
  }
}
