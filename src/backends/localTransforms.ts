import { ServerConnection } from '@jupyterlab/services';
import { requestAPI } from '../api/request';
import { LocalLogs } from '../api/localLogs';
import {
  ILogPage,
  ILogStream,
  ITag,
  ITrainingJob,
  ITransformJob,
  ITransformRequest,
  ITransformsBackend,
  TRANSFORM_STATUSES,
  TransformSplitType,
  TransformStatus
} from '../tokens';
import { CELL_TAG, decodeTagValue, NOTEBOOK_TAG } from '../training/notebookTags';

/**
 * Batch transforms run by the Jupyter server over a folder, with a
 * completed local job's model, through the routes of `docs/local-api.md`
 * ("Local batch transform").
 */
export class LocalTransforms implements ITransformsBackend {
  readonly target = 'local' as const;

  constructor(options: LocalTransforms.IOptions = {}) {
    this._settings = options.serverSettings;
    this._logs = new LocalLogs(options.serverSettings);
  }

  async list(): Promise<ITransformJob[]> {
    const answer = await this._request<LocalTransformsAPI.IList>('transforms');
    return (answer?.transformJobs ?? []).map(transformFromRecord);
  }

  /**
   * Starts the transform over `request.input`, a folder relative to the
   * server's root; instance choices do not apply (the server is the one host).
   */
  async start(job: ITrainingJob, request: ITransformRequest): Promise<ITransformJob> {
    if (job.target !== 'local') {
      throw new Error(
        `Job ${job.name} ran on SageMaker: run its batch transform on SageMaker, over an S3 prefix.`
      );
    }
    const body: LocalTransformsAPI.ICreate = {
      jobName: job.name,
      input: request.input,
      contentType: request.contentType,
      splitType: request.splitType,
      ...(request.output?.trim() && { output: request.output.trim() }),
      ...(request.strategy && { strategy: request.strategy }),
      ...(request.assembleWith && { assembleWith: request.assembleWith }),
      ...(request.accept?.trim() && { accept: request.accept.trim() }),
      ...(request.maxPayloadInMB !== undefined && { maxPayloadInMB: request.maxPayloadInMB }),
      ...(request.hfTask && { hfTask: request.hfTask })
    };
    const answer = await this._request<LocalTransformsAPI.IRecord>('transforms', {
      method: 'POST',
      body: JSON.stringify(body)
    });
    return transformFromRecord(answer);
  }

  async describe(name: string): Promise<ITransformJob> {
    return transformFromRecord(await this._request<LocalTransformsAPI.IRecord>(transformPath(name)));
  }

  /** The server answers 409, naming why, when the transform already ended. */
  async stop(name: string): Promise<void> {
    await this._request(`${transformPath(name)}/stop`, { method: 'POST' });
  }

  logStreams(name: string): Promise<ILogStream[]> {
    return this._logs.streams(transformPath(name));
  }

  logs(name: string, stream: string, nextToken?: string): Promise<ILogPage> {
    return this._logs.page(transformPath(name), stream, nextToken);
  }

  private _request<T>(endPoint: string, init: RequestInit = {}): Promise<T> {
    return requestAPI<T>(`local/${endPoint}`, init, this._settings);
  }

  private _logs: LocalLogs;
  private _settings: ServerConnection.ISettings | undefined;
}

export namespace LocalTransforms {
  export interface IOptions {
    /** Defaults to `ServerConnection.makeSettings()` at each call. */
    serverSettings?: ServerConnection.ISettings;
  }
}

/** The wire shapes of `docs/local-api.md`, "Local batch transform". */
export namespace LocalTransformsAPI {
  export interface ICreate {
    jobName: string;
    transformJobName?: string;
    input: string;
    output?: string;
    contentType: string;
    splitType: TransformSplitType;
    strategy?: 'SingleRecord' | 'MultiRecord';
    assembleWith?: 'None' | 'Line';
    accept?: string;
    maxPayloadInMB?: number;
    hfTask?: string;
  }

  /** DescribeTransformJob's shape where it has one, with folders for S3 URIs. */
  export interface IRecord {
    TransformJobName: string;
    TransformJobArn?: string;
    TransformJobStatus: string;
    FailureReason?: string | null;
    ModelName?: string;
    JobName?: string;
    TransformInput?: { Folder?: string; ContentType?: string; SplitType?: string };
    TransformOutput?: { Folder?: string; Accept?: string | null; AssembleWith?: string | null };
    TransformResources?: { InstanceType?: string; InstanceCount?: number };
    BatchStrategy?: string | null;
    CreationTime: string;
    TransformStartTime?: string | null;
    TransformEndTime?: string | null;
    Tags?: ITag[];
    Progress?: { files: number; filesDone: number; records: number };
  }

  export interface IList {
    transformJobs: IRecord[];
  }


}

export function transformFromRecord(r: LocalTransformsAPI.IRecord): ITransformJob {
  const tags = new Map((r.Tags ?? []).map(tag => [tag.Key, tag.Value]));
  const status = (TRANSFORM_STATUSES as ReadonlyArray<string>).includes(r.TransformJobStatus)
    ? (r.TransformJobStatus as TransformStatus)
    : 'Failed';
  const notebookPath = optionalTag(tags.get(NOTEBOOK_TAG));
  const cellId = optionalTag(tags.get(CELL_TAG));
  return {
    name: r.TransformJobName,
    target: 'local',
    ...(r.TransformJobArn && { arn: r.TransformJobArn }),
    status,
    ...(r.FailureReason && { failureReason: r.FailureReason }),
    ...(r.ModelName && { modelName: r.ModelName }),
    ...(r.JobName && { jobName: r.JobName }),
    ...(r.TransformInput?.Folder !== undefined && { input: r.TransformInput.Folder }),
    ...(r.TransformOutput?.Folder !== undefined && { output: r.TransformOutput.Folder }),
    ...(r.TransformInput?.ContentType && { contentType: r.TransformInput.ContentType }),
    ...(r.TransformInput?.SplitType && { splitType: r.TransformInput.SplitType as TransformSplitType }),
    ...(r.TransformResources?.InstanceType && { instanceType: r.TransformResources.InstanceType }),
    ...(r.TransformResources?.InstanceCount !== undefined && {
      instanceCount: r.TransformResources.InstanceCount
    }),
    creationTime: new Date(r.CreationTime),
    ...(r.TransformStartTime && { startTime: new Date(r.TransformStartTime) }),
    ...(r.TransformEndTime && { endTime: new Date(r.TransformEndTime) }),
    ...(notebookPath !== undefined && { notebookPath }),
    ...(cellId !== undefined && { cellId })
  };
}

function transformPath(name: string): string {
  return `transforms/${encodeURIComponent(name)}`;
}

function optionalTag(value: string | undefined): string | undefined {
  return value ? decodeTagValue(value) : undefined;
}
