import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import {
  CloudWatchLogsClient,
  DescribeLogStreamsCommand,
  GetLogEventsCommand
} from '@aws-sdk/client-cloudwatch-logs';
import type { DescribeTrainingJobCommandOutput } from '@aws-sdk/client-sagemaker';
import { ILogPage, IMetricSeries } from '../tokens';
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
  /** Log stream of each job's first instance, once found. */
  streams: Map<string, string>;
}

/** One page of the log of the job's first instance (`<job>/algo-1-<epoch>`). */
export async function readLogPage(
  context: IMonitoringContext,
  name: string,
  nextToken?: string
): Promise<ILogPage> {
  const stream = await logStream(context, name);
  if (!stream) {
    // No log yet: the instances are still starting.
    return { events: [], nextToken: nextToken ?? '' };
  }
  const answer = await explained(context, 'logs:GetLogEvents', name, () =>
    context.logs.send(
      new GetLogEventsCommand({
        logGroupName: TRAINING_JOBS_LOG_GROUP,
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

/** The job's metric definitions as series of its first instance, one point a minute. */
export async function readMetrics(
  context: IMonitoringContext,
  desc: Partial<Omit<DescribeTrainingJobCommandOutput, '$metadata'>>
): Promise<IMetricSeries[]> {
  const name = desc.TrainingJobName ?? '';
  const definitions = desc.AlgorithmSpecification?.MetricDefinitions ?? [];
  if (definitions.length === 0) {
    return [];
  }
  const margin = METRIC_PERIOD * 1000;
  const start = desc.TrainingStartTime ?? desc.CreationTime ?? new Date();
  const end = desc.TrainingEndTime ?? new Date();
  const series = definitions.map(definition => ({
    name: definition.Name ?? '',
    timestamps: [] as Date[],
    values: [] as number[]
  }));
  let nextToken: string | undefined;
  for (let page = 0; page < MAX_METRIC_PAGES; page++) {
    const answer = await explained(context, 'cloudwatch:GetMetricData', name, () =>
      context.cloudwatch.send(
        new GetMetricDataCommand({
          StartTime: new Date(start.getTime() - margin),
          EndTime: new Date(end.getTime() + margin),
          ScanBy: 'TimestampAscending',
          NextToken: nextToken,
          MetricDataQueries: definitions.map((definition, i) => ({
            Id: `m${i}`,
            Label: definition.Name,
            MetricStat: {
              Metric: {
                Namespace: TRAINING_JOBS_NAMESPACE,
                MetricName: definition.Name,
                Dimensions: [{ Name: 'Host', Value: `${name}/algo-1` }]
              },
              Period: METRIC_PERIOD,
              Stat: 'Average'
            },
            ReturnData: true
          }))
        })
      )
    );
    for (const result of answer.MetricDataResults ?? []) {
      const target = series[Number((result.Id ?? '').slice(1))];
      if (target) {
        target.timestamps.push(...(result.Timestamps ?? []));
        target.values.push(...(result.Values ?? []));
      }
    }
    nextToken = answer.NextToken;
    if (!nextToken) {
      break;
    }
  }
  return series;
}

/** The stream of the first instance; found once, then remembered. */
async function logStream(
  context: IMonitoringContext,
  name: string
): Promise<string | undefined> {
  const known = context.streams.get(name);
  if (known) {
    return known;
  }
  const answer = await explained(context, 'logs:DescribeLogStreams', name, () =>
    context.logs.send(
      new DescribeLogStreamsCommand({
        logGroupName: TRAINING_JOBS_LOG_GROUP,
        logStreamNamePrefix: `${name}/`
      })
    )
  ).catch(error => {
    // The group appears with the first job of the account.
    if ((error as SageMakerError).code === 'ResourceNotFoundException') {
      return { logStreams: [] };
    }
    throw error;
  });
  const stream = (answer.logStreams ?? [])
    .map(candidate => candidate.logStreamName ?? '')
    .filter(streamName => streamName.startsWith(`${name}/algo-1-`))
    .sort()[0];
  if (stream) {
    context.streams.set(name, stream);
  }
  return stream;
}

async function explained<T>(
  context: IMonitoringContext,
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
