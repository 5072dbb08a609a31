import {
  CreateTrainingJobCommand,
  CreateTrainingJobCommandInput,
  StopTrainingJobCommand
} from '@aws-sdk/client-sagemaker';
import { ServerConnection } from '@jupyterlab/services';
import { Signal } from '@lumino/signaling';
import { trainingImageUri } from '../catalog';
import type { ITrainingImageRequest } from '../catalog';
import { notebookTags } from '../training/notebookTags';
import { planTrainingJob } from '../training/plan';
import { SageMakerChoicesError } from '../training/sagemakerChecks';
import type { ISageMakerJobPlan } from '../training/plan';
import { buildSourceArchive } from '../training/sourceArchive';
import {
  IAwsClients,
  IAwsConfig,
  ITrainingJob,
  ITrainingBackend,
  ITrainingJobSpec,
  IChannelUploadProgress,
  ISubmitOptions,
  ILogPage,
  ILogStream,
  IMetricSeries
} from '../tokens';
import {
  channelStorageFor,
  deleteUploadedObjects,
  findChannelFiles,
  IChannelFiles,
  IChannelUploadContext,
  IUploadedObject,
  sendChannelFiles
} from './channelUpload';
import {
  explainAwsError,
  IErrorContext,
  jobNameInUse,
  SourceExistsError
} from './sagemakerErrors';
import type { IListRequest } from '../jobs/listing';
import { jobFromDescription } from './sagemakerJob';
import { Description, Tags, TrainingJobIndex } from './sagemakerListing';
import {
  IMonitoringContext,
  readLogPage,
  readLogStreams,
  readMetrics
} from './sagemakerMonitoring';
import { readSystemMetrics } from './sagemakerSystemMetrics';
import type { IJobSourceFile } from './jobSourceFiles';
import { readSubmittedSource } from './sagemakerSource';
import {
  deleteSourceArchive,
  IUploadedSource,
  sourceUploadFor,
  uploadSourceArchive
} from './sagemakerUpload';
import { TagCache } from './tagCache';

/**
 * Training jobs on Amazon SageMaker, through the Jupyter server's signing
 * proxy. Loaded lazily (see `sagemakerLazy.ts`): it brings the AWS SDK.
 */
export class SageMakerBackend implements ITrainingBackend {
  readonly target = 'sagemaker' as const;

  constructor(options: SageMakerBackend.IOptions) {
    if (!options.config.region) {
      throw new Error(
        'No AWS region: set one in Settings → SageMaker NLP training.'
      );
    }
    this._region = options.config.region;
    this._config = options.config;
    this._catalog = options.catalog ?? { trainingImageUri };
    this._clients = options.clients;
    this._serverSettings = options.serverSettings;
    this._monitoring = {
      logs: this._clients.logs,
      cloudwatch: this._clients.cloudwatch,
      region: this._region
    };
    this._index = new TrainingJobIndex({
      sagemaker: this._clients.sagemaker,
      send: (action, context, call) => this._send(action, context, call),
      descriptions: this._descriptions,
      tags: this._tags
    });
    this._tagCache = new TagCache(
      options.tagStorage ?? null,
      this._region,
      options.config.account
    );
    this._tagCache.load(this._tags);
  }

  get config(): IAwsConfig {
    return this._config;
  }

  /**
   * The plan (image, request, uploads, checked) → archive → upload →
   * channel folders (only what S3 lacks) → create. The archive's upload is a
   * conditional write, so it is also the name check: an existing job's
   * source is never overwritten. When the channels' upload or
   * CreateTrainingJob fails, what this submit wrote is deleted: nothing is
   * left half-created. The job is answered from the request; the jobs
   * model describes it on its next refresh.
   */
  async submit(spec: ITrainingJobSpec, submitOptions: ISubmitOptions = {}): Promise<ITrainingJob> {
    const region = this._region;
    const { problems, sagemaker: plan } = planTrainingJob(
      spec,
      { region, roleArn: this._config.roleArn, bucket: this._config.bucket },
      this._catalog
    );
    if (!plan) {
      throw new SageMakerChoicesError(problems);
    }
    const { options, request, submitDirS3Uri } = plan;
    const context: IErrorContext = {
      action: 'sagemaker:CreateTrainingJob',
      jobName: spec.jobName,
      instanceType: spec.instanceType,
      bucket: options.bucket,
      region
    };
    const archive = await buildSourceArchive(spec.sourceFiles);
    const report = submitOptions.onUploadProgress ?? (() => undefined);
    const channelContext = this._channelContext(spec.jobName, plan, report);
    // Read only: a bad folder is refused before anything is written.
    const channelFiles = await findChannelFiles(plan.channelUploads, channelContext);
    const upload = sourceUploadFor(
      submitDirS3Uri,
      options,
      region,
      this._config.account ?? undefined
    );
    let uploaded: IUploadedSource;
    try {
      uploaded = await uploadSourceArchive(this._clients.s3, upload, archive);
    } catch (error) {
      // That job's source is there: a job of this name (or an earlier attempt) wrote it.
      throw error instanceof SourceExistsError
        ? jobNameInUse(spec.jobName, 's3:PutObject', error)
        : error;
    }
    // After the archive, whose conditional write checks the name before any data is sent.
    let channels: IUploadedObject[];
    try {
      channels = await this._sendChannelFiles(spec.jobName, channelFiles, channelContext, report);
    } catch (error) {
      await deleteSourceArchive(this._clients.s3, uploaded);
      throw error;
    }
    let created: { TrainingJobArn?: string };
    try {
      created = await this._clients.sagemaker.send(
        new CreateTrainingJobCommand(request as CreateTrainingJobCommandInput)
      );
    } catch (error) {
      await Promise.all([
        deleteSourceArchive(this._clients.s3, uploaded),
        deleteUploadedObjects(this._clients.s3, channels, channelContext.storage)
      ]);
      throw explainAwsError(error, context);
    }
    this._tags.set(spec.jobName, notebookTags(spec.notebookPath, spec.cellId));
    return jobFromDescription(
      {
        TrainingJobName: spec.jobName,
        TrainingJobArn: created.TrainingJobArn,
        TrainingJobStatus: 'InProgress',
        SecondaryStatus: 'Starting',
        CreationTime: new Date(),
        HyperParameters: request.HyperParameters,
        AlgorithmSpecification: request.AlgorithmSpecification
      },
      this._tags.get(spec.jobName)
    );
  }

  /** Where and how the plan's channel folders go, and whom to tell how far they are. */
  private _channelContext(
    jobName: string,
    plan: ISageMakerJobPlan,
    report: (progress: IChannelUploadProgress) => void
  ): IChannelUploadContext {
    return {
      s3: this._clients.s3,
      storage: channelStorageFor(
        plan.options.bucket,
        plan.options.outputKmsKeyId,
        this._region,
        this._config.account ?? undefined
      ),
      serverSettings: this._serverSettings,
      onProgress: progress => report({ jobName, ...progress })
    };
  }

  /** The files S3 lacks, then one last report with the stale objects the job will also read. */
  private async _sendChannelFiles(
    jobName: string,
    files: IChannelFiles,
    context: IChannelUploadContext,
    report: (progress: IChannelUploadProgress) => void
  ): Promise<IUploadedObject[]> {
    if (files.pending.length === 0 && files.filesUnchanged === 0) {
      return []; // no local channel
    }
    const uploaded = await sendChannelFiles(files, context);
    const bytes = files.pending.reduce((sum, p) => sum + p.file.size, 0);
    report({
      jobName,
      filesDone: uploaded.length,
      files: files.pending.length,
      bytesDone: bytes,
      bytes,
      filesUnchanged: files.filesUnchanged,
      stale: files.stale
    });
    return uploaded;
  }

  /**
   * One ListTrainingJobs page; DescribeTrainingJob only for jobs that may
   * still change and finished ones on screen (`TrainingJobIndex`).
   */
  list(request?: IListRequest): Promise<ITrainingJob[]> {
    // Kept whether or not the cycle was throttled: what it read stays read.
    return this._index.list(request).finally(() => this._tagCache.save(this._tags));
  }

  async describe(name: string): Promise<ITrainingJob> {
    const desc = await this._describe(name);
    return jobFromDescription(desc, this._tags.get(name));
  }

  async stop(name: string): Promise<void> {
    await this._send('sagemaker:StopTrainingJob', { jobName: name }, () =>
      this._clients.sagemaker.send(
        new StopTrainingJobCommand({ TrainingJobName: name })
      )
    );
  }

  /** One stream per instance (`<job>/algo-<n>-<epoch>`). */
  logStreams(name: string): Promise<ILogStream[]> {
    return readLogStreams(this._monitoring, name);
  }

  /** A page of one instance's log. */
  logs(name: string, stream: string, nextToken?: string): Promise<ILogPage> {
    return readLogPage(this._monitoring, name, stream, nextToken);
  }

  /** The job's metric definitions as CloudWatch series of each instance, one point a minute. */
  async metrics(name: string, since?: Date): Promise<IMetricSeries[]> {
    const desc = this._descriptions.get(name) ?? (await this._describe(name));
    return readMetrics(this._monitoring, desc, since);
  }

  /** Each instance's CPU, memory, GPU and disk use, one point a minute. */
  async systemMetrics(name: string, since?: Date): Promise<IMetricSeries[]> {
    const desc = this._descriptions.get(name) ?? (await this._describe(name));
    return readSystemMetrics(this._monitoring, desc, since);
  }

  /** The text files of the job's `sourcedir.tar.gz` in S3. */
  async sourceFiles(name: string): Promise<IJobSourceFile[]> {
    const desc = this._descriptions.get(name) ?? (await this._describe(name));
    return readSubmittedSource(this._clients.s3, desc, this._region);
  }

  /** Forget what was cached (the clients are the session's). */
  dispose(): void {
    this._index.clear();
    Signal.clearData(this);
  }

  /** Describe (and, the first time, read the tags of) one job. */
  private _describe(name: string): Promise<Description> {
    return this._index.describe(name);
  }

  private async _send<T>(
    action: string,
    context: Omit<IErrorContext, 'action'>,
    call: () => Promise<T>
  ): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw explainAwsError(error, {
        action,
        region: this._region,
        ...context
      });
    }
  }

  private _catalog: SageMakerBackend.ICatalog;
  private _clients: IAwsClients;
  private _config: IAwsConfig;
  private _descriptions = new Map<string, Description>();
  private _index: TrainingJobIndex;
  private _region: string;
  private _serverSettings?: ServerConnection.ISettings;
  private _monitoring: IMonitoringContext;
  private _tagCache: TagCache;
  private _tags = new Map<string, Tags>();
}

export namespace SageMakerBackend {
  export interface IOptions {
    /** Region, account, role and bucket (`getAwsConfig()`). */
    config: IAwsConfig;
    /** The image catalog; defaults to `src/catalog`. */
    catalog?: ICatalog;
    /** The session's clients (`AwsSession.clients()`). */
    clients: IAwsClients;
    /** The Jupyter server that lists and serves channel folders; default the page's. */
    serverSettings?: ServerConnection.ISettings;
    /** Where jobs' tags are kept across reloads (the page's localStorage); none by default. */
    tagStorage?: Pick<Storage, 'getItem' | 'setItem'> | null;
  }

  export interface ICatalog {
    trainingImageUri(request: ITrainingImageRequest): string;
  }

  /** ListTrainingJobs page: the newest jobs, or the next older ones. */
  export const LIST_SIZE = TrainingJobIndex.PAGE_SIZE;
  /** Finished jobs on screen described for the first time per list cycle. */
  export const NEW_DESCRIPTIONS_PER_CYCLE = TrainingJobIndex.ON_SCREEN_DESCRIPTIONS_PER_CYCLE;
}
