import * as React from 'react';
import { MetricsFollower } from '../../jobs/metrics';
import { isActive } from '../../jobs/status';
import { ITrainingJob, ITrainingJobsModel } from '../../tokens';

/**
 * A metrics follower for each of `jobs`, kept while the job is shown: a run
 * still in progress is followed live, a finished one is read once. Renders
 * again whenever one of them read something new.
 */
export function useRunFollowers(
  model: ITrainingJobsModel,
  jobs: ReadonlyArray<ITrainingJob>,
  visible: boolean
): ReadonlyMap<string, MetricsFollower> {
  const followers = React.useRef(new Map<string, MetricsFollower>());
  const [, bump] = React.useReducer((n: number) => n + 1, 0);
  const names = jobs.map(job => job.name).join('\n');

  React.useEffect(() => {
    const wanted = new Set(jobs.map(job => job.name));
    for (const [name, follower] of followers.current) {
      if (!wanted.has(name)) {
        follower.dispose();
        followers.current.delete(name);
      }
    }
    for (const job of jobs) {
      if (!followers.current.has(job.name)) {
        const follower = new MetricsFollower({
          model,
          jobName: job.name,
          ...MetricsFollower.timingFor(job.target)
        });
        follower.changed.connect(bump);
        followers.current.set(job.name, follower);
      }
    }
    bump();
  }, [model, names]);

  // Following: only what runs and can be seen; a job that ended is read to its end.
  React.useEffect(() => {
    for (const job of jobs) {
      followers.current.get(job.name)?.follow(visible && isActive(job));
    }
  });

  React.useEffect(
    () => () => {
      followers.current.forEach(follower => follower.dispose());
      followers.current.clear();
    },
    []
  );
  return followers.current;
}
