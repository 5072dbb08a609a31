import { FINAL_JOB_STATUSES, ITrainingJob, JobStatus } from '../tokens';

const FINAL: ReadonlySet<JobStatus> = new Set(FINAL_JOB_STATUSES);

/** Whether the job may still change: it runs, waits for a slot or stops. */
export function isActive(job: Pick<ITrainingJob, 'status'>): boolean {
  return !FINAL.has(job.status);
}

/** Newest first; the name breaks ties so the order is stable. */
export function compareNewestFirst(a: ITrainingJob, b: ITrainingJob): number {
  return (
    b.creationTime.getTime() - a.creationTime.getTime() ||
    a.name.localeCompare(b.name)
  );
}

/**
 * Whether two descriptions of a job say the same. Jobs are plain data
 * (dates serialise to ISO strings), so their JSON is a faithful key.
 */
export function sameJob(a: ITrainingJob, b: ITrainingJob): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The jobs of every list, newest first, with those of `pending` (just
 * submitted) that no list shows yet; each job that says the same as in
 * `previous` is the previous object, so views can skip what did not change.
 */
export function mergeJobs(
  lists: Iterable<ReadonlyArray<ITrainingJob>>,
  pending: Iterable<ITrainingJob>,
  previous: ReadonlyArray<ITrainingJob>
): ITrainingJob[] {
  const merged: ITrainingJob[] = [];
  const names = new Set<string>();
  for (const list of lists) {
    for (const job of list) {
      merged.push(job);
      names.add(job.name);
    }
  }
  for (const job of pending) {
    if (!names.has(job.name)) {
      merged.push(job);
    }
  }
  merged.sort(compareNewestFirst);
  const before = new Map(previous.map(job => [job.name, job]));
  return merged.map(job => {
    const old = before.get(job.name);
    return old && sameJob(old, job) ? old : job;
  });
}
