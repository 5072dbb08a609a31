import { compareRuns, displayHyperparameter } from '../compareRuns';
import { makeJob } from './fakes';

const at = (minute: number) => new Date(Date.UTC(2026, 11, 1, 14, minute));
const now = at(30).getTime();

/** Runs as a cell makes them: the SDK's own keys and the notebook's, JSON-encoded. */
function run(name: string, minute: number, hyperparameters: Record<string, string>, extra = {}) {
  return makeJob({
    name,
    creationTime: at(minute),
    startTime: at(minute),
    endTime: at(minute + 2),
    hyperparameters: {
      sagemaker_program: '"train.py"',
      sagemaker_job_name: `"${name}"`,
      ...hyperparameters
    },
    ...extra
  });
}

describe('compareRuns', () => {
  const older = run('cell-a', 1, { C: '1.0', seed: '42', solver: '"lbfgs"' }, {
    finalMetrics: [
      { MetricName: 'val_accuracy', Value: 0.81, Timestamp: at(3) },
      { MetricName: 'train_accuracy', Value: 0.99, Timestamp: at(3) }
    ]
  });
  const newer = run('cell-b', 10, { C: '0.5', seed: '42', solver: '"saga"', tol: '0.001' }, {
    finalMetrics: [{ MetricName: 'val_accuracy', Value: 0.84, Timestamp: at(12) }]
  });

  it('lists only the hyperparameters that differ, decoded, and counts the rest', () => {
    const comparison = compareRuns([newer, older], { now });
    expect(comparison.differing).toEqual([
      { key: 'C', values: ['0.5', '1.0'] },
      { key: 'solver', values: ['saga', 'lbfgs'] },
      // Missing on one side counts as different.
      { key: 'tol', values: ['0.001', undefined] }
    ]);
    // seed; SageMaker's own keys (sagemaker_job_name always differs) are left out.
    expect(comparison.sameCount).toBe(1);
  });

  it('gives each run its final metrics, in the order first seen', () => {
    const { metrics } = compareRuns([newer, older], { now });
    expect(metrics).toEqual([
      { name: 'val_accuracy', values: [0.84, 0.81] },
      { name: 'train_accuracy', values: [undefined, 0.99] }
    ]);
  });

  it('numbers the runs oldest first, even when only some are compared', () => {
    const newest = run('cell-c', 20, {});
    const { runs } = compareRuns([newest, older], { now, allRuns: [newest, newer, older] });
    expect(runs.map(r => [r.name, r.number])).toEqual([
      ['cell-c', 3],
      ['cell-a', 1]
    ]);
  });

  it('costs local runs nothing and a SageMaker run by its price, unknown without one', () => {
    const sagemaker = run('cell-sm', 15, {}, {
      target: 'sagemaker',
      instanceType: 'ml.m5.xlarge',
      instanceCount: 2,
      billableTimeInSeconds: 1800
    });
    const priced = compareRuns([sagemaker, older], { now, pricePerHour: () => 0.23 });
    expect(priced.runs[0].cost.amount).toBeCloseTo(0.23);
    expect(priced.runs[0].instanceType).toBe('ml.m5.xlarge');
    expect(priced.runs[0].instanceCount).toBe(2);
    expect(priced.runs[1].cost.amount).toBe(0);

    const unknown = compareRuns([sagemaker], { now, pricePerHour: () => null });
    expect(unknown.runs[0].cost.amount).toBeUndefined();
    expect(unknown.runs[0].cost.pricePerHour).toBeNull();
  });

  it('has nothing to say of no runs', () => {
    expect(compareRuns([], { now })).toEqual({ runs: [], differing: [], sameCount: 0, metrics: [] });
  });
});

describe('displayHyperparameter', () => {
  it.each([
    ['"adam"', 'adam'],
    ['1.0', '1.0'],
    ['5000', '5000'],
    ['true', 'true'],
    ['[1, 2]', '[1, 2]'],
    ['not json', 'not json']
  ])('shows %s as %s', (encoded, shown) => {
    expect(displayHyperparameter(encoded)).toBe(shown);
  });
});
