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
import { IDeployChoices } from '../../tokens';
import { planDeploy } from '../deployPlan';
import { contextOf, ISdkFixture, jobOf, readSdkFixtures } from './sdkFixtures';

interface IDeployFixture extends ISdkFixture {
  choices: IDeployChoices;
  sdk: { version: string; call: string };
  expected: { createModel: unknown; createEndpointConfig: unknown; createEndpoint: unknown };
  repack?: {
    source: string;
    target: string;
    modelFiles: Record<string, string>;
    files: Record<string, string>;
  };
}

const cases = readSdkFixtures<IDeployFixture>('sdk-deploy');

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
    const plan = planDeploy(jobOf(fixture), fixture.choices, contextOf(fixture));
    expect({
      createModel: plan.createModel,
      createEndpointConfig: plan.createEndpointConfig,
      createEndpoint: plan.createEndpoint
    }).toEqual(fixture.expected);
  });

  it.each(cases.filter(([, f]) => f.repack))(
    '%s: repacks the model where the SDK does, its code/ as the SDK made it',
    (_, fixture) => {
      const plan = planDeploy(jobOf(fixture), fixture.choices, contextOf(fixture));
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
      const plan = planDeploy(jobOf(fixture), fixture.choices, contextOf(fixture));
      expect(plan.repack).toBeUndefined();
      expect(plan.createModel.PrimaryContainer!.ModelDataUrl).toBe(fixture.job.modelArtifact);
    }
  });

  it('uploads an inference script where the model looks for it', () => {
    const [, fixture] = cases.find(([name]) => name === 'sklearn-inference-script')!;
    const plan = planDeploy(jobOf(fixture), fixture.choices, contextOf(fixture));
    const upload = plan.codeUpload!;
    expect(`s3://${upload.bucket}/${upload.key}`).toBe(
      plan.createModel.PrimaryContainer!.Environment!.SAGEMAKER_SUBMIT_DIRECTORY
    );
    expect(upload.files).toEqual([fixture.choices.inferenceScript]);
  });
});
