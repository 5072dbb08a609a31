import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';
import type { LogFollower } from '../../../jobs/logs';
import { useSignals } from '../hooks';
import { downloadText, logFileText } from './download';
import { LogToolbar } from './LogToolbar';
import { IGeometry, LogWindow } from './LogWindow';
import { findMatches } from './rows';

interface IProps {
  follower: LogFollower;
  trans: TranslationBundle;
  /** Whether the job still runs, so more lines may come. */
  active: boolean;
  paused: boolean;
  onPause: (paused: boolean) => void;
  geometry?: IGeometry;
}

const NO_HOSTS: string[] = [];

/** One job's log: a tab per host and all hosts merged, search, pause, download. */
export function LogView(props: IProps): JSX.Element {
  const { follower, trans, active, paused } = props;
  useSignals([follower.changed]);
  const [host, setHost] = React.useState<string | null>(null);
  const [query, setQuery] = React.useState('');
  const [current, setCurrent] = React.useState(-1);

  const book = follower.book;
  const hosts = book.hosts;
  const lines = book.lines(host ?? undefined);
  const version = book.lastSeq;
  const matches = React.useMemo(
    () => findMatches(lines, query),
    [lines, version, query]
  );
  const shownCurrent = matches.length === 0 ? -1 : Math.min(Math.max(current, 0), matches.length - 1);

  const onQuery = (next: string) => {
    setQuery(next);
    setCurrent(0);
  };
  const onStep = (step: 1 | -1) => {
    if (matches.length > 0) {
      setCurrent((shownCurrent + step + matches.length) % matches.length);
    }
  };
  const onDownload = () => {
    const name = `${follower.jobName}${host ? `-${host}` : ''}.log`;
    downloadText(name, logFileText(lines, host === null && hosts.length > 1));
  };

  let empty = trans.__('No log lines yet.');
  if (follower.waiting) {
    empty = active
      ? trans.__('Waiting for the instances to start logging…')
      : trans.__('This job wrote no log.');
  }
  return (
    <div className="jp-SageMakerNLP-logSection">
      <LogToolbar
        trans={trans}
        hosts={hosts}
        host={host}
        onHost={setHost}
        query={query}
        onQuery={onQuery}
        matchCount={matches.length}
        current={shownCurrent}
        onStep={onStep}
        paused={active ? paused : undefined}
        onPause={props.onPause}
        onDownload={onDownload}
      />
      {follower.truncated && (
        <div className="jp-SageMakerNLP-note">
          {trans.__('Showing the last %1 lines.', book.lines().length)}
        </div>
      )}
      {follower.error && (
        <div className="jp-SageMakerNLP-error" role="alert">
          {trans.__('Could not read the log: %1', follower.error)}
        </div>
      )}
      <LogWindow
        lines={lines}
        version={version}
        hosts={host === null && hosts.length > 1 ? hosts : NO_HOSTS}
        matches={matches}
        current={query ? shownCurrent : -1}
        follow={!paused}
        label={trans.__('Training log')}
        empty={empty}
        geometry={props.geometry}
      />
    </div>
  );
}
