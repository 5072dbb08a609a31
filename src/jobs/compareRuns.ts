import { ITrainingJob, JobStatus, Target } from '../tokens';
import { IJobCost, jobCost } from './cost';

/** One run (a job) of a cell, as a column of the comparison. */
export interface IRunColumn {
  name: string;
  /** 1 for the cell's first run: "Run 3" reads better than a job name. */
  number: number;
  status: JobStatus;
  target: Target;
  creationTime: Date;
  instanceType?: string;
  instanceCount?: number;
  cost: IJobCost;
  /** The job itself, for what the view words on its own (duration, status). */
  job: ITrainingJob;
}

/** A hyperparameter whose values are not all the same; `undefined` where a run has none. */
export interface IHyperparameterRow {
  key: string;
  values: (string | undefined)[];
}

/** A final metric, one value per run (`undefined` where a run reported none). */
export interface IMetricRow {
  name: string;
  values: (number | undefined)[];
}

export interface IRunComparison {
  /** In the order of the jobs given: newest first. */
  runs: IRunColumn[];
  /** The hyperparameters that differ, by key. */
  differing: IHyperparameterRow[];
  /** How many hyperparameters every run has with the same value. */
  sameCount: number;
  metrics: IMetricRow[];
}

export interface ICompareOptions {
  /** The time to estimate a running SageMaker job's cost to. */
  now: number;
  /** The price per hour of the job's instance type; null or undefined: unknown. */
  pricePerHour?: (job: ITrainingJob) => number | null | undefined;
  /** Every run of the cell, newest first, to number the runs; defaults to `jobs`. */
  allRuns?: ReadonlyArray<ITrainingJob>;
}

/**
 * The runs of one cell side by side: what each ran on, how long and what it
 * cost, the hyperparameters that differ and the final metrics. `jobs` are
 * the runs to compare, newest first (as `jobsForCell` gives them).
 */
export function compareRuns(
  jobs: ReadonlyArray<ITrainingJob>,
  options: ICompareOptions
): IRunComparison {
  const numbers = runNumbers(options.allRuns ?? jobs);
  const runs = jobs.map(
    (job): IRunColumn => ({
      name: job.name,
      number: numbers.get(job.name) ?? 0,
      status: job.status,
      target: job.target,
      creationTime: job.creationTime,
      instanceType: job.instanceType,
      instanceCount: job.instanceCount,
      cost: jobCost(job, options.pricePerHour?.(job), new Date(options.now)),
      job
    })
  );
  const { differing, sameCount } = compareHyperparameters(jobs);
  return { runs, differing, sameCount, metrics: finalMetrics(jobs) };
}

/**
 * SageMaker's own keys (`sagemaker_program`, `sagemaker_job_name`, …)
 * differ between any two runs and say nothing about the model.
 */
export function isOwnHyperparameter(key: string): boolean {
  return !key.startsWith('sagemaker_');
}

/**
 * A hyperparameter as the user wrote it: values are JSON-encoded as the SDK
 * does, so a string loses its quotes; numbers keep their text (`1.0`).
 */
export function displayHyperparameter(encoded: string): string {
  try {
    const decoded: unknown = JSON.parse(encoded);
    return typeof decoded === 'string' ? decoded : encoded;
  } catch {
    return encoded; // not JSON: a job started elsewhere
  }
}

function compareHyperparameters(jobs: ReadonlyArray<ITrainingJob>): {
  differing: IHyperparameterRow[];
  sameCount: number;
} {
  const keys = new Set<string>();
  for (const job of jobs) {
    Object.keys(job.hyperparameters)
      .filter(isOwnHyperparameter)
      .forEach(key => keys.add(key));
  }
  const differing: IHyperparameterRow[] = [];
  let sameCount = 0;
  for (const key of [...keys].sort()) {
    const encoded = jobs.map(job =>
      Object.prototype.hasOwnProperty.call(job.hyperparameters, key)
        ? job.hyperparameters[key]
        : undefined
    );
    // A key one run lacks counts as different, even if the others agree.
    if (encoded.every(value => value !== undefined && value === encoded[0])) {
      sameCount++;
    } else {
      differing.push({
        key,
        values: encoded.map(value => (value === undefined ? undefined : displayHyperparameter(value)))
      });
    }
  }
  return { differing, sameCount };
}

function finalMetrics(jobs: ReadonlyArray<ITrainingJob>): IMetricRow[] {
  const rows = new Map<string, IMetricRow>();
  jobs.forEach((job, column) => {
    for (const metric of job.finalMetrics) {
      let row = rows.get(metric.MetricName);
      if (!row) {
        row = { name: metric.MetricName, values: jobs.map(() => undefined) };
        rows.set(metric.MetricName, row);
      }
      row.values[column] = metric.Value;
    }
  });
  return [...rows.values()];
}

/** Runs newest first, as `jobsForCell` gives them: the oldest is 1. */
function runNumbers(newestFirst: ReadonlyArray<ITrainingJob>): Map<string, number> {
  return new Map(newestFirst.map((job, i) => [job.name, newestFirst.length - i]));
}

/** How many runs the view lists, and how many it compares at first. */
export const MAX_LISTED_RUNS = 20;
export const DEFAULT_COMPARED_RUNS = 5;
