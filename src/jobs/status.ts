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
