import { Token } from '@lumino/coreutils';
import { ISignal } from '@lumino/signaling';
import type { ISageMakerOptions } from './training/sagemakerOptions';

/**
 * The contract between the parts: what a job is, what a backend does, and
 * what the jobs model tells the views. Wire shapes follow SageMaker's own
 * (DescribeTrainingJob, GetLogEvents, GetMetricData) so both backends feed
 * one set of views.
 */

export type Target = 'local' | 'sagemaker';

export type Framework =
  | 'huggingface'
  | 'pytorch'
  | 'tensorflow'
  | 'mxnet'
  | 'sklearn';

export type JobStatus =
  | 'InProgress'
  | 'Completed'
  | 'Failed'
  | 'Stopping'
  | 'Stopped';

/** A hyperparameter keeps the notebook's literal type. */
export type HyperparameterValue =
  | string
  | number
  | boolean
  | null
  | HyperparameterValue[]
  | { [key: string]: HyperparameterValue };

export interface IMetricDefinition {
  Name: string;
  Regex: string;
}

export interface ISourceFile {
  /** Path relative to the source directory root, e.g. `train.py`. */
  path: string;
  content: string;
}

/** Everything needed to run one training job, whatever the target. */
export interface IJobSpec {
  jobName: string;
  target: Target;
  framework: Framework;
  frameworkVersion: string;
  pyVersion: string;
  entryPoint: string;
  sourceFiles: ISourceFile[];
  hyperparameters: Record<string, HyperparameterValue>;
  /**
   * Hyperparameters that are Python floats with a whole value (`1.0`):
   * JavaScript numbers can't say so, and SageMaker gets `1.0`, not `1`.
   */
  floatHyperparameters?: string[];
  /** Channel name → local folder (Local) or S3 URI (SageMaker). */
  channels: Record<string, string>;
  metricDefinitions: IMetricDefinition[];
  instanceType: string;
  instanceCount: number;
  notebookPath: string;
  cellId: string;
  /** The notebook kernel's name; the local runner uses its Python. */
  kernelName: string;
  /**
   * Hugging Face only: the framework under transformers, as the SDK's
   * `pytorch_version`/`tensorflow_version` make it ("pytorch2.1.0"); picks
   * the training image.
   */
  baseFrameworkVersion?: string;
  /** What a SageMaker job needs beyond the spec (role, bucket, spot…). */
  sagemaker?: ISageMakerOptions;
}

export interface IStatusTransition {
  Status: string;
  StartTime: Date;
  EndTime?: Date;
  StatusMessage?: string;
}

export interface IFinalMetric {
  MetricName: string;
  Value: number;
  Timestamp: Date;
}

/** A job as the views see it, from either backend. */
export interface IJob {
  name: string;
  target: Target;
  framework?: Framework;
  status: JobStatus;
  secondaryStatus?: string;
  creationTime: Date;
  startTime?: Date;
  endTime?: Date;
  failureReason?: string;
  /** Position in the local queue (1 = next), when waiting for a slot. */
  queuePosition?: number;
  transitions: IStatusTransition[];
  finalMetrics: IFinalMetric[];
  modelArtifact?: string;
  hyperparameters: Record<string, string>;
  metricDefinitions: IMetricDefinition[];
  notebookPath?: string;
  cellId?: string;
  /** SageMaker: seconds billed, less than training time with spot. */
  billableTimeInSeconds?: number;
  /** SageMaker: seconds the instances trained. */
  trainingTimeInSeconds?: number;
}

export interface ILogEvent {
  timestamp: number;
  message: string;
}

export interface ILogPage {
  events: ILogEvent[];
  /** Pass back to read what comes next. */
  nextToken: string;
}

/** One metric over time, as CloudWatch GetMetricData returns it. */
export interface IMetricSeries {
  name: string;
  timestamps: Date[];
  values: number[];
}

/** A place jobs run. Only the jobs model calls it. */
export interface IJobBackend {
  readonly target: Target;
  /**
   * Milliseconds between two listings at most once: a remote backend is
   * asked less often than the jobs model polls. Default 0.
   */
  readonly minListInterval?: number;
  submit(spec: IJobSpec): Promise<IJob>;
  list(): Promise<IJob[]>;
  describe(name: string): Promise<IJob>;
  stop(name: string): Promise<void>;
  logs(name: string, nextToken?: string): Promise<ILogPage>;
  metrics(name: string): Promise<IMetricSeries[]>;
}

export const IJobsModel = new Token<IJobsModel>(
  'jupyterlab-sagemaker-nlp:IJobsModel',
  'Every training job of every backend, kept fresh.'
);

export interface IJobsModel {
  readonly jobs: ReadonlyArray<IJob>;
  readonly changed: ISignal<IJobsModel, void>;
  readonly selected: string | null;
  readonly selectedChanged: ISignal<IJobsModel, string | null>;
  select(name: string | null): void;
  submit(spec: IJobSpec): Promise<IJob>;
  stop(name: string): Promise<void>;
  logs(name: string, nextToken?: string): Promise<ILogPage>;
  metrics(name: string): Promise<IMetricSeries[]>;
  /**
   * Why a backend's last listing failed, by target; its jobs are then the
   * ones last seen. Optional so that simple fakes need not provide it.
   */
  readonly errors?: ReadonlyMap<Target, string>;
  /** The latest job started from a cell, for its badge. */
  latestForCell(cellId: string): IJob | undefined;
  refresh(): Promise<void>;
}
