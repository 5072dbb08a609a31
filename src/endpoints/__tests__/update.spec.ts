/**
 * @jest-environment ./src/aws/__tests__/jsdomWithStreams.js
 */
import {
  CreateEndpointConfigCommand,
  DeleteEndpointConfigCommand,
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  SageMakerClient,
  UpdateEndpointCommand
} from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import { nextConfigName, resizeEndpoint } from '../update';

/** moto has no UpdateEndpoint: the calls are checked with aws-sdk-client-mock. */
const sagemaker = mockClient(SageMakerClient);
const client = new SageMakerClient({ region: 'eu-west-1' });

beforeEach(() => {
  sagemaker.reset();
  sagemaker.on(DescribeEndpointCommand).resolves({ EndpointStatus: 'InService', EndpointConfigName: 'ep-1' });
  sagemaker.on(DescribeEndpointConfigCommand).resolves({
    ProductionVariants: [
      { VariantName: 'AllTraffic', ModelName: 'm', InstanceType: 'ml.m5.large', InitialInstanceCount: 1, InitialVariantWeight: 1 }
    ]
  });
  sagemaker.on(CreateEndpointConfigCommand).resolves({});
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
});

afterEach(() => jest.restoreAllMocks());

describe('resizeEndpoint', () => {
  it('makes a config of the new size with the same model, then updates the endpoint to it', async () => {
    sagemaker.on(UpdateEndpointCommand).resolves({});
    const name = await resizeEndpoint(client, 'ep', { instanceType: 'ml.m5.xlarge', instanceCount: 2 });
    const created = sagemaker.commandCalls(CreateEndpointConfigCommand)[0].args[0].input;
    expect(created).toEqual({
      EndpointConfigName: name,
      ProductionVariants: [
        { VariantName: 'AllTraffic', ModelName: 'm', InstanceType: 'ml.m5.xlarge', InitialInstanceCount: 2, InitialVariantWeight: 1 }
      ]
    });
    expect(sagemaker.commandCalls(UpdateEndpointCommand)[0].args[0].input).toEqual({
      EndpointName: 'ep',
      EndpointConfigName: name
    });
    expect(sagemaker.commandCalls(DeleteEndpointConfigCommand)).toHaveLength(0);
  });

  it('deletes the new config again when the update is refused', async () => {
    sagemaker
      .on(UpdateEndpointCommand)
      .rejects(Object.assign(new Error('ResourceLimitExceeded'), { name: 'ResourceLimitExceeded' }));
    sagemaker.on(DeleteEndpointConfigCommand).resolves({});
    await expect(
      resizeEndpoint(client, 'ep', { instanceType: 'ml.p3.2xlarge', instanceCount: 1 })
    ).rejects.toThrow('ResourceLimitExceeded');
    const made = sagemaker.commandCalls(CreateEndpointConfigCommand)[0].args[0].input.EndpointConfigName;
    expect(sagemaker.commandCalls(DeleteEndpointConfigCommand)[0].args[0].input).toEqual({
      EndpointConfigName: made
    });
  });

  it('refuses an endpoint that is not InService, or serverless, saying why', async () => {
    sagemaker.on(DescribeEndpointCommand).resolves({ EndpointStatus: 'Creating', EndpointConfigName: 'ep-1' });
    await expect(resizeEndpoint(client, 'ep', { instanceType: 'ml.m5.xlarge', instanceCount: 1 })).rejects.toThrow(
      'Endpoint ep is Creating: it can be updated once InService.'
    );
    sagemaker.on(DescribeEndpointCommand).resolves({ EndpointStatus: 'InService', EndpointConfigName: 'ep-1' });
    sagemaker.on(DescribeEndpointConfigCommand).resolves({
      ProductionVariants: [{ VariantName: 'AllTraffic', ModelName: 'm', ServerlessConfig: { MemorySizeInMB: 2048, MaxConcurrency: 5 } }]
    });
    await expect(resizeEndpoint(client, 'ep', { instanceType: 'ml.m5.xlarge', instanceCount: 1 })).rejects.toThrow(
      /is serverless: it has no instances to change/
    );
    expect(sagemaker.commandCalls(CreateEndpointConfigCommand)).toHaveLength(0);
  });

  it('names configs within 63 characters', () => {
    expect(nextConfigName('x'.repeat(70), new Date('2026-12-01T15:00:00Z'))).toBe(`${'x'.repeat(48)}-20261201150000`);
  });
});
