/**
 * The request equals what the SageMaker Python SDK v2 sent for the same
 * choices, field for field. The fixtures are recorded from the real SDK
 * against moto; regenerate them with
 *
 *   bash scripts/sdk-venv.sh && .venv-sdk/bin/python scripts/capture_sdk_requests.py
 *
 * The capture passes our notebook and cell tags to the estimator, so no
 * field is left out of the comparison.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ITrainingJobSpec, ISageMakerOptions } from '../../tokens';
import { buildCreateTrainingJobRequest } from '../request';
import { IRequestContext, sourceDirS3Uri } from '../sagemakerOptions';

interface ISdkFixture {
  spec: ITrainingJobSpec;
  options: ISageMakerOptions;
  context: IRequestContext;
  estimator: { class: string; kwargs: Record<string, unknown> };
  expected: Record<string, unknown>;
}

const FIXTURES = path.join(__dirname, 'fixtures', 'sdk-requests');

const cases: [string, ISdkFixture][] = fs
  .readdirSync(FIXTURES)
  .filter(name => name.endsWith('.json'))
  .sort()
  .map(name => [
    name.replace(/\.json$/, ''),
    JSON.parse(fs.readFileSync(path.join(FIXTURES, name), 'utf-8'))
  ]);

describe('buildCreateTrainingJobRequest against the SageMaker Python SDK', () => {
  it('has a fixture for every framework', () => {
    const frameworks = new Set(
      cases.map(([, fixture]) => fixture.spec.framework)
    );
    expect([...frameworks].sort()).toEqual([
      'huggingface',
      'mxnet',
      'pytorch',
      'sklearn',
      'tensorflow'
    ]);
  });

  it.each(cases)('%s: sends what the SDK sends', (_, fixture) => {
    const request = buildCreateTrainingJobRequest(
      fixture.spec,
      fixture.options,
      fixture.context
    );
    expect(request).toEqual(fixture.expected);
  });

  it.each(cases)('%s: uploads the source where the SDK does', (_, fixture) => {
    expect(sourceDirS3Uri(fixture.spec.jobName, fixture.options)).toBe(
      fixture.context.submitDirS3Uri
    );
  });
});
