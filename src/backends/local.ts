import { ServerConnection } from '@jupyterlab/services';
import {
  Framework,
  IFinalMetric,
  ITrainingJob,
  ITrainingBackend,
  ITrainingJobSpec,
  ILogPage,
  ILogStream,
  IMetricDefinition,
  IMetricSeries,
  ISourceFile,
  IStatusTransition,
  ITrainingJobDefinition,
  JobStatus
} from '../tokens';
import { trainingJobDefinition } from '../training/definition';
import {
  CELL_TAG,
  decodeTagValue,
  NOTEBOOK_TAG
} from '../training/notebookTags';
import { requestAPI } from '../api/request';
import { LocalLogs } from '../api/localLogs';
import type { IJobSourceFile } from './jobSourceFiles';

/**
 * Jobs run by the Jupyter server itself, through the REST API of
 * `docs/local-api.md` under `/sagemaker-nlp/local/`.
 */
export class LocalBackend implements ITrainingBackend {
  readonly target = 'local' as const;

  constructor(options: LocalBackend.IOptions = {}) {
    this._settings = options.serverSettings;
    this._logs = new LocalLogs(options.serverSettings);
    this._region = options.region;
  }

  /**
   * Posts the job's definition, the one a SageMaker job is created from,
   * with what only a local run needs: the files, each channel's folder and
   * the kernel whose Python runs the script.
   */
  async submit(spec: ITrainingJobSpec): Promise<ITrainingJob> {
    const region = await this._region?.().catch(() => undefined);
    const body: LocalAPI.IJobSubmission = {
      definition: trainingJobDefinition(spec, { region: region || undefined }),
      framework: spec.framework,
      frameworkVersion: spec.frameworkVersion,
      pyVersion: spec.pyVersion,
      sourceFiles: spec.sourceFiles,
      channelFolders: { ...spec.channels },
      kernelName: spec.kernelName
    };
    const answer = await this._request<LocalAPI.IJobDescription>('jobs', {
      method: 'POST',
      body: JSON.stringify(body)
    });
    return jobFromDescription(answer);
  }

  async list(): Promise<ITrainingJob[]> {
    const answer = await this._request<LocalAPI.IJobList>('jobs');
    return (answer?.jobs ?? []).map(jobFromDescription);
  }

  async stop(name: string): Promise<void> {
    await this._request(`${jobPath(name)}/stop`, { method: 'POST' });
  }

  logStreams(name: string): Promise<ILogStream[]> {
    return this._logs.streams(jobPath(name));
  }

  logs(name: string, stream: string, nextToken?: string): Promise<ILogPage> {
    return this._logs.page(jobPath(name), stream, nextToken);
  }

  async metrics(name: string, since?: Date): Promise<IMetricSeries[]> {
    const query = since ? `?since=${since.getTime()}` : '';
    const answer = await this._request<LocalAPI.IMetricData>(
      `${jobPath(name)}/metrics${query}`
    );
    return (answer?.MetricDataResults ?? []).map(result => ({
      name: result.Label ?? result.Id,
      host: LOCAL_HOST,
      timestamps: (result.Timestamps ?? []).map(time => new Date(time)),
      values: result.Values ?? []
    }));
  }

  /** The text files of the job folder's `code/`; the ones not shown say why. */
  async sourceFiles(name: string): Promise<IJobSourceFile[]> {
    const answer = await this._request<LocalAPI.ICode>(`${jobPath(name)}/code`);
    const skipped = (answer?.skipped ?? []).map(file => ({
      path: file.path,
      content: '',
      skipped: file.reason
    }));
    return [...(answer?.files ?? []), ...skipped].sort((a, b) =>
      a.path < b.path ? -1 : a.path > b.path ? 1 : 0
    );
  }

  /** Change the runner's configuration; answers the configuration in force. */
  setConfig(config: Partial<LocalBackend.IConfig>): Promise<LocalBackend.IConfig> {
    return this._request<LocalBackend.IConfig>('config', {
      method: 'PUT',
      body: JSON.stringify(config)
    });
  }

  private _request<T>(endPoint: string, init: RequestInit = {}): Promise<T> {
    return requestAPI<T>(`local/${endPoint}`, init, this._settings);
  }

  private _logs: LocalLogs;
  private _settings: ServerConnection.ISettings | undefined;
  private _region: (() => Promise<string | null | undefined>) | undefined;
}

export namespace LocalBackend {
  export interface IOptions {
    /** Defaults to `ServerConnection.makeSettings()` at each call. */
    serverSettings?: ServerConnection.ISettings;
    /**
     * The AWS region, when known: a local job then gets `sagemaker_region`
     * as a SageMaker job does (else the server's AWS_REGION).
     */
    region?: () => Promise<string | null | undefined>;
  }

  export interface IConfig {
    /** Folder of the jobs; empty means the server's default. */
    jobsDir: string;
    maxConcurrentJobs: number;
  }
}

/** The wire shapes of `docs/local-api.md`. */
export namespace LocalAPI {
  /** POST /local/jobs: the job's definition and what only a local run needs. */
  export interface IJobSubmission {
    definition: ITrainingJobDefinition;
    framework: Framework;
    frameworkVersion: string;
    pyVersion: string;
    sourceFiles: ISourceFile[];
    /** Channel name (of definition.InputDataConfig) → its local folder. */
    channelFolders: Record<string, string>;
    kernelName: string;
  }

  export interface ITransition {
    Status: string;
    StartTime: string;
    EndTime?: string | null;
    StatusMessage?: string | null;
  }

  export interface IFinalMetric {
    MetricName: string;
    Value: number;
    Timestamp: string;
  }

  export interface IJobDescription {
    TrainingJobName: string;
    TrainingJobStatus: JobStatus;
    SecondaryStatus?: string | null;
    SecondaryStatusTransitions?: ITransition[];
    FailureReason?: string | null;
    HyperParameters?: Record<string, string>;
    AlgorithmSpecification?: {
      TrainingImage?: string;
      TrainingInputMode?: string;
      MetricDefinitions?: IMetricDefinition[];
    };
    ResourceConfig?: {
      InstanceType?: string;
      InstanceCount?: number;
      VolumeSizeInGB?: number;
    };
    ModelArtifacts?: { S3ModelArtifacts?: string } | null;
    CreationTime: string;
    TrainingStartTime?: string | null;
    TrainingEndTime?: string | null;
    LastModifiedTime?: string | null;
    FinalMetricDataList?: IFinalMetric[];
    Tags?: { Key: string; Value: string }[];
    Framework?: string | null;
    QueuePosition?: number | null;
    JobDir?: string;
  }

  export interface IJobList {
    jobs: IJobDescription[];
  }

  /** GET /local/jobs/<name>/code */
  export interface ICode {
    files: ISourceFile[];
    skipped: { path: string; reason: string }[];
  }

  export interface IMetricData {
    MetricDataResults: {
      Id: string;
      Label?: string;
      Timestamps?: string[];
      Values?: number[];
    }[];
  }
}

/** The one host of a local job, as SageMaker names the first instance. */
const LOCAL_HOST = 'algo-1';

const FRAMEWORKS: ReadonlyArray<Framework> = [
  'huggingface',
  'pytorch',
  'tensorflow',
  'mxnet',
  'sklearn'
];

/** Map the runner's DescribeTrainingJob-like answer to the views' job. */
export function jobFromDescription(desc: LocalAPI.IJobDescription): ITrainingJob {
  const tags = new Map((desc.Tags ?? []).map(tag => [tag.Key, tag.Value]));
  const framework = FRAMEWORKS.find(name => name === desc.Framework);
  const transitions: IStatusTransition[] = (
    desc.SecondaryStatusTransitions ?? []
  ).map(transition => ({
    Status: transition.Status,
    StartTime: new Date(transition.StartTime),
    EndTime: optionalDate(transition.EndTime),
    StatusMessage: transition.StatusMessage ?? undefined
  }));
  const finalMetrics: IFinalMetric[] = (desc.FinalMetricDataList ?? []).map(
    metric => ({
      MetricName: metric.MetricName,
      Value: metric.Value,
      Timestamp: new Date(metric.Timestamp)
    })
  );
  const job: ITrainingJob = {
    name: desc.TrainingJobName,
    target: 'local',
    framework,
    status: desc.TrainingJobStatus,
    secondaryStatus: desc.SecondaryStatus ?? undefined,
    creationTime: new Date(desc.CreationTime),
    startTime: optionalDate(desc.TrainingStartTime),
    endTime: optionalDate(desc.TrainingEndTime),
    failureReason: desc.FailureReason || undefined,
    queuePosition: desc.QueuePosition ?? undefined,
    transitions,
    finalMetrics,
    modelArtifact: desc.ModelArtifacts?.S3ModelArtifacts || undefined,
    hyperparameters: { ...(desc.HyperParameters ?? {}) },
    metricDefinitions: desc.AlgorithmSpecification?.MetricDefinitions ?? [],
    notebookPath: optionalTag(tags.get(NOTEBOOK_TAG)),
    cellId: optionalTag(tags.get(CELL_TAG)),
    instanceType: desc.ResourceConfig?.InstanceType,
    instanceCount: desc.ResourceConfig?.InstanceCount
  };
  // Drop absent fields so two descriptions of one state compare equal.
  for (const key of Object.keys(job) as (keyof ITrainingJob)[]) {
    if (job[key] === undefined) {
      delete job[key];
    }
  }
  return job;
}

/** Our tags are written `@XX`-escaped, as on SageMaker; empty says nothing. */
function optionalTag(value: string | undefined): string | undefined {
  return value ? decodeTagValue(value) : undefined;
}

function optionalDate(value: string | null | undefined): Date | undefined {
  return value ? new Date(value) : undefined;
}

function jobPath(name: string): string {
  return `jobs/${encodeURIComponent(name)}`;
}
