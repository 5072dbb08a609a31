import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import {
  DescribeTransformJobCommand,
  DescribeTransformJobCommandOutput,
  ListTagsCommand,
  ListTransformJobsCommand,
  SageMakerClient,
  StopTransformJobCommand,
  TransformJobSummary
} from '@aws-sdk/client-sagemaker';
import { isThrottling } from '../jobs/listing';
import {
  ILogPage,
  ILogStream,
  ITrainingJob,
  ITransformJob,
  ITransformRequest,
  ITransformsBackend
} from '../tokens';
import { encodeTagValue, JOB_TAG, notebookTags } from '../training/notebookTags';
import { HistoryPages } from './historyPages';
import { mapLimit } from './mapLimit';
import type { Tags } from './sagemakerListing';
import { ILogSource, IMonitoringContext, readLogPage, readLogStreams } from './sagemakerMonitoring';
import { fromDescription, sender, startTransform } from './sagemakerTransform';

type Description = Omit<DescribeTransformJobCommandOutput, '$metadata'>;

/** Where SageMaker batch transforms write their logs. */
export const TRANSFORM_JOBS_LOG_GROUP = '/aws/sagemaker/TransformJobs';

/**
 * A transform's streams: `<job>/<instance-id>` (the container's log) and
 * `<job>/<instance-id>/data-log` (the requests' outcomes), each instance's
 * two side by side.
 */
export const TRANSFORM_LOGS: ILogSource = {
  logGroup: TRANSFORM_JOBS_LOG_GROUP,
  host: (streamName, job) => {
    const match = /^([^/]+)(\/data-?log|\/dataLog)?$/.exec(streamName.slice(job.length + 1));
    if (!match) {
      return undefined;
    }
    return match[2] ? `${match[1]} data-log` : match[1];
  },
  compare: (a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
};

/** States a transform leaves by itself: described every cycle. */
const RUNNING: ReadonlySet<string> = new Set(['InProgress', 'Stopping']);

/**
 * The region's SageMaker batch transforms, kept up to date with few calls.
 * Each `list()` makes one ListTransformJobs call (the newest page or, every
 * other cycle until the history is read, the next older one, as training
 * jobs are listed); DescribeTransformJob for the running ones and, a few a
 * cycle, those never described (a finished one's description is kept);
 * ListTags once per transform, for its training job and notebook cell.
 */
export class SageMakerTransforms implements ITransformsBackend {
  readonly target = 'sagemaker' as const;

  constructor(options: SageMakerTransforms.IOptions) {
    this._options = options;
    this._sagemaker = options.sagemaker;
    this._region = options.region;
    this._monitoring = { logs: options.logs, region: options.region };
    this._pages = new HistoryPages({
      fetch: async nextToken => {
        const answer = await sender(this._region)('sagemaker:ListTransformJobs', () =>
          this._sagemaker.send(
            new ListTransformJobsCommand({
              SortBy: 'CreationTime',
              SortOrder: 'Descending',
              MaxResults: SageMakerTransforms.PAGE_SIZE,
              ...(nextToken !== undefined && { NextToken: nextToken })
            })
          )
        );
        return { summaries: answer.TransformJobSummaries ?? [], nextToken: answer.NextToken };
      },
      name,
      created,
      maxItems: SageMakerTransforms.MAX_JOBS,
      forget: transformName => this._descriptions.delete(transformName)
    });
  }

  /** One cycle's calls; rejects when AWS throttled any of them (the rest is kept). */
  async list(): Promise<ITransformJob[]> {
    const throttled: unknown[] = [];
    await this._pages.read();
    await this._describeWatched(throttled);
    await this._readTags(throttled);
    if (throttled.length > 0) {
      throw throttled[0];
    }
    return this._pages.newestFirst().map(summary => this._job(summary));
  }

  /** CreateModel and CreateTransformJob, as the session's role, the output by default in its bucket. */
  async start(job: ITrainingJob, request: ITransformRequest): Promise<ITransformJob> {
    if (job.target !== 'sagemaker') {
      throw new Error(
        `Job ${job.name} ran locally: run its batch transform locally, over a folder of the Jupyter server.`
      );
    }
    const { roleArn, bucket } = this._options;
    if (!roleArn || !bucket) {
      throw new Error(
        'A batch transform needs an execution role and a bucket: set them in Settings → SageMaker NLP training.'
      );
    }
    const started = await startTransform(
      {
        sagemaker: this._sagemaker,
        region: this._region,
        roleArn,
        bucket,
        ...(this._options.now && { now: this._options.now() })
      },
      request.modelName ? { modelName: request.modelName, job } : { job },
      request
    );
    // Its tags are the ones just sent: no ListTags for it.
    this._tags.set(started.name, [
      ...(job.notebookPath !== undefined && job.cellId !== undefined
        ? notebookTags(job.notebookPath, job.cellId)
        : []),
      { Key: JOB_TAG, Value: encodeTagValue(job.name) }
    ]);
    return started;
  }

  /** The transform now (a finished one as last described), with its tags. */
  async describe(name: string): Promise<ITransformJob> {
    const description = await this._description(name);
    if (!this._tags.has(name) && description.TransformJobArn) {
      await this._fetchTags(name, description.TransformJobArn).catch(error => {
        // Without tags the transform just has no training job or cell link.
        console.error(`sagemaker-nlp: could not read the tags of ${name}`, error);
      });
    }
    return fromDescription(description, this._tags.get(name));
  }

  /** StopTransformJob; one that is not InProgress is refused, saying why. */
  async stop(name: string): Promise<void> {
    const description = await this._description(name);
    const status = description.TransformJobStatus ?? '';
    if (status === 'Stopping') {
      throw new Error(`Transform job ${name} is already stopping: wait until it is Stopped.`);
    }
    if (status !== 'InProgress') {
      throw new Error(
        `Transform job ${name} is ${status} already: only an InProgress transform can be stopped.`
      );
    }
    await sender(this._region)('sagemaker:StopTransformJob', () =>
      this._sagemaker.send(new StopTransformJobCommand({ TransformJobName: name }))
    );
    this._descriptions.set(name, { ...description, TransformJobStatus: 'Stopping' });
  }

  async logStreams(name: string): Promise<ILogStream[]> {
    return readLogStreams(this._monitoring, name, TRANSFORM_LOGS);
  }

  async logs(name: string, stream: string, nextToken?: string): Promise<ILogPage> {
    return readLogPage(this._monitoring, name, stream, nextToken, TRANSFORM_LOGS);
  }

  /** The running transforms, and a few never described. */
  private async _describeWatched(throttled: unknown[]): Promise<void> {
    const newest = this._pages.newestFirst();
    const running = newest.filter(summary => this._isRunning(summary));
    const firstLooks = newest
      .filter(
        summary =>
          !this._isRunning(summary) &&
          !this._descriptions.has(name(summary)) &&
          !this._describeRefused.has(name(summary))
      )
      .slice(0, SageMakerTransforms.FIRST_LOOKS_PER_CYCLE);
    await mapLimit([...running, ...firstLooks], SageMakerTransforms.CONCURRENCY, summary =>
      this._fetchDescription(name(summary)).then(
        () => undefined,
        error => {
          if (isThrottling(error) || isThrottling((error as { cause?: unknown }).cause)) {
            throttled.push(error);
            return;
          }
          // Deleted, or hidden from this role: the row keeps what the summary says.
          if (!this._isRunning(summary)) {
            this._describeRefused.add(name(summary));
          }
          console.error(`sagemaker-nlp: describing ${name(summary)} failed`, error);
        }
      )
    );
  }

  /** Tags of a few transforms not yet known, newest first. */
  private async _readTags(throttled: unknown[]): Promise<void> {
    const unknown = this._pages.newestFirst().filter(
      summary =>
        !this._tags.has(name(summary)) &&
        !this._tagsRefused.has(name(summary)) &&
        !!summary.TransformJobArn
    );
    await mapLimit(
      unknown.slice(0, SageMakerTransforms.TAG_READS_PER_CYCLE),
      SageMakerTransforms.CONCURRENCY,
      summary =>
        this._fetchTags(name(summary), summary.TransformJobArn!).catch(error => {
          if (isThrottling(error) || isThrottling((error as { cause?: unknown }).cause)) {
            throttled.push(error);
          } else {
            // Not ours to read: no training job or cell link.
            this._tagsRefused.add(name(summary));
            console.error(`sagemaker-nlp: could not read the tags of ${name(summary)}`, error);
          }
        })
    );
  }

  /** Running as last described (or listed, when never described). */
  private _isRunning(summary: TransformJobSummary): boolean {
    const described = this._descriptions.get(name(summary));
    return RUNNING.has((described ?? summary).TransformJobStatus ?? '');
  }

  private _job(summary: TransformJobSummary): ITransformJob {
    // A summary's fields are a description's, fewer.
    const known: Partial<Description> = this._descriptions.get(name(summary)) ?? summary;
    return fromDescription(known, this._tags.get(name(summary)));
  }

  /** The kept description of a finished transform, or a new one. */
  private async _description(transformName: string): Promise<Description> {
    const known = this._descriptions.get(transformName);
    if (known && !RUNNING.has(known.TransformJobStatus ?? '')) {
      return known;
    }
    return this._fetchDescription(transformName);
  }

  private async _fetchDescription(transformName: string): Promise<Description> {
    const answer = await sender(this._region, undefined, transformName)(
      'sagemaker:DescribeTransformJob',
      () => this._sagemaker.send(new DescribeTransformJobCommand({ TransformJobName: transformName }))
    );
    const { $metadata, ...description } = answer;
    void $metadata;
    this._descriptions.set(transformName, description);
    this._describeRefused.delete(transformName);
    return description;
  }

  private async _fetchTags(transformName: string, arn: string): Promise<void> {
    const answer = await sender(this._region)('sagemaker:ListTags', () =>
      this._sagemaker.send(new ListTagsCommand({ ResourceArn: arn }))
    );
    this._tags.set(transformName, answer.Tags ?? []);
  }

  private _describeRefused = new Set<string>();
  private _descriptions = new Map<string, Description>();
  private _monitoring: Pick<IMonitoringContext, 'logs' | 'region'>;
  private _options: SageMakerTransforms.IOptions;
  private _pages: HistoryPages<TransformJobSummary>;
  private _region: string;
  private _sagemaker: SageMakerClient;
  private _tags = new Map<string, Tags>();
  private _tagsRefused = new Set<string>();
}

export namespace SageMakerTransforms {
  export interface IOptions {
    sagemaker: SageMakerClient;
    logs: CloudWatchLogsClient;
    region: string;
    /** The execution role and default bucket: start() needs both. */
    roleArn?: string | null;
    bucket?: string | null;
    /** The clock of the model's and the transform's names. */
    now?: () => Date;
  }
  /** ListTransformJobs' largest page. */
  export const PAGE_SIZE = 100;
  /** Finished transforms described for the first time per cycle. */
  export const FIRST_LOOKS_PER_CYCLE = 20;
  /** Transforms whose tags are read per cycle, until every listed one's are known. */
  export const TAG_READS_PER_CYCLE = 20;
  /** Calls to SageMaker at once. */
  export const CONCURRENCY = 4;
  /** The history is read back this far at most. */
  export const MAX_JOBS = 10000;
}

function name(summary: TransformJobSummary): string {
  return summary.TransformJobName ?? '';
}

function created(summary: TransformJobSummary): number {
  return summary.CreationTime?.getTime() ?? 0;
}
