/**
 * @jest-environment ./src/aws/__tests__/jsdomWithStreams.js
 */
import { ServerConnection } from '@jupyterlab/services';
import { createAwsClients } from '../../aws/clients';
import { AwsSession } from '../../aws/session';
import { IThrottleEvent } from '../../aws/proxyMiddleware';
import { FakeProxy } from '../../aws/__tests__/fakeProxy';
import { SageMakerBackend } from '../sagemaker';
import { CONFIG, fakeCatalog } from './sagemakerFixtures';

/**
 * The backend with real clients on a real socket: the SDK's own retry
 * loop, which a mocked client never runs.
 */
describe('SageMakerBackend on the wire', () => {
  const proxy = new FakeProxy();
  let serverSettings: ServerConnection.ISettings;
  const THROTTLED = {
    status: 400,
    body: '{"__type": "ThrottlingException", "message": "Rate exceeded"}'
  };
  const EMPTY_LIST = { status: 200, body: '{"TrainingJobSummaries": []}' };

  beforeAll(async () => {
    serverSettings = ServerConnection.makeSettings({
      baseUrl: await proxy.start(),
      token: 't'
    });
  });

  beforeEach(() => {
    proxy.received.length = 0;
  });

  afterAll(() => proxy.stop());

  it('retries throttled listings and tells whoever listens', async () => {
    proxy.answer(THROTTLED, THROTTLED, EMPTY_LIST);
    // The session makes the clients and tells of throttling.
    const session = new AwsSession({ serverSettings, readConfig: async () => CONFIG });
    const events: IThrottleEvent[] = [];
    session.throttled.connect((_, event) => events.push(event));
    const backend = new SageMakerBackend({
      config: CONFIG,
      catalog: fakeCatalog(),
      clients: await session.clients()
    });
    expect(await backend.list()).toEqual([]);
    expect(proxy.received).toHaveLength(3);
    expect(events.map(event => event.attempt)).toEqual([1, 2]);
    expect(events[0]).toMatchObject({
      service: 'sagemaker',
      operation: 'ListTrainingJobsCommand',
      maxAttempts: 5
    });
    backend.dispose();
  }, 20000);

  it('says so when AWS still throttles after the retries', async () => {
    proxy.answer(THROTTLED);
    const events: IThrottleEvent[] = [];
    const backend = new SageMakerBackend({
      config: CONFIG,
      catalog: fakeCatalog(),
      clients: createAwsClients({
        region: 'eu-west-1',
        serverSettings,
        maxAttempts: 2,
        onThrottle: event => events.push(event)
      })
    });
    await expect(backend.list()).rejects.toThrow(
      'AWS is still throttling requests (sagemaker:ListTrainingJobs) after several retries: wait a minute and try again.'
    );
    expect(proxy.received).toHaveLength(2);
    expect(events).toHaveLength(1);
    backend.dispose();
  }, 20000);

  it("gives the proxy's message when AWS cannot be reached", async () => {
    proxy.answer({
      status: 502,
      contentType: 'application/json',
      body: JSON.stringify({
        reason: 'unreachable',
        message: 'AWS could not be reached at api.sagemaker.eu-west-1.amazonaws.com: timeout'
      })
    });
    const backend = new SageMakerBackend({
      config: CONFIG,
      catalog: fakeCatalog(),
      clients: createAwsClients({ region: 'eu-west-1', serverSettings })
    });
    await expect(backend.list()).rejects.toThrow(
      'AWS could not be reached at api.sagemaker.eu-west-1.amazonaws.com: timeout'
    );
    backend.dispose();
  });
});
