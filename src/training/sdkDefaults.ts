import { Framework, ITrainingJobSpec, ISageMakerOptions } from '../tokens';
import { instanceFamily } from './sagemakerChecks';
import type { ICreateTrainingJobRequest } from './request';

/**
 * What the SageMaker Python SDK v2 switches on by itself, which differs by
 * framework, framework version, region and instance type.
 */

/** Regions where the SDK turns SageMaker Debugger and its profiler off. */
const NO_DEBUGGER_REGIONS = [
  'us-iso-east-1',
  'us-isob-east-1',
  'ap-southeast-3',
  'ap-southeast-4',
  'eu-south-2',
  'me-central-1',
  'ap-south-2',
  'eu-central-2',
  'us-gov-east-1'
];

/**
 * The framework version from which the SDK turns on metrics time series;
 * Hugging Face always has it, scikit-learn never.
 */
const METRICS_SINCE: Partial<Record<Framework, string>> = {
  pytorch: '1.3',
  tensorflow: '1.15',
  mxnet: '1.6'
};

/**
 * Debugger and profiler as the SDK sets them by default: on, writing to the
 * output path, except where it turns them off — regions without Debugger,
 * the profiler on Trainium, and the debugger hook when the framework's
 * estimator sees checkpoints synced from a local path on what it takes for
 * distributed training (PyTorch and TensorFlow always, MXNet with more
 * than one instance).
 */
export function profilerAndDebugger(
  spec: ITrainingJobSpec,
  options: ISageMakerOptions,
  region: string,
  outputPath: string
): Pick<ICreateTrainingJobRequest, 'DebugHookConfig' | 'ProfilerConfig'> {
  const regionSupports = !NO_DEBUGGER_REGIONS.includes(region.toLowerCase());
  const syncsLocalCheckpoints = Boolean(
    options.checkpointS3Uri && options.checkpointLocalPath
  );
  const seenAsDistributed =
    spec.framework === 'pytorch' ||
    spec.framework === 'tensorflow' ||
    (spec.framework === 'mxnet' && spec.instanceCount > 1);
  const debugHook =
    regionSupports && !(syncsLocalCheckpoints && seenAsDistributed);
  const profiler =
    regionSupports && !instanceFamily(spec.instanceType).startsWith('trn');
  return {
    ...(debugHook && {
      DebugHookConfig: {
        S3OutputPath: outputPath,
        CollectionConfigurations: []
      }
    }),
    ProfilerConfig: profiler
      ? { S3OutputPath: outputPath, DisableProfiler: false }
      : { DisableProfiler: true }
  };
}

/** The SDK's `enable_sagemaker_metrics` default. */
export function enablesMetricsTimeSeries(spec: ITrainingJobSpec): boolean {
  if (spec.framework === 'huggingface') {
    return true;
  }
  const since = METRICS_SINCE[spec.framework];
  return (
    since !== undefined &&
    spec.frameworkVersion !== '' &&
    compareVersions(spec.frameworkVersion, since) >= 0
  );
}

/** Numeric dotted versions, `2.10` > `2.9`; missing parts count as 0. */
function compareVersions(a: string, b: string): number {
  const left = a.split('.').map(part => parseInt(part, 10) || 0);
  const right = b.split('.').map(part => parseInt(part, 10) || 0);
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const difference = (left[i] ?? 0) - (right[i] ?? 0);
    if (difference !== 0) {
      return difference;
    }
  }
  return 0;
}
