import * as React from 'react';
import { LogFollower } from '../../jobs/logs';
import { Target } from '../../tokens';

/**
 * The selected job's log follower (a training job's, or a transform's),
 * shared by the log view and the failure summary so the log is read once;
 * disposed when another job is selected.
 */
export function useLogFollower(
  model: LogFollower.IOptions['model'],
  job: { name: string; target: Target } | undefined
): LogFollower | null {
  const [follower, setFollower] = React.useState<LogFollower | null>(null);
  const name = job?.name;
  const target = job?.target;
  React.useEffect(() => {
    if (name === undefined) {
      setFollower(null);
      return;
    }
    const created = new LogFollower({
      model,
      jobName: name,
      // Only CloudWatch's DescribeLogStreams has a quota to spare.
      listInterval: target === 'local' ? 0 : LogFollower.LIST_INTERVAL
    });
    setFollower(created);
    return () => created.dispose();
  }, [model, name, target]);
  // Until the effect has run for a newly selected job, the old follower is not its.
  return follower?.jobName === name ? follower : null;
}
