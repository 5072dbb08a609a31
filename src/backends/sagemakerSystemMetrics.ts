import { CloudWatchClient, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import type { DescribeTrainingJobCommandOutput } from '@aws-sdk/client-sagemaker';
import { IMetricSeries, SYSTEM_METRIC_NAMES } from '../tokens';
import { explainAwsError } from './sagemakerErrors';
import {
  MAX_METRIC_PAGES,
  MAX_METRICS_PER_CALL,
  METRIC_PERIOD,
  TRAINING_JOBS_NAMESPACE
} from './sagemakerMonitoring';

export interface ISystemMetricsContext {
  cloudwatch: CloudWatchClient;
  region: string;
}

/**
 * What each of the job's instances used — CPU, memory, GPU, GPU memory and
 * disk, in % — as SageMaker publishes it: one point a minute per metric,
 * dimension `Host=<job>/algo-<n>`. With `since`, only the points after it.
 * A metric an instance lacks (GPU on a CPU instance) comes back empty.
 */
export async function readSystemMetrics(
  context: ISystemMetricsContext,
  desc: Partial<Omit<DescribeTrainingJobCommandOutput, '$metadata'>>,
  since?: Date
): Promise<IMetricSeries[]> {
  const name = desc.TrainingJobName ?? '';
  const hostCount = Math.max(
    1,
    Math.min(
      desc.ResourceConfig?.InstanceCount ?? 1,
      Math.floor(MAX_METRICS_PER_CALL / SYSTEM_METRIC_NAMES.length)
    )
  );
  const series: IMetricSeries[] = [];
  for (let n = 1; n <= hostCount; n++) {
    for (const metric of SYSTEM_METRIC_NAMES) {
      series.push({ name: metric, host: `algo-${n}`, timestamps: [], values: [] });
    }
  }
  const margin = METRIC_PERIOD * 1000;
  const start = since
    ? new Date(since.getTime() + 1)
    : new Date((desc.TrainingStartTime ?? desc.CreationTime ?? new Date()).getTime() - margin);
  const end = new Date((desc.TrainingEndTime ?? new Date()).getTime() + margin);
  let nextToken: string | undefined;
  for (let page = 0; page < MAX_METRIC_PAGES; page++) {
    const answer = await context.cloudwatch
      .send(
        new GetMetricDataCommand({
          StartTime: start,
          EndTime: end,
          ScanBy: 'TimestampAscending',
          NextToken: nextToken,
          MetricDataQueries: series.map((target, i) => ({
            Id: `s${i}`,
            Label: `${target.host} ${target.name}`,
            MetricStat: {
              Metric: {
                Namespace: TRAINING_JOBS_NAMESPACE,
                MetricName: target.name,
                Dimensions: [{ Name: 'Host', Value: `${name}/${target.host}` }]
              },
              Period: METRIC_PERIOD,
              Stat: 'Average'
            },
            ReturnData: true
          }))
        })
      )
      .catch(error => {
        throw explainAwsError(error, {
          action: 'cloudwatch:GetMetricData',
          jobName: name,
          region: context.region
        });
      });
    for (const result of answer.MetricDataResults ?? []) {
      const target = series[Number((result.Id ?? '').slice(1))];
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
  return series;
}
