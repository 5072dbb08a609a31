import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';
import { LogFollower } from '../../jobs/logs';
import { LogView } from './log/LogView';

interface IProps {
  /** From `useLogFollower`; null until it is made. */
  follower: LogFollower | null;
  /** Whether the job still runs, so more lines may come. */
  active: boolean;
  trans: TranslationBundle;
  /** Whether anyone can see the log; hidden, it is not followed. */
  visible?: boolean;
}

/**
 * A job's log, every host's, followed while the job runs and the log is
 * in view and not paused; then read once more up to its end.
 */
export function LogTail({ follower, active, trans, visible = true }: IProps): JSX.Element {
  const [paused, setPaused] = React.useState(false);
  React.useEffect(() => setPaused(false), [follower]);

  const following = visible && active && !paused;
  React.useEffect(() => {
    follower?.follow(following);
  }, [follower, following]);

  // A job that ended while its log was hidden gets its last read when shown.
  const endedUnseen = React.useRef(false);
  React.useEffect(() => {
    if (!active && !visible) {
      endedUnseen.current = true;
    } else if (visible && endedUnseen.current && follower) {
      endedUnseen.current = false;
      void follower.read();
    }
  }, [follower, visible, active]);

  return follower ? (
    <LogView
      key={follower.jobName}
      follower={follower}
      trans={trans}
      active={active}
      paused={paused}
      onPause={setPaused}
    />
  ) : (
    <div className="jp-SageMakerNLP-logSection">
      <div className="jp-SageMakerNLP-logTail" />
    </div>
  );
}
