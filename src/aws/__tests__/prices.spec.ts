/**
 * @jest-environment ./src/aws/__tests__/jsdomWithStreams.js
 */
import { GetProductsCommand, PricingClient } from '@aws-sdk/client-pricing';
import { mockClient } from 'aws-sdk-client-mock';
import { hourlyPrice, InstancePrices, trainingPriceFilters } from '../prices';

// Moto has no Price List API: the client is mocked, with products shaped as GetProducts returns them.
const pricing = mockClient(PricingClient);

function product(instance: string, usd: string, unit = 'Hrs', plato = 'Training'): string {
  const sku = 'ABCDEFGH12345678';
  return JSON.stringify({
    product: {
      productFamily: 'ML Instance',
      attributes: {
        regionCode: 'eu-west-1',
        instanceName: instance,
        instanceType: instance,
        platoinstancetype: plato,
        usagetype: `EU-Train:${instance}`,
        locationType: 'AWS Region',
        servicecode: 'AmazonSageMaker'
      },
      sku
    },
    serviceCode: 'AmazonSageMaker',
    terms: {
      OnDemand: {
        [`${sku}.JRTCKXETXF`]: {
          priceDimensions: {
            [`${sku}.JRTCKXETXF.6YS6EN2CT7`]: {
              unit,
              description: `$${usd} per hour for ${instance} training`,
              pricePerUnit: { USD: usd }
            }
          },
          sku,
          offerTermCode: 'JRTCKXETXF'
        }
      }
    },
    version: '20261101000000',
    publicationDate: '2026-11-01T00:00:00Z'
  });
}

class MemoryStorage {
  items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
}

describe('hourlyPrice', () => {
  it('reads terms.OnDemand.*.priceDimensions.*.pricePerUnit.USD of the hourly dimension', () => {
    expect(hourlyPrice([product('ml.m5.xlarge', '0.2300000000')])).toBe(0.23);
  });

  it('is null with no product, a zero price, another unit, or prices that disagree', () => {
    expect(hourlyPrice([])).toBeNull();
    expect(hourlyPrice([product('ml.m5.xlarge', '0.0000000000')])).toBeNull();
    expect(hourlyPrice([product('ml.m5.xlarge', '0.1', 'GB-Mo')])).toBeNull();
    expect(hourlyPrice(['not json'])).toBeNull();
    expect(
      hourlyPrice([product('ml.m5.xlarge', '0.23'), product('ml.m5.xlarge', '0.25')])
    ).toBeNull();
  });
});

describe('InstancePrices', () => {
  let now: number;
  let storage: MemoryStorage;
  const client = new PricingClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'a', secretAccessKey: 'b' }
  });
  const make = (store: MemoryStorage | null = storage) =>
    new InstancePrices({ client: async () => client, storage: store, now: () => now });

  beforeEach(() => {
    pricing.reset();
    now = 1_000_000;
    storage = new MemoryStorage();
  });

  it('asks GetProducts for the training product of the type in the region', async () => {
    pricing.on(GetProductsCommand).resolves({ PriceList: [product('ml.g5.xlarge', '1.4080000000')] });
    expect(await make().price('eu-west-1', 'ml.g5.xlarge')).toEqual({ pricePerHour: 1.408 });
    const [call] = pricing.commandCalls(GetProductsCommand);
    expect(call.args[0].input).toEqual({
      ServiceCode: 'AmazonSageMaker',
      FormatVersion: 'aws_v1',
      Filters: [
        { Type: 'TERM_MATCH', Field: 'productFamily', Value: 'ML Instance' },
        { Type: 'TERM_MATCH', Field: 'regionCode', Value: 'eu-west-1' },
        { Type: 'TERM_MATCH', Field: 'instanceName', Value: 'ml.g5.xlarge' },
        { Type: 'TERM_MATCH', Field: 'platoinstancetype', Value: 'Training' }
      ]
    });
    expect(trainingPriceFilters('eu-west-1', 'ml.g5.xlarge')).toEqual(call.args[0].input.Filters);
  });

  it('asks once a day per region and type, also across reloads (localStorage)', async () => {
    pricing.on(GetProductsCommand).resolves({ PriceList: [product('ml.m5.xlarge', '0.23')] });
    const prices = make();
    await Promise.all([
      prices.price('eu-west-1', 'ml.m5.xlarge'),
      prices.price('eu-west-1', 'ml.m5.xlarge')
    ]);
    await prices.price('eu-west-1', 'ml.m5.xlarge');
    expect(pricing.commandCalls(GetProductsCommand)).toHaveLength(1);

    // A new page (fresh memory) finds it in localStorage.
    expect(await make().price('eu-west-1', 'ml.m5.xlarge')).toEqual({ pricePerHour: 0.23 });
    expect(pricing.commandCalls(GetProductsCommand)).toHaveLength(1);

    await prices.price('us-west-2', 'ml.m5.xlarge');
    expect(pricing.commandCalls(GetProductsCommand)).toHaveLength(2);

    now += InstancePrices.TTL;
    await prices.price('eu-west-1', 'ml.m5.xlarge');
    expect(pricing.commandCalls(GetProductsCommand)).toHaveLength(3);
  });

  it('follows NextToken', async () => {
    pricing
      .on(GetProductsCommand)
      .resolvesOnce({ PriceList: [], NextToken: 'page-2' })
      .resolvesOnce({ PriceList: [product('ml.m5.xlarge', '0.23')] });
    expect((await make().price('eu-west-1', 'ml.m5.xlarge')).pricePerHour).toBe(0.23);
    expect(pricing.commandCalls(GetProductsCommand)[1].args[0].input.NextToken).toBe('page-2');
  });

  it('stops after a few pages: more would mean a wrong filter', async () => {
    pricing.on(GetProductsCommand).resolves({ PriceList: [], NextToken: 'more' });
    expect((await make().price('eu-west-1', 'ml.m5.xlarge')).reason).toBe('not-listed');
    expect(pricing.commandCalls(GetProductsCommand)).toHaveLength(5);
  });

  it('is unknown when the API fails, and asks again only after 5 minutes', async () => {
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    pricing.on(GetProductsCommand).rejects(new Error('AWS could not be reached'));
    const prices = make();
    expect(await prices.price('eu-west-1', 'ml.m5.xlarge')).toEqual({
      pricePerHour: null,
      reason: 'unreachable',
      detail: 'AWS could not be reached'
    });
    now += InstancePrices.FAILURE_TTL - 1;
    await prices.price('eu-west-1', 'ml.m5.xlarge');
    expect(pricing.commandCalls(GetProductsCommand)).toHaveLength(1);
    now += 1;
    pricing.on(GetProductsCommand).resolves({ PriceList: [product('ml.m5.xlarge', '0.23')] });
    expect((await prices.price('eu-west-1', 'ml.m5.xlarge')).pricePerHour).toBe(0.23);
    expect(pricing.commandCalls(GetProductsCommand)).toHaveLength(2);
    error.mockRestore();
  });

  it('is unknown, not guessed, when no training product is listed', async () => {
    pricing.on(GetProductsCommand).resolves({ PriceList: [] });
    expect(await make().price('eu-west-1', 'ml.nope.xlarge')).toEqual({
      pricePerHour: null,
      reason: 'not-listed'
    });
  });

  it('does not ask for regions of other partitions, nor for local jobs', async () => {
    const prices = make();
    for (const region of ['cn-north-1', 'cn-northwest-1', 'us-gov-west-1', 'us-iso-east-1', 'eusc-de-east-1']) {
      expect(await prices.price(region, 'ml.m5.xlarge')).toEqual({
        pricePerHour: null,
        reason: 'partition'
      });
    }
    expect((await prices.price('eu-west-1', 'local')).reason).toBe('no-instance');
    expect(pricing.commandCalls(GetProductsCommand)).toHaveLength(0);
  });

  it('works without storage, and over a corrupt entry', async () => {
    pricing.on(GetProductsCommand).resolves({ PriceList: [product('ml.m5.xlarge', '0.23')] });
    expect((await make(null).price('eu-west-1', 'ml.m5.xlarge')).pricePerHour).toBe(0.23);
    storage.setItem('jupyterlab-sagemaker-nlp:price:eu-west-1:ml.m5.xlarge', '{oops');
    expect((await make().price('eu-west-1', 'ml.m5.xlarge')).pricePerHour).toBe(0.23);
  });
});
