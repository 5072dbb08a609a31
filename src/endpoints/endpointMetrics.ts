import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { IMetricQuery, METRIC_PERIOD, readMetricQueries } from '../backends/sagemakerMonitoring';
import { IEndpoint, IMetricSeries } from '../tokens';

/** What SageMaker reports of each endpoint variant (namespace `AWS/SageMaker`), and how they add up per minute. */
export const INVOCATION_METRICS: ReadonlyArray<[string, string]> = [
  ['Invocations', 'Sum'],
  ['ModelLatency', 'Average'],
  ['OverheadLatency', 'Average'],
  ['Invocation4XXErrors', 'Sum'],
  ['Invocation5XXErrors', 'Sum']
];

/** What the instances of a variant report (namespace `/aws/sagemaker/Endpoints`), in %. */
export const INSTANCE_METRICS = ['CPUUtilization', 'MemoryUtilization'] as const;

/** How far back a first read looks. */
export const METRICS_WINDOW_MS = 3 * 60 * 60 * 1000;

/**
 * An endpoint's invocation and instance metrics, one series per metric and
 * variant (the series' `host` is the variant), read with one GetMetricData
 * call per page; with `since`, only the points after it.
 */
export async function readEndpointMetrics(
  context: { cloudwatch: CloudWatchClient; region: string },
  endpoint: IEndpoint,
  since?: Date,
  now: Date = new Date()
): Promise<IMetricSeries[]> {
  const queries: IMetricQuery[] = endpoint.variants.flatMap(variant => {
    const dimensions = [
      { Name: 'EndpointName', Value: endpoint.name },
      { Name: 'VariantName', Value: variant.name }
    ];
    const series = (name: string) => ({ name, host: variant.name, timestamps: [], values: [] });
    return [
      ...INVOCATION_METRICS.map(([name, stat]) => ({
        series: series(name),
        namespace: 'AWS/SageMaker',
        dimensions,
        stat
      })),
      // Serverless endpoints have no instances to report.
      ...(variant.serverless
        ? []
        : INSTANCE_METRICS.map(name => ({
            series: series(name),
            namespace: '/aws/sagemaker/Endpoints',
            dimensions,
            stat: 'Average'
          })))
    ];
  });
  if (queries.length === 0) {
    return [];
  }
  const start = since
    ? new Date(since.getTime() + 1)
    : new Date(Math.max(endpoint.creationTime.getTime(), now.getTime() - METRICS_WINDOW_MS) - METRIC_PERIOD * 1000);
  await readMetricQueries(context, endpoint.name, queries, { start, end: now }, since);
  return queries.map(query => query.series);
}
