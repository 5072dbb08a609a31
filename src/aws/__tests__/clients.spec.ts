/**
 * @jest-environment ./src/aws/__tests__/jsdomWithStreams.js
 */
import { ListTrainingJobsCommand } from '@aws-sdk/client-sagemaker';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { GetProductsCommand } from '@aws-sdk/client-pricing';
import { ServerConnection } from '@jupyterlab/services';
import { IAwsClients } from '../../tokens';
import { createAwsClients, destroyAwsClients, proxyEndpoint } from '../clients';
import { IThrottleEvent, ProxyError } from '../proxyMiddleware';
import { FakeProxy } from './fakeProxy';

describe('AWS clients through the signing proxy (on the wire)', () => {
  const proxy = new FakeProxy();
  let baseUrl: string;
  let clients: IAwsClients;
  const throttles: IThrottleEvent[] = [];

  function makeClients(token: string): IAwsClients {
    return createAwsClients({
      region: 'eu-west-1',
      serverSettings: ServerConnection.makeSettings({ baseUrl, token }),
      onThrottle: event => throttles.push(event)
    });
  }

  beforeAll(async () => {
    baseUrl = await proxy.start();
    document.cookie = '_xsrf=2|xsrf-cookie-value';
  });

  beforeEach(() => {
    proxy.received.length = 0;
    throttles.length = 0;
    clients = makeClients('secret-token');
  });

  afterEach(() => destroyAwsClients(clients));

  afterAll(() => proxy.stop());

  it('sends Jupyter credentials, not an AWS signature, under /sagemaker-nlp/aws/sagemaker', async () => {
    proxy.answer({ status: 200, body: '{"TrainingJobSummaries": []}' });
    const answer = await clients.sagemaker.send(
      new ListTrainingJobsCommand({ MaxResults: 50 })
    );
    expect(answer.TrainingJobSummaries).toEqual([]);
    const [request] = proxy.received;
    expect(request.method).toBe('POST');
    expect(request.url).toBe('/user/me/sagemaker-nlp/aws/sagemaker/');
    expect(request.headers['authorization']).toBe('token secret-token');
    expect(request.headers['x-xsrftoken']).toBe('2|xsrf-cookie-value');
    expect(request.headers['x-amz-target']).toBe('SageMaker.ListTrainingJobs');
    expect(JSON.parse(request.body.toString())).toEqual({ MaxResults: 50 });
  });

  it('sends Price List GetProducts under /sagemaker-nlp/aws/pricing as JSON 1.1', async () => {
    proxy.answer({ status: 200, body: '{"FormatVersion": "aws_v1", "PriceList": []}' });
    const answer = await clients.pricing.send(
      new GetProductsCommand({ ServiceCode: 'AmazonSageMaker', MaxResults: 1 })
    );
    expect(answer.PriceList).toEqual([]);
    const [request] = proxy.received;
    expect(request.url).toBe('/user/me/sagemaker-nlp/aws/pricing/');
    expect(request.headers['x-amz-target']).toBe('AWSPriceListService.GetProducts');
    expect(request.headers['content-type']).toBe('application/x-amz-json-1.1');
  });

  it('sends no authorization at all without a token (cookie login)', async () => {
    destroyAwsClients(clients);
    clients = makeClients('');
    proxy.answer({ status: 200, body: '{"TrainingJobSummaries": []}' });
    await clients.sagemaker.send(new ListTrainingJobsCommand({}));
    const [request] = proxy.received;
    expect(request.headers['authorization']).toBeUndefined();
    expect(request.headers['x-xsrftoken']).toBe('2|xsrf-cookie-value');
  });

  it('puts the S3 bucket in the path and sends the body whole', async () => {
    proxy.answer({ status: 200, contentType: 'application/xml', body: '' });
    await clients.s3.send(
      new PutObjectCommand({
        Bucket: 'sagemaker-eu-west-1-123456789012',
        Key: 'job-1/source/sourcedir.tar.gz',
        Body: new Uint8Array([1, 2, 3]),
        ServerSideEncryption: 'aws:kms'
      })
    );
    const [request] = proxy.received;
    expect(request.method).toBe('PUT');
    expect(request.url).toBe(
      '/user/me/sagemaker-nlp/aws/s3/sagemaker-eu-west-1-123456789012/job-1/source/sourcedir.tar.gz?x-id=PutObject'
    );
    expect(request.headers['authorization']).toBe('token secret-token');
    expect(request.headers['x-amz-server-side-encryption']).toBe('aws:kms');
    expect(request.headers['content-encoding'] ?? '').not.toContain('aws-chunked');
    expect([...request.body]).toEqual([1, 2, 3]);
  });

  it('reaches CloudWatch as monitoring and Logs under their proxy names', async () => {
    proxy.answer({ status: 200, body: '{"MetricDataResults": []}' });
    await clients.cloudwatch.send(
      new GetMetricDataCommand({
        MetricDataQueries: [],
        StartTime: new Date(0),
        EndTime: new Date(1000)
      })
    );
    proxy.answer({ status: 200, body: '{"events": []}' });
    await clients.logs.send(
      new GetLogEventsCommand({ logGroupName: 'g', logStreamName: 's' })
    );
    expect(proxy.received.map(r => r.url)).toEqual([
      '/user/me/sagemaker-nlp/aws/monitoring/',
      '/user/me/sagemaker-nlp/aws/logs/'
    ]);
    for (const request of proxy.received) {
      expect(request.headers['authorization']).toBe('token secret-token');
    }
  });

  it('retries throttled requests and says so each time', async () => {
    const throttled = {
      status: 400,
      body: '{"__type": "ThrottlingException", "message": "Rate exceeded"}'
    };
    proxy.answer(throttled, throttled, {
      status: 200,
      body: '{"TrainingJobSummaries": []}'
    });
    const answer = await clients.sagemaker.send(new ListTrainingJobsCommand({}));
    expect(answer.$metadata.attempts).toBe(3);
    expect(proxy.received).toHaveLength(3);
    expect(throttles).toEqual([
      { service: 'sagemaker', operation: 'ListTrainingJobsCommand', attempt: 1, maxAttempts: 5 },
      { service: 'sagemaker', operation: 'ListTrainingJobsCommand', attempt: 2, maxAttempts: 5 }
    ]);
  }, 20000);

  it.each([
    [403, 'refused', 'Request refused: ListEverything is not allowed'],
    [401, 'no-credentials', 'The server has no AWS credentials'],
    [502, 'unreachable', 'AWS could not be reached at sagemaker.eu-west-1.amazonaws.com: timeout']
  ])('gives the proxy\'s own %s answer as a ProxyError, not retried', async (status, reason, message) => {
    proxy.answer({
      status,
      contentType: 'application/json',
      body: JSON.stringify({ message, reason })
    });
    const error = await clients.sagemaker
      .send(new ListTrainingJobsCommand({}))
      .catch(e => e);
    expect(error).toBeInstanceOf(ProxyError);
    expect(error).toMatchObject({ message, reason, status });
    expect(proxy.received).toHaveLength(1);
  });

  it('says the server extension is missing when Jupyter answers its 404 page', async () => {
    proxy.answer({ status: 404, contentType: 'text/html', body: '<html>404</html>' });
    const error = await clients.s3
      .send(new PutObjectCommand({ Bucket: 'b', Key: 'k', Body: 'x' }))
      .catch(e => e);
    expect(error).toBeInstanceOf(ProxyError);
    expect(error.message).toMatch(/pip install jupyterlab-sagemaker-nlp/);
  });

  it('leaves AWS errors to the SDK', async () => {
    proxy.answer({
      status: 400,
      body: '{"__type": "ValidationException", "message": "1 validation error"}'
    });
    const error = await clients.sagemaker
      .send(new ListTrainingJobsCommand({}))
      .catch(e => e);
    expect(error.name).toBe('ValidationException');
    expect(error.message).toBe('1 validation error');
  });

  it('makes absolute endpoints under the base URL', () => {
    const settings = ServerConnection.makeSettings({ baseUrl: 'http://h:1/lab/base/' });
    expect(proxyEndpoint('application-autoscaling', settings)).toBe(
      'http://h:1/lab/base/sagemaker-nlp/aws/application-autoscaling'
    );
  });
});
