/**
 * @jest-environment ./src/aws/__tests__/jsdomWithStreams.js
 */
import { explainInvokeError, invokeRequest } from '../invoke';

describe('invokeRequest', () => {
  it('sends JSON as it is, and wraps text for the framework', () => {
    expect(invokeRequest('{"inputs": "hi", "parameters": {"top_k": 2}}', 'huggingface').body).toBe(
      '{"inputs": "hi", "parameters": {"top_k": 2}}'
    );
    expect(invokeRequest('Great kettle!', 'sklearn')).toEqual({
      body: '["Great kettle!"]',
      contentType: 'application/json'
    });
    // Not JSON although it starts like it: text.
    expect(invokeRequest('[draft] so so', 'huggingface').body).toBe('{"inputs":"[draft] so so"}');
  });
});

describe('explainInvokeError', () => {
  const error = (name: string, message: string) => Object.assign(new Error(message), { name });

  it('gives the model message and where its log is', () => {
    expect(explainInvokeError('ep', error('ModelError', 'Received server error (500): KeyError "inputs"'))).toBe(
      'The model answered with an error: Received server error (500): KeyError "inputs". Its log is in CloudWatch Logs, group /aws/sagemaker/Endpoints/ep.'
    );
  });

  it('says when the endpoint is gone or not InService', () => {
    expect(explainInvokeError('ep', error('ValidationError', 'Endpoint ep of account 1 not found.'))).toMatch(
      /no endpoint ep in this region/
    );
    expect(
      explainInvokeError('ep', error('ValidationError', 'Endpoint ep is not in InService status'))
    ).toMatch(/not InService yet: wait/);
  });
});
