/**
 * @jest-environment ./src/aws/__tests__/jsdomWithStreams.js
 */
import { getAwsConfig } from '../../api/awsConfig';
import { createAwsClients } from '../../aws/clients';
import { e2eServer } from '../../aws/__tests__/e2eServer';
import { invokeRequest, invokeSageMakerEndpoint, MAX_INVOKE_BYTES } from '../invoke';

/**
 * InvokeEndpoint from the browser's runtime client, through the real signing
 * proxy to moto (scripts/aws-stack.sh starts both), with an answer queued
 * through moto's `/moto-api/static/sagemaker/endpoint-results`.
 */

const { serverSettings, motoUrl: MOTO } = e2eServer();

describe('invoking a SageMaker endpoint through the proxy', () => {
  it('sends what "Try it" makes of the text and shows the answer with its latency', async () => {
    const config = await getAwsConfig({ serverSettings });
    const region = config.region!;
    const answer = JSON.stringify([{ label: 'POSITIVE', score: 0.98 }]);
    const queued = await fetch(`${MOTO}/moto-api/static/sagemaker/endpoint-results`, {
      method: 'POST',
      body: JSON.stringify({
        region,
        results: [{ Body: answer, ContentType: 'application/json' }]
      })
    });
    expect(queued.status).toBe(201);

    const { runtime } = createAwsClients({ region, serverSettings });
    const request = invokeRequest('Great kettle!', 'huggingface');
    expect(request).toEqual({ body: '{"inputs":"Great kettle!"}', contentType: 'application/json' });
    const shown = await invokeSageMakerEndpoint(runtime, 'reviews-endpoint', request);
    expect(shown.body).toBe(answer);
    expect(shown.contentType).toBe('application/json');
    expect(shown.latencyMs).toBeGreaterThan(0);
  });

  it('refuses a body over 6 MB before sending it', async () => {
    const { runtime } = createAwsClients({ region: 'us-east-1', serverSettings });
    const sent = jest.spyOn(runtime, 'send');
    await expect(
      invokeSageMakerEndpoint(runtime, 'reviews-endpoint', {
        body: 'x'.repeat(MAX_INVOKE_BYTES + 1),
        contentType: 'text/csv'
      })
    ).rejects.toThrow(/6\.0 MB; an endpoint takes at most 6 MB: send less, or use batch transform/);
    expect(sent).not.toHaveBeenCalled();
  });
});
