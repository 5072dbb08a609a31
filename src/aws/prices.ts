import type { PricingClient } from '@aws-sdk/client-pricing';
import type { IAwsSession } from '../tokens';

/**
 * The on-demand price per hour (USD) of a SageMaker training instance type in
 * a region, from the Price List API's GetProducts, cached in memory and in
 * localStorage. A price is never guessed: when the API cannot say, the
 * answer is null with the reason.
 */

/** Why a price is unknown. */
export type PriceUnknownReason =
  /** aws-cn, aws-us-gov, ISO: the proxy's Price List endpoint is the `aws` partition's. */
  | 'partition'
  /** Local jobs, or an empty instance type. */
  | 'no-instance'
  /** The API answered, but lists no single training price for the type in the region. */
  | 'not-listed'
  /** The API could not be reached, or refused. */
  | 'unreachable';

export interface IInstancePrice {
  /** USD per instance-hour, on demand; null when unknown. */
  pricePerHour: number | null;
  reason?: PriceUnknownReason;
  /** What the API said when it failed. */
  detail?: string;
}

/** The region of a SageMaker ARN (`arn:aws:sagemaker:<region>:…`), if any. */
export function regionOfArn(arn: string | undefined): string | undefined {
  return arn?.split(':')[3] || undefined;
}

/** What the views and the dialog ask; `InstancePrices` answers it. */
export interface IPriceLookup {
  price(region: string, instanceType: string): Promise<IInstancePrice>;
}

export const SERVICE_CODE = 'AmazonSageMaker';

/** Partitions whose regions have no price in the `aws` Price List (us-east-1). */
const OTHER_PARTITIONS = /^(cn-|us-gov-|us-iso|eu-iso|eusc-)/;

/** The GetProducts filters for one training instance type in one region. */
export function trainingPriceFilters(region: string, instanceType: string) {
  return [
    ['productFamily', 'ML Instance'],
    ['regionCode', region],
    ['instanceName', instanceType],
    // "Training"; "SpotTraining", "Hosting", "Notebook"… are other products.
    ['platoinstancetype', 'Training']
  ].map(([Field, Value]) => ({ Type: 'TERM_MATCH' as const, Field, Value }));
}

/**
 * The one hourly USD price the products list, or null: none, or several
 * that disagree (which would be a guess).
 */
export function hourlyPrice(priceList: ReadonlyArray<unknown>): number | null {
  const prices = new Set<number>();
  for (const item of priceList) {
    const product = typeof item === 'string' ? safeParse(item) : item;
    const onDemand = (product as any)?.terms?.OnDemand ?? {};
    for (const term of Object.values<any>(onDemand)) {
      for (const dimension of Object.values<any>(term?.priceDimensions ?? {})) {
        const usd = Number(dimension?.pricePerUnit?.USD);
        if (dimension?.unit === 'Hrs' && Number.isFinite(usd) && usd > 0) {
          prices.add(usd);
        }
      }
    }
  }
  return prices.size === 1 ? [...prices][0] : null;
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

interface IEntry {
  value: IInstancePrice;
  expires: number;
}

/** Prices asked through a Pricing client, each once per TTL. */
export class InstancePrices implements IPriceLookup {
  constructor(options: InstancePrices.IOptions) {
    this._client = options.client;
    this._storage = options.storage === undefined ? defaultStorage() : options.storage;
    this._now = options.now ?? Date.now;
    this._ttl = options.ttl ?? InstancePrices.TTL;
    this._failureTtl = options.failureTtl ?? InstancePrices.FAILURE_TTL;
  }

  /** The price of `instanceType` for training in `region`. */
  price(region: string, instanceType: string): Promise<IInstancePrice> {
    if (!instanceType || instanceType === 'local') {
      return Promise.resolve({ pricePerHour: null, reason: 'no-instance' });
    }
    if (OTHER_PARTITIONS.test(region)) {
      return Promise.resolve({ pricePerHour: null, reason: 'partition' });
    }
    const key = `${STORAGE_PREFIX}${region}:${instanceType}`;
    const cached = this._memory.get(key) ?? this._read(key);
    if (cached && cached.expires > this._now()) {
      return Promise.resolve(cached.value);
    }
    let pending = this._pending.get(key);
    if (!pending) {
      pending = this._ask(region, instanceType).then(value => {
        this._pending.delete(key);
        const ttl = value.pricePerHour === null ? this._failureTtl : this._ttl;
        const entry = { value, expires: this._now() + ttl };
        this._memory.set(key, entry);
        this._write(key, entry);
        return value;
      });
      this._pending.set(key, pending);
    }
    return pending;
  }

  private async _ask(region: string, instanceType: string): Promise<IInstancePrice> {
    try {
      const client = await this._client();
      // The SDK's chunk: already loaded with the client.
      const { GetProductsCommand } = await import(
        /* webpackChunkName: "aws-sdk" */ '@aws-sdk/client-pricing'
      );
      const priceList: unknown[] = [];
      let nextToken: string | undefined;
      let pages = 0;
      do {
        const answer = await client.send(
          new GetProductsCommand({
            ServiceCode: SERVICE_CODE,
            Filters: trainingPriceFilters(region, instanceType),
            FormatVersion: 'aws_v1',
            NextToken: nextToken
          })
        );
        priceList.push(...(answer.PriceList ?? []));
        nextToken = answer.NextToken;
        pages += 1;
      } while (nextToken && pages < MAX_PAGES);
      const pricePerHour = hourlyPrice(priceList);
      return pricePerHour === null
        ? { pricePerHour, reason: 'not-listed' }
        : { pricePerHour };
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      console.error(`Price of ${instanceType} in ${region} unknown:`, error);
      return { pricePerHour: null, reason: 'unreachable', detail };
    }
  }

  private _read(key: string): IEntry | undefined {
    try {
      const text = this._storage?.getItem(key);
      const entry = text ? (JSON.parse(text) as IEntry) : undefined;
      if (entry && typeof entry.expires === 'number' && entry.value) {
        this._memory.set(key, entry);
        return entry;
      }
    } catch {
      // A corrupt entry is asked again.
    }
    return undefined;
  }

  private _write(key: string, entry: IEntry): void {
    try {
      this._storage?.setItem(key, JSON.stringify(entry));
    } catch {
      // Full or disabled storage: the memory cache still holds it.
    }
  }

  private _client: () => Promise<PricingClient>;
  private _storage: Pick<Storage, 'getItem' | 'setItem'> | null;
  private _now: () => number;
  private _ttl: number;
  private _failureTtl: number;
  private _memory = new Map<string, IEntry>();
  private _pending = new Map<string, Promise<IInstancePrice>>();
}

export namespace InstancePrices {
  /**
   * The prices of a session, one cache for every view, through its Pricing
   * client (the AWS SDK chunk loads on first use).
   */
  export function forSession(session: IAwsSession): InstancePrices {
    let prices = bySession.get(session);
    if (!prices) {
      prices = new InstancePrices({ client: async () => (await session.clients()).pricing });
      bySession.set(session, prices);
    }
    return prices;
  }

  const bySession = new WeakMap<IAwsSession, InstancePrices>();

  export interface IOptions {
    /** The Pricing client, e.g. `async () => (await session.clients()).pricing`. */
    client: () => Promise<PricingClient>;
    /** Defaults to `localStorage`; null keeps prices in memory only. */
    storage?: Pick<Storage, 'getItem' | 'setItem'> | null;
    now?: () => number;
    ttl?: number;
    failureTtl?: number;
  }

  /** Prices change rarely: a day. */
  export const TTL = 24 * 60 * 60 * 1000;
  /** An unknown price is asked again after 5 minutes, not at every render. */
  export const FAILURE_TTL = 5 * 60 * 1000;
}

const STORAGE_PREFIX = 'jupyterlab-sagemaker-nlp:price:';
/** One instance type lists a product or two; more pages would mean a wrong filter. */
const MAX_PAGES = 5;

function defaultStorage(): Storage | null {
  try {
    return typeof localStorage !== 'undefined' ? localStorage : null;
  } catch {
    return null;
  }
}
