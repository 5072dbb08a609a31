import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';
import { LogFollower } from '../../jobs/logs';
import { isActive } from '../../jobs/status';
import { ITrainingJob, ITrainingJobsModel } from '../../tokens';
import { useSignals } from './hooks';

interface IProps {
  model: ITrainingJobsModel;
  job: ITrainingJob;
  trans: TranslationBundle;
  /** Whether anyone can see the log; hidden, it is not followed. */
  visible?: boolean;
}

/**
 * The end of the job's log, following it while the job runs. It scrolls
 * down with new lines only if the reader was already at the bottom.
 */
export function LogTail({
  model,
  job,
  trans,
  visible = true
}: IProps): JSX.Element {
  const [follower, setFollower] = React.useState<LogFollower | null>(null);
  const pre = React.useRef<HTMLPreElement>(null);
  const atBottom = React.useRef(true);

  React.useEffect(() => {
    const created = new LogFollower({ model, jobName: job.name });
    atBottom.current = true;
    setFollower(created);
    return () => created.dispose();
  }, [model, job.name]);

  const following = visible && isActive(job);
  React.useEffect(() => {
    follower?.follow(following);
  }, [follower, following]);

  return follower ? (
    <LogLines follower={follower} pre={pre} atBottom={atBottom} trans={trans} />
  ) : (
    <pre className="jp-SageMakerNLP-logTail" />
  );
}

interface ILinesProps {
  follower: LogFollower;
  pre: React.RefObject<HTMLPreElement>;
  atBottom: React.MutableRefObject<boolean>;
  trans: TranslationBundle;
}

function LogLines({ follower, pre, atBottom, trans }: ILinesProps): JSX.Element {
  useSignals([follower.changed]);
  const events = follower.events;

  React.useLayoutEffect(() => {
    const node = pre.current;
    if (node && atBottom.current) {
      node.scrollTop = node.scrollHeight;
    }
  });

  const onScroll = () => {
    const node = pre.current;
    if (node) {
      atBottom.current =
        node.scrollTop + node.clientHeight >= node.scrollHeight - 8;
    }
  };
  const text = events.map(event => event.message.replace(/\r?\n$/, '')).join('\n');
  return (
    <div className="jp-SageMakerNLP-logSection">
      {follower.truncated && (
        <div className="jp-SageMakerNLP-note">
          {trans.__('Showing the last %1 lines.', events.length)}
        </div>
      )}
      {follower.error && (
        <div className="jp-SageMakerNLP-error" role="alert">
          {trans.__('Could not read the log: %1', follower.error)}
        </div>
      )}
      <pre
        ref={pre}
        className="jp-SageMakerNLP-logTail"
        role="log"
        aria-live="off"
        aria-label={trans.__('Training log')}
        tabIndex={0}
        onScroll={onScroll}
      >
        {events.length > 0 ? text : trans.__('No log lines yet.')}
      </pre>
    </div>
  );
}
