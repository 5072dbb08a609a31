import { formatCost, jobCost, maxJobCost } from '../cost';
import { makeJob } from './fakes';

const sagemaker = (overrides: Parameters<typeof makeJob>[0]) =>
  makeJob({ target: 'sagemaker', instanceType: 'ml.g5.xlarge', ...overrides });

describe('jobCost', () => {
  it('bills billable seconds × instance count × price per hour', () => {
    const job = sagemaker({
      name: 'a',
      instanceCount: 2,
      trainingTimeInSeconds: 1800,
      billableTimeInSeconds: 1800
    });
    expect(jobCost(job, 1.408)).toEqual({
      pricePerHour: 1.408,
      instanceSeconds: 3600,
      billableInstanceSeconds: 3600,
      amount: 1.408
    });
  });

  it('gives spot savings as SageMaker does: (1 − billable / training) × 100', () => {
    const job = sagemaker({
      name: 'a',
      spot: true,
      instanceCount: 1,
      trainingTimeInSeconds: 1000,
      billableTimeInSeconds: 300
    });
    const cost = jobCost(job, 3.6);
    expect(cost.spotSavingsPercent).toBeCloseTo(70);
    expect(cost.amount).toBeCloseTo(0.3);
  });

  it('has no amount, only the times, when the price is unknown', () => {
    const job = sagemaker({
      name: 'a',
      instanceCount: 3,
      trainingTimeInSeconds: 100,
      billableTimeInSeconds: 100
    });
    const cost = jobCost(job, null);
    expect(cost.amount).toBeUndefined();
    expect(cost.pricePerHour).toBeNull();
    expect(cost.billableInstanceSeconds).toBe(300);
  });

  it('estimates a running job from elapsed time × count × price', () => {
    const job = sagemaker({
      name: 'a',
      status: 'InProgress',
      instanceCount: 4,
      startTime: new Date('2026-11-27T10:00:00Z')
    });
    const cost = jobCost(job, 1, new Date('2026-11-27T10:30:00Z'));
    expect(cost.amount).toBeCloseTo(2);
    expect(cost.estimate).toBe(true);
    expect(jobCost(job, 1).amount).toBeUndefined();
  });

  it('costs nothing for a local job, price or not', () => {
    expect(jobCost(makeJob({ name: 'l', trainingTimeInSeconds: 50 }), undefined)).toEqual({
      amount: 0
    });
  });
});

describe('maxJobCost', () => {
  it('is price × count × max runtime, null without a price', () => {
    expect(maxJobCost(0.23, 2, 86400)).toBeCloseTo(11.04);
    expect(maxJobCost(null, 2, 86400)).toBeNull();
    expect(maxJobCost(undefined, 1, 3600)).toBeNull();
  });
});

describe('formatCost', () => {
  it('formats dollars, keeping sub-cent amounts visible', () => {
    expect(formatCost(11.04, 'USD', 'en-US')).toBe('$11.04');
    expect(formatCost(0, 'USD', 'en-US')).toBe('$0.00');
    expect(formatCost(0.0042, 'USD', 'en-US')).toBe('$0.0042');
    expect(formatCost(1234.5, 'EUR', 'de-DE')).toBe('1.234,50\u00a0€');
  });
});
