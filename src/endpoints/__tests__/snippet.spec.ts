/**
 * @jest-environment ./src/aws/__tests__/jsdomWithStreams.js
 */
import { execFileSync } from 'child_process';
import * as path from 'path';
import { IEndpoint } from '../../tokens';
import { endpointSnippet } from '../snippet';

const PYTHON = path.resolve(__dirname, '../../../.venv/bin/python');
const compiles = (code: string) =>
  execFileSync(PYTHON, ['-c', `compile(${JSON.stringify(code)}, "cell", "exec"); print("ok")`], {
    encoding: 'utf-8'
  }).trim();

const endpoint = (overrides: Partial<IEndpoint>): IEndpoint => ({
  name: 'reviews-ep',
  target: 'sagemaker',
  status: 'InService',
  creationTime: new Date(0),
  variants: [],
  ...overrides
});

describe('endpointSnippet', () => {
  it('calls a SageMaker endpoint with boto3 and the SDK Predictor, in the framework shape', () => {
    const code = endpointSnippet(endpoint({ framework: 'huggingface' }), 'eu-west-1');
    expect(code).toContain('runtime = boto3.client("sagemaker-runtime", region_name="eu-west-1")');
    expect(code).toContain('    EndpointName="reviews-ep",');
    expect(code).toContain('Body=json.dumps({"inputs":"Great kettle, works perfectly!"})');
    expect(code).toContain('predictor = Predictor("reviews-ep", serializer=JSONSerializer()');
    expect(compiles(code)).toBe('ok');
  });

  it('calls a local endpoint through the Jupyter server', () => {
    const code = endpointSnippet(endpoint({ target: 'local', framework: 'sklearn' }), null);
    expect(code).toContain('"sagemaker-nlp/local/endpoints/" + "reviews-ep" + "/invocations"');
    expect(code).toContain('data=json.dumps(["Great kettle, works perfectly!"])');
    expect(compiles(code)).toBe('ok');
  });
});
