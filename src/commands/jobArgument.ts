import { ITrainingJob, ITrainingJobsModel } from '../tokens';

/**
 * The job a command is about: its `name` argument, else the job selected in
 * the sidebar (so the command works from the palette too).
 */
export function jobArgument(
  jobs: ITrainingJobsModel,
  args: { name?: unknown }
): ITrainingJob | undefined {
  const name = typeof args.name === 'string' ? args.name : jobs.selected;
  return jobs.jobs.find(job => job.name === name);
}
