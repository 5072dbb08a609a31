import type {
  DescribeTrainingJobCommandOutput,
  TrainingJobSummary
} from '@aws-sdk/client-sagemaker';
import { CELL_TAG, decodeTagValue, NOTEBOOK_TAG } from '../training/notebookTags';
import { FINAL_JOB_STATUSES, Framework, ITrainingJob, JOB_STATUSES, JobStatus } from '../tokens';

/**
 * SageMaker's answers (DescribeTrainingJob, ListTrainingJobs) as the views'
 * job. Pure: no calls.
 */

const STATUSES: ReadonlyArray<JobStatus> = JOB_STATUSES;

/** Image repository → framework, as the SDK's image names make them. */
const FRAMEWORK_IMAGES: [RegExp, Framework][] = [
  [/\/huggingface-/, 'huggingface'],
  [/\/pytorch-/, 'pytorch'],
  [/\/tensorflow-/, 'tensorflow'],
  [/\/mxnet-/, 'mxnet'],
  [/\/sagemaker-scikit-learn/, 'sklearn']
];

/** Whether SageMaker may still change the job. */
export function isRunning(status: string | undefined): boolean {
  return !!status && !(FINAL_JOB_STATUSES as ReadonlyArray<string>).includes(status);
}

/** The framework of a training image URI, if it is one of the SDK's. */
export function frameworkOfImage(image: string | undefined): Framework | undefined {
  return FRAMEWORK_IMAGES.find(([pattern]) => pattern.test(image ?? ''))?.[1];
}

/** The job from DescribeTrainingJob, with its tags (ListTags) when known. */
export function jobFromDescription(
  desc: Partial<Omit<DescribeTrainingJobCommandOutput, '$metadata'>>,
  tags: { Key?: string; Value?: string }[] = []
): ITrainingJob {
  const tagMap = new Map(tags.map(tag => [tag.Key, tag.Value]));
  const notebook = tagMap.get(NOTEBOOK_TAG);
  const cell = tagMap.get(CELL_TAG);
  const job: ITrainingJob = {
    name: desc.TrainingJobName ?? '',
    target: 'sagemaker',
    ...(desc.TrainingJobArn && { arn: desc.TrainingJobArn }),
    framework: frameworkOfImage(desc.AlgorithmSpecification?.TrainingImage),
    status: statusOf(desc.TrainingJobStatus),
    secondaryStatus: desc.SecondaryStatus,
    creationTime: desc.CreationTime ?? new Date(0),
    startTime: desc.TrainingStartTime,
    endTime: desc.TrainingEndTime,
    failureReason: desc.FailureReason || undefined,
    transitions: (desc.SecondaryStatusTransitions ?? []).map(transition => ({
      Status: transition.Status ?? '',
      StartTime: transition.StartTime ?? new Date(0),
      EndTime: transition.EndTime,
      StatusMessage: transition.StatusMessage
    })),
    finalMetrics: (desc.FinalMetricDataList ?? []).map(metric => ({
      MetricName: metric.MetricName ?? '',
      Value: metric.Value ?? NaN,
      Timestamp: metric.Timestamp ?? new Date(0)
    })),
    modelArtifact: desc.ModelArtifacts?.S3ModelArtifacts || undefined,
    hyperparameters: { ...(desc.HyperParameters ?? {}) },
    metricDefinitions: (desc.AlgorithmSpecification?.MetricDefinitions ?? []).map(
      definition => ({ Name: definition.Name ?? '', Regex: definition.Regex ?? '' })
    ),
    notebookPath: notebook !== undefined ? decodeTagValue(notebook) : undefined,
    cellId: cell !== undefined ? decodeTagValue(cell) : undefined,
    billableTimeInSeconds: desc.BillableTimeInSeconds,
    trainingTimeInSeconds: desc.TrainingTimeInSeconds,
    instanceType: desc.ResourceConfig?.InstanceType,
    instanceCount: desc.ResourceConfig?.InstanceCount,
    spot: desc.EnableManagedSpotTraining,
    maxRuntimeInSeconds: desc.StoppingCondition?.MaxRuntimeInSeconds
  };
  return withoutUndefined(job);
}

/** What ListTrainingJobs alone tells, until the job is described. */
export function jobFromSummary(summary: TrainingJobSummary): ITrainingJob {
  return withoutUndefined({
    name: summary.TrainingJobName ?? '',
    target: 'sagemaker',
    arn: summary.TrainingJobArn,
    status: statusOf(summary.TrainingJobStatus),
    secondaryStatus: summary.SecondaryStatus,
    creationTime: summary.CreationTime ?? new Date(0),
    endTime: summary.TrainingEndTime,
    transitions: [],
    finalMetrics: [],
    hyperparameters: {},
    metricDefinitions: []
  });
}

function statusOf(status: string | undefined): JobStatus {
  // A status SageMaker adds later is shown as running rather than dropped.
  return STATUSES.find(known => known === status) ?? 'InProgress';
}

/** Absent fields dropped, so two answers of one state compare equal. */
function withoutUndefined(job: ITrainingJob): ITrainingJob {
  for (const key of Object.keys(job) as (keyof ITrainingJob)[]) {
    if (job[key] === undefined) {
      delete job[key];
    }
  }
  return job;
}
