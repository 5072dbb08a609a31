import {
  DeleteEndpointCommand,
  DeleteEndpointConfigCommand,
  DeleteModelCommand,
  DescribeEndpointCommand,
  DescribeEndpointCommandOutput,
  DescribeEndpointConfigCommand,
  DescribeEndpointConfigCommandOutput,
  EndpointSummary,
  ListEndpointsCommand,
  ListTagsCommand,
  SageMakerClient
} from '@aws-sdk/client-sagemaker';
import { isThrottling } from '../jobs/listing';
import { CELL_TAG, decodeTagValue, JOB_TAG, NOTEBOOK_TAG } from '../training/notebookTags';
import { EndpointStatus, IEndpoint, IEndpointVariant } from '../tokens';
import { HistoryPages, IHistoryPage } from './historyPages';
import { mapLimit } from './mapLimit';
import { explainAwsError, SageMakerError } from './sagemakerErrors';
import type { Tags } from './sagemakerListing';

type Description = Omit<DescribeEndpointCommandOutput, '$metadata'>;
type Config = Omit<DescribeEndpointConfigCommandOutput, '$metadata'>;

/** States an endpoint leaves by itself: watched every cycle. */
export const CHANGING_STATUSES: ReadonlySet<string> = new Set([
  'Creating',
  'Updating',
  'SystemUpdating',
  'RollingBack',
  'Deleting'
]);

/**
 * The region's SageMaker endpoints, kept up to date with few calls. Each
 * `list()` makes one ListEndpoints call (the newest page or, every other
 * cycle until the history is read, the next older one); DescribeEndpoint
 * only for endpoints that are changing or whose listed state differs from
 * the last description, and a few never described; DescribeEndpointConfig
 * once per config (they cannot change) and ListTags once per endpoint.
 */
export class SageMakerEndpoints {
  readonly target = 'sagemaker' as const;

  constructor(options: SageMakerEndpoints.IOptions) {
    this._sagemaker = options.sagemaker;
    this._region = options.region;
    this._pages = new HistoryPages({
      fetch: nextToken => this._listPage(nextToken),
      name,
      created,
      maxItems: Infinity,
      forget: endpointName => this._descriptions.delete(endpointName)
    });
  }

  /** One cycle's calls; rejects when AWS throttled any of them (the rest is kept). */
  async list(): Promise<IEndpoint[]> {
    const throttled: unknown[] = [];
    await this._pages.read();
    const newest = this._pages.newestFirst();
    const stale = newest.filter(summary => this._isStale(summary));
    const firstLooks = newest
      .filter(summary => !this._descriptions.has(name(summary)) && !this._isStale(summary))
      .slice(0, SageMakerEndpoints.FIRST_LOOKS_PER_CYCLE);
    await mapLimit([...stale, ...firstLooks], SageMakerEndpoints.CONCURRENCY, summary =>
      this._describe(name(summary)).catch(error => keepThrottled(error, throttled))
    );
    const configs = new Set<string>();
    for (const description of this._descriptions.values()) {
      const config = description.EndpointConfigName;
      if (config && !this._configs.has(config) && !this._configRefused.has(config)) {
        configs.add(config);
      }
    }
    await mapLimit([...configs], SageMakerEndpoints.CONCURRENCY, config =>
      this._describeConfig(config).catch(error => {
        if (!keepThrottled(error, throttled)) {
          // Deleted under a live endpoint, or hidden: the row just has no variants.
          this._configRefused.add(config);
        }
      })
    );
    const untagged = newest.filter(
      summary => !this._tags.has(name(summary)) && !!summary.EndpointArn
    );
    await mapLimit(
      untagged.slice(0, SageMakerEndpoints.TAG_READS_PER_CYCLE),
      SageMakerEndpoints.CONCURRENCY,
      summary =>
        this._readTags(name(summary), summary.EndpointArn!).catch(error => {
          if (!keepThrottled(error, throttled)) {
            this._tags.set(name(summary), []); // not ours to read: no job link
          }
        })
    );
    if (throttled.length > 0) {
      throw throttled[0];
    }
    return this._pages.newestFirst().map(summary => this._endpoint(summary));
  }

  /**
   * The endpoint, then its config, then its models: each step's failure
   * says what is already gone and what is left to delete by hand.
   */
  async delete(endpointName: string): Promise<void> {
    const description = await this._describe(endpointName);
    const configName = description.EndpointConfigName;
    const config = configName ? await this._configFor(configName) : undefined;
    const models = [
      ...new Set((config?.ProductionVariants ?? []).map(v => v.ModelName ?? '').filter(Boolean))
    ];
    await this._send('sagemaker:DeleteEndpoint', `Deleting the endpoint ${endpointName} failed`, () =>
      this._sagemaker.send(new DeleteEndpointCommand({ EndpointName: endpointName }))
    );
    this._pages.delete(endpointName);
    this._descriptions.delete(endpointName);
    if (configName) {
      await this._send(
        'sagemaker:DeleteEndpointConfig',
        `The endpoint ${endpointName} is deleted, but not its config ${configName}: delete it in the SageMaker console (Inference → Endpoint configurations)`,
        () =>
          this._sagemaker.send(new DeleteEndpointConfigCommand({ EndpointConfigName: configName }))
      );
      this._configs.delete(configName);
    }
    for (const model of models) {
      await this._send(
        'sagemaker:DeleteModel',
        `The endpoint ${endpointName} and its config are deleted, but not its model ${model}: delete it in the SageMaker console (Inference → Models)`,
        () => this._sagemaker.send(new DeleteModelCommand({ ModelName: model }))
      );
    }
  }

  /** One ListEndpoints page, newest first: the newest without a token. */
  private async _listPage(nextToken: string | undefined): Promise<IHistoryPage<EndpointSummary>> {
    const answer = await this._send('sagemaker:ListEndpoints', 'Listing the endpoints failed', () =>
      this._sagemaker.send(
        new ListEndpointsCommand({
          SortBy: 'CreationTime',
          SortOrder: 'Descending',
          MaxResults: SageMakerEndpoints.PAGE_SIZE,
          ...(nextToken !== undefined && { NextToken: nextToken })
        })
      )
    );
    return { summaries: answer.Endpoints ?? [], nextToken: answer.NextToken };
  }

  /** Changing, or listed in another state than last described. */
  private _isStale(summary: EndpointSummary): boolean {
    const known = this._descriptions.get(name(summary));
    if (!known) {
      return CHANGING_STATUSES.has(summary.EndpointStatus ?? '');
    }
    return (
      CHANGING_STATUSES.has(known.EndpointStatus ?? '') ||
      known.EndpointStatus !== summary.EndpointStatus ||
      known.LastModifiedTime?.getTime() !== summary.LastModifiedTime?.getTime()
    );
  }

  private _endpoint(summary: EndpointSummary): IEndpoint {
    const endpointName = name(summary);
    const description = this._descriptions.get(endpointName);
    const configName = description?.EndpointConfigName;
    const config = configName ? this._configs.get(configName) : undefined;
    const tags = this._tags.get(endpointName) ?? [];
    const tag = (key: string) => {
      const value = tags.find(t => t.Key === key)?.Value;
      return value === undefined ? undefined : decodeTagValue(value);
    };
    const endpoint: IEndpoint = {
      name: endpointName,
      target: 'sagemaker',
      arn: summary.EndpointArn,
      status: (description?.EndpointStatus ?? summary.EndpointStatus ?? 'Creating') as EndpointStatus,
      creationTime: summary.CreationTime ?? new Date(0),
      lastModifiedTime: description?.LastModifiedTime ?? summary.LastModifiedTime,
      failureReason: description?.FailureReason || undefined,
      configName,
      variants: variantsOf(config, description)
    };
    const jobName = tag(JOB_TAG);
    const notebookPath = tag(NOTEBOOK_TAG);
    const cellId = tag(CELL_TAG);
    return {
      ...endpoint,
      ...(jobName !== undefined && { jobName }),
      ...(notebookPath !== undefined && { notebookPath }),
      ...(cellId !== undefined && { cellId })
    };
  }

  private async _describe(endpointName: string): Promise<Description> {
    const answer = await this._send(
      'sagemaker:DescribeEndpoint',
      `Reading the endpoint ${endpointName} failed`,
      () => this._sagemaker.send(new DescribeEndpointCommand({ EndpointName: endpointName }))
    );
    const { $metadata, ...description } = answer;
    void $metadata;
    this._descriptions.set(endpointName, description);
    return description;
  }

  private async _configFor(configName: string): Promise<Config | undefined> {
    return this._configs.get(configName) ?? (await this._describeConfig(configName));
  }

  private async _describeConfig(configName: string): Promise<Config> {
    const answer = await this._send(
      'sagemaker:DescribeEndpointConfig',
      `Reading the endpoint config ${configName} failed`,
      () =>
        this._sagemaker.send(new DescribeEndpointConfigCommand({ EndpointConfigName: configName }))
    );
    const { $metadata, ...config } = answer;
    void $metadata;
    this._configs.set(configName, config);
    return config;
  }

  private async _readTags(endpointName: string, arn: string): Promise<void> {
    const answer = await this._send(
      'sagemaker:ListTags',
      `Reading the tags of the endpoint ${endpointName} failed`,
      () => this._sagemaker.send(new ListTagsCommand({ ResourceArn: arn }))
    );
    this._tags.set(endpointName, answer.Tags ?? []);
  }

  /** One call, its error explained and said in the words of what was being done. */
  private async _send<T>(action: string, doing: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      const explained = explainAwsError(error, { action, region: this._region });
      throw new SageMakerError(
        `${doing}: ${explained.message}`,
        explained.code,
        action,
        error
      );
    }
  }

  private _configRefused = new Set<string>();
  private _configs = new Map<string, Config>();
  private _descriptions = new Map<string, Description>();
  private _pages: HistoryPages<EndpointSummary>;
  private _region: string;
  private _sagemaker: SageMakerClient;
  private _tags = new Map<string, Tags>();
}

export namespace SageMakerEndpoints {
  export interface IOptions {
    sagemaker: SageMakerClient;
    region: string;
  }
  /** ListEndpoints' largest page. */
  export const PAGE_SIZE = 100;
  /** Endpoints in a settled state described for the first time per cycle. */
  export const FIRST_LOOKS_PER_CYCLE = 10;
  /** Endpoints whose tags are read per cycle, until every listed one's are known. */
  export const TAG_READS_PER_CYCLE = 20;
  /** Calls to SageMaker at once. */
  export const CONCURRENCY = 4;
}

/** The config's variants, with the instance count the endpoint runs now when known. */
function variantsOf(config: Config | undefined, description: Description | undefined): IEndpointVariant[] {
  const current = new Map(
    (description?.ProductionVariants ?? []).map(v => [v.VariantName ?? '', v])
  );
  return (config?.ProductionVariants ?? []).map(variant => {
    const variantName = variant.VariantName ?? '';
    const now = current.get(variantName);
    const serverless = now?.CurrentServerlessConfig ?? variant.ServerlessConfig;
    const result: IEndpointVariant = { name: variantName };
    if (variant.ModelName) {
      result.modelName = variant.ModelName;
    }
    if (serverless) {
      result.serverless = {
        memorySizeInMB: serverless.MemorySizeInMB ?? 0,
        maxConcurrency: serverless.MaxConcurrency ?? 0
      };
    } else {
      result.instanceType = variant.InstanceType;
      result.instanceCount = now?.CurrentInstanceCount ?? variant.InitialInstanceCount;
    }
    return result;
  });
}

/** True when the error was throttling (kept to fail the cycle after the rest is read). */
function keepThrottled(error: unknown, throttled: unknown[]): boolean {
  const cause = error instanceof SageMakerError ? error.cause : error;
  if (isThrottling(cause) || isThrottling(error)) {
    throttled.push(error);
    return true;
  }
  console.error('sagemaker-nlp: reading an endpoint failed', error);
  return false;
}

function name(summary: EndpointSummary): string {
  return summary.EndpointName ?? '';
}

function created(summary: EndpointSummary): number {
  return summary.CreationTime?.getTime() ?? 0;
}
