import type { ITrainingJob } from '../tokens';

/**
 * What a training job costs, from the times SageMaker reports and the price
 * per hour of its instance type. Pure: the price and the time come in as
 * arguments; a price of null means "unknown", never a guess.
 */

export interface IJobCost {
  /** Training seconds × instance count. */
  instanceSeconds?: number;
  /** Billable seconds × instance count (less than training with spot). */
  billableInstanceSeconds?: number;
  /** SageMaker's figure: (1 − billable / training) × 100. */
  spotSavingsPercent?: number;
  /** USD per instance-hour; null when the price is unknown. */
  pricePerHour?: number | null;
  /** USD; missing when the price or the times are unknown. */
  amount?: number;
  /** True when `amount` is elapsed time × price of a job still running. */
  estimate?: boolean;
}

/**
 * The cost of `job`: billable seconds × instance count × price / 3600 once
 * SageMaker reports billable time; while it runs (given `now`), elapsed
 * time since its start × count × price, as an estimate. Local jobs are free.
 */
export function jobCost(
  job: ITrainingJob,
  pricePerHour: number | null | undefined,
  now?: Date
): IJobCost {
  if (job.target === 'local') {
    return { amount: 0 };
  }
  const count = job.instanceCount ?? 1;
  const cost: IJobCost = { pricePerHour: pricePerHour ?? null };
  const training = job.trainingTimeInSeconds;
  const billable = job.billableTimeInSeconds;
  if (training !== undefined) {
    cost.instanceSeconds = training * count;
  }
  if (billable !== undefined) {
    cost.billableInstanceSeconds = billable * count;
  }
  if (job.spot && training && billable !== undefined) {
    cost.spotSavingsPercent = (1 - billable / training) * 100;
  }
  if (typeof pricePerHour !== 'number') {
    return cost;
  }
  if (billable !== undefined) {
    cost.amount = ((billable * count) / 3600) * pricePerHour;
  } else if (now && job.status === 'InProgress' && job.startTime) {
    const elapsed = Math.max(0, (now.getTime() - job.startTime.getTime()) / 1000);
    cost.amount = ((elapsed * count) / 3600) * pricePerHour;
    cost.estimate = true;
  }
  return cost;
}

/**
 * The most a job can cost: price × count × max runtime. With spot it is the
 * on-demand ceiling, since spot bills at most the on-demand price. Null when
 * the price is unknown.
 */
export function maxJobCost(
  pricePerHour: number | null | undefined,
  instanceCount: number,
  maxRuntimeSeconds: number
): number | null {
  if (typeof pricePerHour !== 'number') {
    return null;
  }
  return ((instanceCount * maxRuntimeSeconds) / 3600) * pricePerHour;
}

/** `$1.23`; amounts under a cent keep enough digits to not read as zero. */
export function formatCost(
  amount: number,
  currency = 'USD',
  locale?: string
): string {
  const small = amount > 0 && amount < 0.01;
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    minimumFractionDigits: 2,
    maximumFractionDigits: small ? 4 : 2
  }).format(amount);
}
