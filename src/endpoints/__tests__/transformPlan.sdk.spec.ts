/**
 * planTransform's requests equal what the SageMaker Python SDK v2 sent for
 * `estimator.transformer(...).transform(...)` with the same choices, field
 * for field, tags and names included (the SDK's clock is fixed at
 * `context.now`). Regenerate the fixtures with
 *
 *   bash scripts/sdk-venv.sh && .venv-sdk/bin/python scripts/capture_transform_requests.py
 */
import * as fs from 'fs';
import * as path from 'path';
import { ITrainingJob } from '../../tokens';
import { IDeployContext } from '../deployPlan';
import { ITransformChoices, planTransform } from '../transformPlan';

interface ITransformFixture {
  job: Omit<ITrainingJob, 'creationTime' | 'transitions' | 'finalMetrics' | 'metricDefinitions'>;
  choices: ITransformChoices;
  context: Omit<IDeployContext, 'now'> & { now: string };
  expected: { createModel: unknown; createTransformJob: unknown };
}

const FIXTURES = path.join(__dirname, 'fixtures', 'sdk-transform');

const cases: [string, ITransformFixture][] = fs
  .readdirSync(FIXTURES)
  .filter(name => name.endsWith('.json'))
  .sort()
  .map(name => [
    name.replace(/\.json$/, ''),
    JSON.parse(fs.readFileSync(path.join(FIXTURES, name), 'utf-8'))
  ]);

function jobOf(fixture: ITransformFixture): ITrainingJob {
  return {
    ...fixture.job,
    creationTime: new Date(0),
    transitions: [],
    finalMetrics: [],
    metricDefinitions: []
  };
}

function contextOf(fixture: ITransformFixture): IDeployContext {
  return { ...fixture.context, now: new Date(fixture.context.now) };
}

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
