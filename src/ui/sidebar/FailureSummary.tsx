import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';
import { failureLines } from '../../jobs/failureLines';
import type { LogFollower } from '../../jobs/logs';
import { ITrainingJob } from '../../tokens';

interface IProps {
  job: ITrainingJob;
  follower: LogFollower | null;
  trans: TranslationBundle;
}

/**
 * Why the job failed: SageMaker's (or the runner's) reason, and the log
 * lines that led to it, so the cause is read without scrolling the log.
 */
export function FailureSummary({ job, follower, trans }: IProps): JSX.Element | null {
  const [, bump] = React.useReducer((n: number) => n + 1, 0);
  React.useEffect(() => {
    const onChange = () => bump();
    follower?.changed.connect(onChange);
    return () => {
      follower?.changed.disconnect(onChange);
    };
  }, [follower]);
  if (job.status !== 'Failed' && !job.failureReason) {
    return null;
  }
  const lines = job.status === 'Failed' && follower ? failureLines(follower.book.lines()) : [];
  return (
    <div className="jp-SageMakerNLP-failure" role="alert">
      {job.failureReason && (
        <div className="jp-SageMakerNLP-failureReason">{job.failureReason}</div>
      )}
      {lines.length > 0 && (
        <>
          <div className="jp-SageMakerNLP-failureLinesLabel">
            {trans.__('The last lines of its log')}
          </div>
          <pre className="jp-SageMakerNLP-failureLines">{lines.join('\n')}</pre>
        </>
      )}
    </div>
  );
}
