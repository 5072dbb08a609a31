/**
 * @jest-environment ./src/aws/__tests__/jsdomWithStreams.js
 */
import {
  DeleteEndpointCommand,
  DeleteEndpointConfigCommand,
  DeleteModelCommand,
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  EndpointStatus,
  ListEndpointsCommand,
  ListTagsCommand,
  SageMakerClient
} from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import { createAwsClients } from '../../aws/clients';
import { JOB_TAG } from '../../training/notebookTags';
import { SageMakerEndpoints } from '../sagemakerEndpoints';

/**
 * What moto cannot do: endpoints that stay Creating, then end InService or
 * Failed; more than one page; throttling. AWS is mocked with
 * aws-sdk-client-mock, calls are counted per operation.
 */
const sagemakerMock = mockClient(SageMakerClient);

interface IFakeEndpoint {
  name: string;
  status: EndpointStatus;
  created: Date;
  modified: Date;
  failureReason?: string;
}

class FakeRegion {
  endpoints: IFakeEndpoint[] = [];
  calls: Record<string, number> = {};
  throttle: string | null = null;

  static with(count: number, changing = 0): FakeRegion {
    const region = new FakeRegion();
    const start = Date.UTC(2026, 11, 1, 12);
    region.endpoints = Array.from({ length: count }, (_, i) => ({
      name: `ep-${String(i).padStart(4, '0')}`,
      status: i < changing ? 'Creating' : 'InService',
      created: new Date(start - i * 60000),
      modified: new Date(start - i * 60000)
    }));
    return region;
  }

  set(name: string, status: EndpointStatus, failureReason?: string): void {
    const endpoint = this.endpoints.find(e => e.name === name)!;
    endpoint.status = status;
    endpoint.failureReason = failureReason;
    endpoint.modified = new Date(endpoint.modified.getTime() + 1000);
  }

  install(): void {
    sagemakerMock.reset();
    sagemakerMock.on(ListEndpointsCommand).callsFake(input => {
      this._count('ListEndpoints');
      const from = Number(input.NextToken ?? 0);
      const size = input.MaxResults ?? 10;
      const page = this.endpoints.slice(from, from + size);
      return {
        Endpoints: page.map(e => ({
          EndpointName: e.name,
          EndpointArn: `arn:aws:sagemaker:us-east-1:123456789012:endpoint/${e.name}`,
          EndpointStatus: e.status,
          CreationTime: e.created,
          LastModifiedTime: e.modified
        })),
        NextToken: from + size < this.endpoints.length ? String(from + size) : undefined
      };
    });
    sagemakerMock.on(DescribeEndpointCommand).callsFake(input => {
      this._count('DescribeEndpoint');
      const e = this.endpoints.find(other => other.name === input.EndpointName)!;
      return {
        EndpointName: e.name,
        EndpointConfigName: `${e.name}-config`,
        EndpointStatus: e.status,
        FailureReason: e.failureReason,
        CreationTime: e.created,
        LastModifiedTime: e.modified,
        ProductionVariants:
          e.status === 'InService'
            ? [{ VariantName: 'AllTraffic', CurrentInstanceCount: 1 }]
            : undefined
      };
    });
    sagemakerMock.on(DescribeEndpointConfigCommand).callsFake(input => {
      this._count('DescribeEndpointConfig');
      return {
        EndpointConfigName: input.EndpointConfigName,
        ProductionVariants: [
          {
            VariantName: 'AllTraffic',
            ModelName: input.EndpointConfigName!.replace(/-config$/, '-model'),
            InstanceType: 'ml.m5.large',
            InitialInstanceCount: 1
          }
        ]
      };
    });
    sagemakerMock.on(ListTagsCommand).callsFake(input => {
      this._count('ListTags');
      const name = input.ResourceArn!.split('/').pop();
      return { Tags: [{ Key: JOB_TAG, Value: `job-of-${name}` }] };
    });
  }

  reset(): void {
    this.calls = {};
  }

  private _count(operation: string): void {
    if (this.throttle === operation) {
      const error = new Error('Rate exceeded');
      error.name = 'ThrottlingException';
      throw error;
    }
    this.calls[operation] = (this.calls[operation] ?? 0) + 1;
  }
}

function endpointsOver(): SageMakerEndpoints {
  return new SageMakerEndpoints({
    sagemaker: createAwsClients({ region: 'us-east-1' }).sagemaker,
    region: 'us-east-1'
  });
}

beforeEach(() => {
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
});

afterEach(() => {
  jest.restoreAllMocks();
});

describe('SageMaker endpoints over cycles', () => {
  it.each([
    ['InService', undefined],
    ['Failed', 'The primary container for production variant AllTraffic did not pass the ping health check.']
  ] as const)('Creating → %s', async (final, reason) => {
    const region = FakeRegion.with(3, 1);
    region.install();
    const endpoints = endpointsOver();
    const first = await endpoints.list();
    expect(first[0]).toMatchObject({ name: 'ep-0000', status: 'Creating', jobName: 'job-of-ep-0000' });
    expect(first[1].variants).toEqual([
      { name: 'AllTraffic', modelName: 'ep-0001-model', instanceType: 'ml.m5.large', instanceCount: 1 }
    ]);

    region.reset();
    await endpoints.list();
    // Still Creating: only it is described again; configs and tags are known.
    expect(region.calls).toEqual({ ListEndpoints: 1, DescribeEndpoint: 1 });

    region.set('ep-0000', final, reason);
    region.reset();
    const after = await endpoints.list();
    expect(after[0].status).toBe(final);
    expect(after[0].failureReason).toBe(reason);
    expect(region.calls).toEqual({ ListEndpoints: 1, DescribeEndpoint: 1 });

    region.reset();
    await endpoints.list();
    expect(region.calls).toEqual({ ListEndpoints: 1 });
  });

  it('reads one page per cycle, older pages every other cycle, and forgets deleted endpoints', async () => {
    const region = FakeRegion.with(250);
    region.install();
    const endpoints = endpointsOver();
    const seen: number[] = [];
    for (let cycle = 0; cycle < 5; cycle++) {
      region.reset();
      seen.push((await endpoints.list()).length);
      expect(region.calls.ListEndpoints).toBe(1);
      expect(region.calls.DescribeEndpoint ?? 0).toBeLessThanOrEqual(
        SageMakerEndpoints.FIRST_LOOKS_PER_CYCLE
      );
    }
    // newest, page 2, newest, page 3, newest
    expect(seen).toEqual([100, 200, 200, 250, 250]);

    region.endpoints.splice(1, 1); // ep-0001 deleted elsewhere
    const names = (await endpoints.list()).map(e => e.name);
    expect(names).not.toContain('ep-0001');
    expect(names[0]).toBe('ep-0000');
  });

  it('keeps what it read when AWS throttles, and says so', async () => {
    const region = FakeRegion.with(2, 1);
    region.install();
    const endpoints = endpointsOver();
    await endpoints.list();
    region.throttle = 'DescribeEndpoint';
    await expect(endpoints.list()).rejects.toThrow(/Reading the endpoint ep-0000 failed/);
    region.throttle = null;
    region.set('ep-0000', 'InService');
    expect((await endpoints.list())[0].status).toBe('InService');
  });

  it('says what is left when a step of a deletion fails', async () => {
    const region = FakeRegion.with(1);
    region.install();
    const denied = Object.assign(new Error('User: arn:aws:iam::123456789012:user/dev is not authorized to perform: sagemaker:DeleteEndpointConfig'), {
      name: 'AccessDeniedException'
    });
    sagemakerMock.on(DeleteEndpointCommand).resolves({});
    sagemakerMock.on(DeleteEndpointConfigCommand).rejects(denied);
    sagemakerMock.on(DeleteModelCommand).resolves({});
    const endpoints = endpointsOver();
    await expect(endpoints.delete('ep-0000')).rejects.toThrow(
      /The endpoint ep-0000 is deleted, but not its config ep-0000-config: .*add sagemaker:DeleteEndpointConfig to its IAM policy/
    );
    expect(sagemakerMock.commandCalls(DeleteModelCommand)).toHaveLength(0);
  });
});
