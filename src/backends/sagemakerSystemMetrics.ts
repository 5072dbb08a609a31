import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { DescribeTrainingJobCommandOutput } from '@aws-sdk/client-sagemaker';
import { IMetricSeries, SYSTEM_METRIC_NAMES } from '../tokens';
import { readHostMetrics } from './sagemakerMonitoring';

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
export function readSystemMetrics(
  context: ISystemMetricsContext,
  desc: Partial<Omit<DescribeTrainingJobCommandOutput, '$metadata'>>,
  since?: Date
): Promise<IMetricSeries[]> {
  return readHostMetrics(context, desc, SYSTEM_METRIC_NAMES, since);
}
