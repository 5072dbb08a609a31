import { Framework, ITrainingJob, JobStatus } from '../../tokens';

/** What the list is narrowed to; empty strings mean "any". */
export interface IJobFilter {
  /** Part of the job name, any case. */
  text: string;
  status: JobStatus | '';
  framework: Framework | '';
}

export const NO_FILTER: IJobFilter = { text: '', status: '', framework: '' };

/** The jobs that match every part of the filter, in their order. */
export function filterJobs(
  jobs: ReadonlyArray<ITrainingJob>,
  filter: IJobFilter
): ReadonlyArray<ITrainingJob> {
  const text = filter.text.trim().toLowerCase();
  if (!text && !filter.status && !filter.framework) {
    return jobs;
  }
  return jobs.filter(
    job =>
      (!text || job.name.toLowerCase().includes(text)) &&
      (!filter.status || job.status === filter.status) &&
      (!filter.framework || job.framework === filter.framework)
  );
}

/** The frameworks of the jobs, for the framework filter's choices. */
export function frameworksOf(jobs: ReadonlyArray<ITrainingJob>): Framework[] {
  const found = new Set<Framework>();
  for (const job of jobs) {
    if (job.framework) {
      found.add(job.framework);
    }
  }
  return [...found].sort();
}
