/**
 * planTransform's requests equal what the SageMaker Python SDK v2 sent for
 * `estimator.transformer(...).transform(...)` with the same choices, field
 * for field, tags and names included (the SDK's clock is fixed at
 * `context.now`). Regenerate the fixtures with
 *
 *   bash scripts/sdk-venv.sh && .venv-sdk/bin/python scripts/capture_transform_requests.py
 */
import { ITransformChoices, planTransform } from '../transformPlan';
import { contextOf, ISdkFixture, jobOf, readSdkFixtures } from './sdkFixtures';

interface ITransformFixture extends ISdkFixture {
  choices: ITransformChoices;
  expected: { createModel: unknown; createTransformJob: unknown };
}

const cases = readSdkFixtures<ITransformFixture>('sdk-transform');

describe('planTransform against the SageMaker Python SDK', () => {
  it('has the fixtures', () => {
    expect(cases.map(([name]) => name)).toEqual([
      'sklearn-defaults',
      'sklearn-jsonlines-single',
      'sklearn-lines-multirecord'
    ]);
  });

  it.each(cases)('%s: sends what the SDK sends', (_, fixture) => {
    const plan = planTransform({ job: jobOf(fixture) }, fixture.choices, contextOf(fixture));
    expect({
      createModel: plan.createModel,
      createTransformJob: plan.createTransformJob
    }).toEqual(fixture.expected);
    expect(plan.outputS3Uri).toBe(
      (fixture.expected.createTransformJob as any).TransformOutput.S3OutputPath
    );
  });

  it('reuses an existing model: the same job, without CreateModel', () => {
    const [, fixture] = cases.find(([name]) => name === 'sklearn-lines-multirecord')!;
    const expected = fixture.expected.createModel as any;
    const plan = planTransform(
      { modelName: expected.ModelName, image: expected.PrimaryContainer.Image, job: jobOf(fixture) },
      fixture.choices,
      contextOf(fixture)
    );
    expect(plan.createModel).toBeUndefined();
    expect(plan.createTransformJob).toEqual(fixture.expected.createTransformJob);
  });
});
