import type { ApplicationAutoScalingClient } from '@aws-sdk/client-application-auto-scaling';
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { PricingClient } from '@aws-sdk/client-pricing';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SageMakerClient } from '@aws-sdk/client-sagemaker';
import type { SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { Token } from '@lumino/coreutils';
import { ISignal } from '@lumino/signaling';

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

/**
 * TrainingJobStatus, SageMaker's and the local runner's alike
 * (tests/test_definition_parity.py keeps the runner's list equal to this one).
 */
export const JOB_STATUSES = [
  'InProgress',
  'Completed',
  'Failed',
  'Stopping',
  'Stopped'
] as const;

export type JobStatus = (typeof JOB_STATUSES)[number];

/** Statuses after which a job changes no more. */
export const FINAL_JOB_STATUSES: ReadonlyArray<JobStatus> = [
  'Completed',
  'Failed',
  'Stopped'
];

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
export interface ITrainingJobSpec {
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

/**
 * What a training job is, in CreateTrainingJob's field names, built once from
 * a job spec (`trainingJobDefinition`): the SageMaker request extends it
 * (role, image, output, stopping, S3 data sources), the local runner gets it
 * as it is (docs/local-api.md). Nothing in it is encoded twice.
 */
export interface ITrainingJobDefinition {
  TrainingJobName: string;
  /**
   * Every value JSON-encoded as the SageMaker Python SDK does, with the
   * script-mode keys (`sagemaker_program`, `sagemaker_container_log_level`,
   * `sagemaker_job_name`, `sagemaker_region` when known).
   */
  HyperParameters: Record<string, string>;
  AlgorithmSpecification: { MetricDefinitions?: IMetricDefinition[] };
  /** The channels by name; where their data is belongs to the target. */
  InputDataConfig?: { ChannelName: string }[];
  ResourceConfig: { InstanceCount: number; InstanceType: string };
  /** Ours, linking the job to its notebook cell (values `@XX`-escaped). */
  Tags: { Key: string; Value: string }[];
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
export interface ITrainingJob {
  name: string;
  target: Target;
  /** SageMaker: the job's ARN (its partition, region and account). */
  arn?: string;
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
  /** ResourceConfig: `ml.m5.xlarge`, or `local` for the local runner. */
  instanceType?: string;
  instanceCount?: number;
  /** SageMaker: managed spot training (EnableManagedSpotTraining). */
  spot?: boolean;
  /** SageMaker: StoppingCondition.MaxRuntimeInSeconds. */
  maxRuntimeInSeconds?: number;
  /**
   * Why the job's latest details could not be read (deleted, or hidden from
   * this role): what is shown is what was last read or listed.
   */
  readError?: string;
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

/** One host's log of a training job, as CloudWatch Logs keeps it. */
export interface ILogStream {
  /** What `logs()` reads: SageMaker's `<job>/algo-1-<epoch>`, the local runner's `algo-1`. */
  name: string;
  /** The instance: `algo-1`, `algo-2`, … */
  host: string;
}

/** One metric of one host over time, as CloudWatch GetMetricData returns it. */
export interface IMetricSeries {
  name: string;
  host: string;
  timestamps: Date[];
  values: number[];
}

/** What SageMaker reports of each training instance, in % (namespace `/aws/sagemaker/TrainingJobs`). */
export const SYSTEM_METRIC_NAMES = [
  'CPUUtilization',
  'MemoryUtilization',
  'GPUUtilization',
  'GPUMemoryUtilization',
  'DiskUtilization'
] as const;

/** How far the upload of a job's channel folders is. */
export interface IChannelUploadProgress {
  jobName: string;
  filesDone: number;
  files: number;
  bytesDone: number;
  bytes: number;
  /** Files of the folders that S3 already had, unchanged: not uploaded again. */
  filesUnchanged: number;
  /** Set once the uploads are done: objects at the prefixes that the folders no longer have. */
  stale?: string[];
}

/** What the caller of a submit is told while it runs. */
export interface ISubmitOptions {
  onUploadProgress?: (progress: IChannelUploadProgress) => void;
}

/** A place jobs run. Only the jobs model calls it. */
export interface ITrainingBackend {
  readonly target: Target;
  /**
   * Milliseconds between two listings at most once: a remote backend is
   * asked less often than the jobs model polls. Default 0.
   */
  readonly minListInterval?: number;
  submit(spec: ITrainingJobSpec, options?: ISubmitOptions): Promise<ITrainingJob>;
  list(): Promise<ITrainingJob[]>;
  stop(name: string): Promise<void>;
  /** One stream per host, first host first; empty until the job has logged. */
  logStreams(name: string): Promise<ILogStream[]>;
  /** The page of `stream` after `nextToken` (from the start without one). */
  logs(name: string, stream: string, nextToken?: string): Promise<ILogPage>;
  /** Every metric of every host; with `since`, only the points after it. */
  metrics(name: string, since?: Date): Promise<IMetricSeries[]>;
  /**
   * The instances' CPU, memory, GPU and disk use (`SYSTEM_METRIC_NAMES`),
   * as `metrics`; a backend without them leaves it out.
   */
  systemMetrics?(name: string, since?: Date): Promise<IMetricSeries[]>;
  /**
   * The source files the job ran (`train.py`, `requirements.txt`, …): the
   * local job folder's `code/`, or SageMaker's `sourcedir.tar.gz` in S3.
   */
  sourceFiles?(name: string): Promise<ISourceFile[]>;
}

export const ITrainingJobsModel = new Token<ITrainingJobsModel>(
  'jupyterlab-sagemaker-nlp:ITrainingJobsModel',
  'Every training job of every backend, kept fresh.'
);

export interface ITrainingJobsModel {
  readonly jobs: ReadonlyArray<ITrainingJob>;
  readonly changed: ISignal<ITrainingJobsModel, void>;
  readonly selected: string | null;
  readonly selectedChanged: ISignal<ITrainingJobsModel, string | null>;
  select(name: string | null): void;
  submit(spec: ITrainingJobSpec, options?: ISubmitOptions): Promise<ITrainingJob>;
  stop(name: string): Promise<void>;
  logStreams(name: string): Promise<ILogStream[]>;
  logs(name: string, stream: string, nextToken?: string): Promise<ILogPage>;
  metrics(name: string, since?: Date): Promise<IMetricSeries[]>;
  /** The job's system metrics; optional, as on the backends. */
  systemMetrics?(name: string, since?: Date): Promise<IMetricSeries[]>;
  /**
   * Why a backend's last listing failed, by target; its jobs are then the
   * ones last seen. Optional so that simple fakes need not provide it.
   */
  readonly errors?: ReadonlyMap<Target, string>;
  /** The latest job started from a cell, for its badge. */
  latestForCell(cellId: string): ITrainingJob | undefined;
  /** Every job started from a cell, newest first. */
  jobsForCell(cellId: string): ITrainingJob[];
  /** The source files a job ran; optional, as on the backends. */
  sourceFiles?(name: string): Promise<ISourceFile[]>;
  refresh(): Promise<void>;
}

/**
 * The server's AWS configuration (`/sagemaker-nlp/aws-config`): region,
 * account, execution role and default bucket, discovered as the SageMaker
 * Python SDK does, overridable in the settings.
 */
export interface IAwsConfig {
  /** null (or empty) until a region is set or found. */
  region: string | null;
  /** null when the server has no credentials that AWS accepts. */
  account: string | null;
  roleArn: string | null;
  bucket: string | null;
  /**
   * `missing`: create it (`createDefaultBucket`); `other-region` /
   * `other-owner`: pick another bucket; `unknown`: could not check.
   */
  bucketStatus: BucketStatus;
  onNotebookInstance: boolean;
  /** What keeps SageMaker from working, each naming its fix. */
  problems: string[];
}

export type BucketStatus =
  | 'ok'
  | 'missing'
  | 'other-region'
  | 'other-owner'
  | 'unknown';

/** What the user may set; an empty string goes back to discovery. */
export interface AwsConfigSettings {
  region?: string;
  roleArn?: string;
  bucket?: string;
}

export const IAwsSession = new Token<IAwsSession>(
  'jupyterlab-sagemaker-nlp:IAwsSession',
  'The AWS configuration of the Jupyter server and the clients of its signing proxy.'
);

/** What every AWS-facing part shares (`AwsSession`): one configuration, read once. */
export interface IAwsSession {
  /** Region, account, role or bucket changed. */
  readonly configChanged: ISignal<IAwsSession, IAwsConfig>;
  /** The configuration in force; `fresh` asks the server again now. */
  config(options?: { fresh?: boolean }): Promise<IAwsConfig>;
  /** The last configuration read, without asking; null before the first. */
  readonly current: IAwsConfig | null;
  setConfig(settings: AwsConfigSettings): Promise<IAwsConfig>;
  createDefaultBucket(): Promise<IAwsConfig>;
  /** The clients for the configuration's region; the AWS SDK chunk loads on first use. */
  clients(): Promise<IAwsClients>;
}

/** AWS SDK v3 clients whose endpoint is the Jupyter server's signing proxy. */
export interface IAwsClients {
  sagemaker: SageMakerClient;
  /** InvokeEndpoint. */
  runtime: SageMakerRuntimeClient;
  /** Endpoint autoscaling. */
  autoscaling: ApplicationAutoScalingClient;
  s3: S3Client;
  cloudwatch: CloudWatchClient;
  logs: CloudWatchLogsClient;
  /** The Price List API (GetProducts only). */
  pricing: PricingClient;
}

/**
 * The choices a SageMaker training job needs beyond the job spec, which
 * both targets share. Names follow the SageMaker Python SDK's estimator
 * arguments; anything left out gets the SDK's default.
 *
 * Instance type and count are in the job spec. The region is not here: it
 * is a setting resolved once (settings, else the server's configuration),
 * and reaches the request builder as `context.region`.
 */
export interface ISageMakerOptions {
  /** The execution role, `arn:aws:iam::<account>:role/<name>`. */
  roleArn: string;
  /** The default bucket, `sagemaker-<region>-<account>` as the SDK makes it. */
  bucket: string;
  /** Where the model goes; default `s3://<bucket>/`. */
  outputPath?: string;
  /** Where `sourcedir.tar.gz` goes; see `sourceDirS3Uri`. */
  codeLocation?: string;
  /** Default 30. */
  volumeSizeInGB?: number;
  /** Default 86400 (one day). */
  maxRuntimeInSeconds?: number;
  /** Managed spot training; needs `maxWaitTimeInSeconds`. */
  useSpotInstances?: boolean;
  /** Runtime plus time waiting for spot capacity; only sent with spot. */
  maxWaitTimeInSeconds?: number;
  checkpointS3Uri?: string;
  /** Where the script writes checkpoints; SageMaker's default `/opt/ml/checkpoints`. */
  checkpointLocalPath?: string;
  distribution?: Distribution;
  /** VPC: both lists or neither. */
  subnets?: string[];
  securityGroupIds?: string[];
  volumeKmsKeyId?: string;
  outputKmsKeyId?: string;
  environment?: Record<string, string>;
  /** The user's own tags; ours (notebook, cell) are added to them. */
  tags?: ITag[];
  /** Python `logging` level of the container's toolkit; default 20 (INFO). */
  containerLogLevel?: number;
}

export interface ITag {
  Key: string;
  Value: string;
}

/**
 * How the job spreads over GPUs and instances, as the SDK's `distribution`:
 * `torch_distributed` (torchrun), `smdistributed` (SageMaker's data parallel
 * library) or `mpi` (Horovod and the like).
 */
export type Distribution =
  | { type: 'none' }
  | { type: 'torch_distributed' }
  | { type: 'smdistributed'; customMpiOptions?: string }
  | { type: 'mpi'; processesPerHost?: number; customMpiOptions?: string };

export type DistributionType = Distribution['type'];

/**
 * EndpointStatus, SageMaker's; a local endpoint (served by the Jupyter
 * server from a local job's model) uses the same words.
 */
export const ENDPOINT_STATUSES = [
  'OutOfService',
  'Creating',
  'Updating',
  'SystemUpdating',
  'RollingBack',
  'InService',
  'Deleting',
  'Failed',
  'UpdateRollbackFailed'
] as const;

export type EndpointStatus = (typeof ENDPOINT_STATUSES)[number];

/** One production variant of an endpoint, from its endpoint config. */
export interface IEndpointVariant {
  name: string;
  /** The model it serves (deleted with the endpoint). */
  modelName?: string;
  /** Real-time: instance type and count; serverless has neither. */
  instanceType?: string;
  instanceCount?: number;
  /** Serverless: memory and concurrency. */
  serverless?: { memorySizeInMB: number; maxConcurrency: number };
}

/** An endpoint as the views see it, SageMaker's or local. */
export interface IEndpoint {
  name: string;
  target: Target;
  arn?: string;
  status: EndpointStatus;
  creationTime: Date;
  lastModifiedTime?: Date;
  failureReason?: string;
  configName?: string;
  variants: IEndpointVariant[];
  /** The training job whose model it serves (our tag, or the local job). */
  jobName?: string;
  notebookPath?: string;
  cellId?: string;
  framework?: Framework;
}

/** What a deploy needs beyond the job: where and how the model is served. */
export interface IDeployChoices {
  endpointName: string;
  /** Real-time (instance type and count) or serverless (memory and concurrency). */
  mode: 'realtime' | 'serverless';
  instanceType?: string;
  instanceCount?: number;
  memorySizeInMB?: number;
  maxConcurrency?: number;
  /** Hugging Face: the pipeline task (`HF_TASK`). */
  hfTask?: string;
  /** An inference script (model_fn / input_fn / predict_fn / output_fn), packed with the model. */
  inferenceScript?: ISourceFile;
}

/** The answer of an endpoint to one invocation. */
export interface IInvocation {
  body: string;
  contentType: string;
  /** Milliseconds from sending to the whole answer. */
  latencyMs: number;
}

/** A place endpoints run: SageMaker hosting, or the Jupyter server for local jobs. */
export interface IEndpointsBackend {
  readonly target: Target;
  list(): Promise<IEndpoint[]>;
  /** Deploy a completed job's model; on failure nothing is left half-created. */
  deploy(job: ITrainingJob, choices: IDeployChoices): Promise<IEndpoint>;
  invoke(name: string, body: string, contentType: string): Promise<IInvocation>;
  /** The endpoint, its config and its model. */
  delete(name: string): Promise<void>;
}

/** TransformJobStatus, SageMaker's; a local transform uses the same words. */
export const TRANSFORM_STATUSES = ['InProgress', 'Completed', 'Failed', 'Stopping', 'Stopped'] as const;

export type TransformStatus = (typeof TRANSFORM_STATUSES)[number];

/** How the input is cut into requests (TransformInput.SplitType). */
export type TransformSplitType = 'None' | 'Line' | 'RecordIO' | 'TFRecord';

/** What a batch transform runs over, and how (SageMaker's CreateTransformJob choices). */
export interface ITransformRequest {
  /** SageMaker: an S3 prefix (`s3://bucket/prefix/`); local: a folder, relative to the server root. */
  input: string;
  /** Where the `<input file>.out` answers go; by default `s3://<bucket>/<transform job>`, or a folder beside the input. */
  output?: string;
  /** The input's MIME type, sent as each request's Content-Type. */
  contentType: string;
  splitType: TransformSplitType;
  /** SageMaker only: the instances (TransformResources). */
  instanceType?: string;
  instanceCount?: number;
  /** One record per request, or as many as fit in maxPayloadInMB. */
  strategy?: 'SingleRecord' | 'MultiRecord';
  /** `Line`: one answer per line in the output file; `None`: answers as they come. */
  assembleWith?: 'None' | 'Line';
  maxPayloadInMB?: number;
  /** The content type to ask answers in (TransformOutput.Accept). */
  accept?: string;
  /** Hugging Face: the pipeline task (`HF_TASK`). */
  hfTask?: string;
  /** SageMaker: run this existing model (an endpoint's) instead of making one from the job. */
  modelName?: string;
}

/** A batch transform job as the views see it, SageMaker's or local. */
export interface ITransformJob {
  name: string;
  target: Target;
  arn?: string;
  status: TransformStatus;
  failureReason?: string;
  /** The model it runs (SageMaker's model name; a local transform's is its job's). */
  modelName?: string;
  /** The training job whose model it runs, when known (our tag, or the local job). */
  jobName?: string;
  /** Where it read (S3 prefix or folder) and wrote. */
  input?: string;
  output?: string;
  contentType?: string;
  splitType?: TransformSplitType;
  instanceType?: string;
  instanceCount?: number;
  creationTime: Date;
  startTime?: Date;
  endTime?: Date;
  notebookPath?: string;
  cellId?: string;
}

/** A place batch transforms run: SageMaker, or the Jupyter server over a folder. */
export interface ITransformsBackend {
  readonly target: Target;
  /** Newest first. */
  list(): Promise<ITransformJob[]>;
  /** Start one with the model of a Completed training job of this target. */
  start(job: ITrainingJob, request: ITransformRequest): Promise<ITransformJob>;
  describe(name: string): Promise<ITransformJob>;
  stop(name: string): Promise<void>;
  /** Its log streams and pages, as a training job's (the log view reads both alike). */
  logStreams(name: string): Promise<ILogStream[]>;
  logs(name: string, stream: string, nextToken?: string): Promise<ILogPage>;
}
