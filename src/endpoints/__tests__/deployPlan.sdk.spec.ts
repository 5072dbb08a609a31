/**
 * planDeploy's three requests equal what the SageMaker Python SDK v2 sent for
 * the same choices, field for field, tags included (the capture passes our
 * notebook, cell and job tags to `deploy`, and fixes the SDK's clock at
 * `context.now` so the model names compare). Regenerate the fixtures with
 *
 *   bash scripts/sdk-venv.sh && .venv-sdk/bin/python scripts/capture_deploy_requests.py
 *
 * The only thing not compared is the inference script's upload (the SDK puts
 * the same `sourcedir.tar.gz` where SAGEMAKER_SUBMIT_DIRECTORY points).
 */
import * as fs from 'fs';
import * as path from 'path';
import { IDeployChoices, ITrainingJob } from '../../tokens';
import { IDeployContext, planDeploy } from '../deployPlan';

interface IDeployFixture {
  job: Omit<ITrainingJob, 'creationTime' | 'transitions' | 'finalMetrics' | 'metricDefinitions'>;
  choices: IDeployChoices;
  context: Omit<IDeployContext, 'now'> & { now: string };
  sdk: { version: string; call: string };
  expected: { createModel: unknown; createEndpointConfig: unknown; createEndpoint: unknown };
}

const FIXTURES = path.join(__dirname, 'fixtures', 'sdk-deploy');

const cases: [string, IDeployFixture][] = fs
  .readdirSync(FIXTURES)
  .filter(name => name.endsWith('.json'))
  .sort()
  .map(name => [
    name.replace(/\.json$/, ''),
    JSON.parse(fs.readFileSync(path.join(FIXTURES, name), 'utf-8'))
  ]);

function jobOf(fixture: IDeployFixture): ITrainingJob {
  return {
    ...fixture.job,
    creationTime: new Date(0),
    transitions: [],
    finalMetrics: [],
    metricDefinitions: []
  };
}

describe('planDeploy against the SageMaker Python SDK', () => {
  it('has real-time and serverless fixtures for scikit-learn and Hugging Face', () => {
    const kinds = new Set(cases.map(([, f]) => `${f.job.framework}/${f.choices.mode}`));
    expect([...kinds].sort()).toEqual([
      'huggingface/realtime',
      'huggingface/serverless',
      'sklearn/realtime',
      'sklearn/serverless'
    ]);
  });

  it.each(cases)('%s: sends what the SDK sends', (_, fixture) => {
    const plan = planDeploy(jobOf(fixture), fixture.choices, {
      ...fixture.context,
      now: new Date(fixture.context.now)
    });
    expect({
      createModel: plan.createModel,
      createEndpointConfig: plan.createEndpointConfig,
      createEndpoint: plan.createEndpoint
    }).toEqual(fixture.expected);
  });

  it('uploads an inference script where the model looks for it', () => {
    const [, fixture] = cases.find(([name]) => name === 'sklearn-inference-script')!;
    const plan = planDeploy(jobOf(fixture), fixture.choices, {
      ...fixture.context,
      now: new Date(fixture.context.now)
    });
    const upload = plan.codeUpload!;
    expect(`s3://${upload.bucket}/${upload.key}`).toBe(
      plan.createModel.PrimaryContainer!.Environment!.SAGEMAKER_SUBMIT_DIRECTORY
    );
    expect(upload.files).toEqual([fixture.choices.inferenceScript]);
  });
});
