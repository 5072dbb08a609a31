import {
  DescribeTrainingJobCommand,
  DescribeTrainingJobCommandOutput,
  ListTagsCommand,
  ListTrainingJobsCommand,
  SageMakerClient,
  TrainingJobSummary
} from '@aws-sdk/client-sagemaker';
import { errorMessage } from '../errorMessage';
import { IListRequest, isThrottling } from '../jobs/listing';
import { NOTEBOOK_TAG } from '../training/notebookTags';
import { ITrainingJob } from '../tokens';
import { HistoryPages } from './historyPages';
import { mapLimit } from './mapLimit';
import { IErrorContext } from './sagemakerErrors';
import { isRunning, jobFromDescription } from './sagemakerJob';

export type Description = Omit<DescribeTrainingJobCommandOutput, '$metadata'>;
export type Tags = { Key?: string; Value?: string }[];

/** Sends one call, its error explained (`SageMakerBackend._send`). */
export type ExplainedSend = <T>(
  action: string,
  context: Omit<IErrorContext, 'action'>,
  call: () => Promise<T>
) => Promise<T>;

export interface ITrainingJobIndexOptions {
  sagemaker: SageMakerClient;
  send: ExplainedSend;
  /** Shared with the backend: metrics read the job's definitions from it. */
  descriptions: Map<string, Description>;
  /** Shared with the backend: a submit knows its job's tags. */
  tags: Map<string, Tags>;
}

const EVERY_JOB: IListRequest = { scope: 'all', onScreen: new Set() };

/**
 * What SageMaker has of the region's training jobs, kept up to date with
 * few calls. Each `list()` makes one ListTrainingJobs call: the newest page,
 * or, every other cycle until the history is read, the next older page
 * (its NextToken kept across cycles). Tags say which jobs are ours
 * (ListTrainingJobs cannot filter by tag); they never change, so each job's
 * are read once, a few jobs per cycle. DescribeTrainingJob only for jobs
 * that may still change and, once, for finished jobs on screen.
 */
export class TrainingJobIndex {
  constructor(options: ITrainingJobIndexOptions) {
    this._sagemaker = options.sagemaker;
    this._send = options.send;
    this._descriptions = options.descriptions;
    this._tags = options.tags;
    this._pages = new HistoryPages({
      fetch: async nextToken => {
        const answer = await this._send('sagemaker:ListTrainingJobs', {}, () =>
          this._sagemaker.send(
            new ListTrainingJobsCommand({
              SortBy: 'CreationTime',
              SortOrder: 'Descending',
              MaxResults: TrainingJobIndex.PAGE_SIZE,
              ...(nextToken !== undefined && { NextToken: nextToken })
            })
          )
        );
        return { summaries: answer.TrainingJobSummaries ?? [], nextToken: answer.NextToken };
      },
      name: summary => summary.TrainingJobName ?? '',
      created,
      maxItems: TrainingJobIndex.MAX_JOBS,
      forget: name => this._descriptions.delete(name)
    });
  }

  /** One cycle's calls; rejects when AWS throttled any of them (the rest is kept). */
  async list(request: IListRequest = EVERY_JOB): Promise<ITrainingJob[]> {
    const throttled: unknown[] = [];
    await this._pages.read();
    await this._readTags(throttled);
    await this._describeWatched(request, throttled);
    if (throttled.length > 0) {
      throw throttled[0];
    }
    return this._jobsIn(request);
  }

  /** The job's description (cached once it is final), with its tags read. */
  async describe(name: string): Promise<Description> {
    const known = this._descriptions.get(name);
    if (known && !isRunning(known.TrainingJobStatus)) {
      return known;
    }
    const description = await this._fetchDescription(name);
    if (!this._tags.has(name) && description.TrainingJobArn) {
      await this._fetchTags(name, description.TrainingJobArn).catch(error => {
        // Without tags the job just has no cell badge.
        console.error(`sagemaker-nlp: could not read the tags of ${name}`, error);
      });
    }
    return description;
  }

  /** Forget every job; the next cycle starts from the newest page. */
  clear(): void {
    this._pages.clear();
    this._descriptions.clear();
  }

  /** Tags of a few jobs not yet known, newest first. */
  private async _readTags(throttled: unknown[]): Promise<void> {
    const unknown = this._pages.newestFirst().filter(
      summary =>
        !this._tags.has(summary.TrainingJobName ?? '') &&
        !this._tagsRefused.has(summary.TrainingJobName ?? '') &&
        !!summary.TrainingJobArn
    );
    const batch = unknown.slice(0, TrainingJobIndex.TAG_READS_PER_CYCLE);
    await mapLimit(batch, TrainingJobIndex.CONCURRENCY, summary => {
      const name = summary.TrainingJobName ?? '';
      return this._fetchTags(name, summary.TrainingJobArn!).catch(error => {
        if (isThrottling(error)) {
          throttled.push(error);
        } else {
          // Not ours to read: the job is shown only with every job of the region.
          this._tagsRefused.add(name);
          console.error(`sagemaker-nlp: could not read the tags of ${name}`, error);
        }
      });
    });
  }

  /** Describe the jobs of the scope that may still change, and new ones on screen. */
  private async _describeWatched(request: IListRequest, throttled: unknown[]): Promise<void> {
    const inScope = this._pages.newestFirst().filter(summary =>
      this._inScope(summary.TrainingJobName ?? '', request)
    );
    const changing = inScope.filter(summary => this._mayChange(summary));
    const firstLooks = inScope
      .filter(summary => {
        const name = summary.TrainingJobName ?? '';
        return (
          request.onScreen.has(name) &&
          !this._descriptions.has(name) &&
          !this._describeRefused.has(name) &&
          !this._mayChange(summary)
        );
      })
      .slice(0, TrainingJobIndex.ON_SCREEN_DESCRIPTIONS_PER_CYCLE);
    await mapLimit([...changing, ...firstLooks], TrainingJobIndex.CONCURRENCY, summary => {
      const name = summary.TrainingJobName ?? '';
      return this._fetchDescription(name).then(
        () => undefined,
        error => {
          if (isThrottling(error)) {
            throttled.push(error);
            return;
          }
          // Deleted, or hidden from this role: the job keeps its summary, and says why.
          if (!isRunning(summary.TrainingJobStatus)) {
            this._describeRefused.add(name);
          }
          this._describeErrors.set(name, errorMessage(error));
          console.error(`sagemaker-nlp: describing ${name} failed`, error);
        }
      );
    });
  }

  /** Running as last described (or listed, when never described). */
  private _mayChange(summary: TrainingJobSummary): boolean {
    const description = this._descriptions.get(summary.TrainingJobName ?? '');
    return isRunning((description ?? summary).TrainingJobStatus);
  }

  private _inScope(name: string, request: IListRequest): boolean {
    if (request.scope === 'all') {
      return true;
    }
    return (this._tags.get(name) ?? []).some(tag => tag.Key === NOTEBOOK_TAG);
  }

  private _jobsIn(request: IListRequest): ITrainingJob[] {
    return this._pages.newestFirst()
      .filter(summary => this._inScope(summary.TrainingJobName ?? '', request))
      .map(summary => {
        const name = summary.TrainingJobName ?? '';
        // A summary's fields are a description's, fewer.
        const known: Partial<Description> = this._descriptions.get(name) ?? {
          TrainingJobName: name,
          TrainingJobStatus: summary.TrainingJobStatus,
          SecondaryStatus: summary.SecondaryStatus,
          CreationTime: summary.CreationTime,
          TrainingEndTime: summary.TrainingEndTime
        };
        const job = jobFromDescription(known, this._tags.get(name));
        const readError = this._describeErrors.get(name);
        return readError === undefined ? job : { ...job, readError };
      });
  }

  private async _fetchDescription(name: string): Promise<Description> {
    const answer = await this._send('sagemaker:DescribeTrainingJob', { jobName: name }, () =>
      this._sagemaker.send(new DescribeTrainingJobCommand({ TrainingJobName: name }))
    );
    const { $metadata, ...description } = answer;
    void $metadata;
    this._descriptions.set(name, description);
    this._describeRefused.delete(name);
    this._describeErrors.delete(name);
    return description;
  }

  private async _fetchTags(name: string, arn: string): Promise<void> {
    const answer = await this._send('sagemaker:ListTags', { jobName: name }, () =>
      this._sagemaker.send(new ListTagsCommand({ ResourceArn: arn }))
    );
    this._tags.set(name, answer.Tags ?? []);
  }

  private _describeErrors = new Map<string, string>();
  private _describeRefused = new Set<string>();
  private _descriptions: Map<string, Description>;
  private _pages: HistoryPages<TrainingJobSummary>;
  private _sagemaker: SageMakerClient;
  private _send: ExplainedSend;
  private _tags: Map<string, Tags>;
  private _tagsRefused = new Set<string>();
}

export namespace TrainingJobIndex {
  /** ListTrainingJobs' largest page. */
  export const PAGE_SIZE = 100;
  /** Jobs whose tags are read per cycle, until every listed job's are known. */
  export const TAG_READS_PER_CYCLE = 20;
  /** Finished jobs on screen described for the first time per cycle. */
  export const ON_SCREEN_DESCRIPTIONS_PER_CYCLE = 10;
  /** Calls to SageMaker at once. */
  export const CONCURRENCY = 4;
  /** The history is read back this far at most. */
  export const MAX_JOBS = 10000;
}

function created(summary: TrainingJobSummary): number {
  return summary.CreationTime?.getTime() ?? 0;
}
