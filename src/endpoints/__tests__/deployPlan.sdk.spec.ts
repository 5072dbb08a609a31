/**
 * planDeploy's three requests equal what the SageMaker Python SDK v2 sent for
 * the same choices, field for field, tags included (the capture passes our
 * notebook, cell and job tags to `deploy`, and fixes the SDK's clock at
 * `context.now` so the model names compare). Regenerate the fixtures with
 *
 *   bash scripts/sdk-venv.sh && .venv-sdk/bin/python scripts/capture_deploy_requests.py
 *
 * The scikit-learn script's upload is checked for its place only (the SDK
 * puts the same `sourcedir.tar.gz` where SAGEMAKER_SUBMIT_DIRECTORY points);
 * a repack's place and new code/ are checked against the archive the SDK
 * wrote (`repack.files`; modelRepackMoto.spec.ts repacks the same model).
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
  repack?: {
    source: string;
    target: string;
    modelFiles: Record<string, string>;
    files: Record<string, string>;
  };
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
  it('has fixtures for each framework, real-time and serverless, with and without a script', () => {
    const kinds = new Set(
      cases.map(
        ([, f]) => `${f.job.framework}/${f.choices.mode}${f.choices.inferenceScript ? '/script' : ''}`
      )
    );
    expect([...kinds].sort()).toEqual([
      'huggingface/realtime',
      'huggingface/realtime/script',
      'huggingface/serverless',
      'mxnet/realtime/script',
      'pytorch/realtime/script',
      'pytorch/serverless/script',
      'sklearn/realtime',
      'sklearn/realtime/script',
      'sklearn/serverless',
      'tensorflow/realtime',
      'tensorflow/realtime/script'
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

  it.each(cases.filter(([, f]) => f.repack))(
    '%s: repacks the model where the SDK does, its code/ as the SDK made it',
    (_, fixture) => {
      const plan = planDeploy(jobOf(fixture), fixture.choices, {
        ...fixture.context,
        now: new Date(fixture.context.now)
      });
      const repack = plan.repack!;
      expect(repack.sourceUri).toBe(fixture.repack!.source);
      expect(repack.targetUri).toBe(fixture.repack!.target);
      expect(`s3://${repack.bucket}/${repack.key}`).toBe(repack.targetUri);
      const sdkCode = Object.entries(fixture.repack!.files)
        .filter(([name]) => name.startsWith('code/'))
        .map(([name, content]) => ({ path: name.slice('code/'.length), content }));
      expect(repack.codeFiles).toEqual(sdkCode);
      expect(plan.codeUpload).toBeUndefined();
    }
  );

  it('repacks nothing without a script, nor for scikit-learn', () => {
    for (const [, fixture] of cases.filter(([, f]) => !f.repack)) {
      const plan = planDeploy(jobOf(fixture), fixture.choices, {
        ...fixture.context,
        now: new Date(fixture.context.now)
      });
      expect(plan.repack).toBeUndefined();
      expect(plan.createModel.PrimaryContainer!.ModelDataUrl).toBe(fixture.job.modelArtifact);
    }
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
