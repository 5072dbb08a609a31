import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';
import { MAX_MATCHES } from './rows';

interface IProps {
  trans: TranslationBundle;
  hosts: ReadonlyArray<string>;
  /** The host whose log is shown; null for every host's, merged. */
  host: string | null;
  onHost: (host: string | null) => void;
  query: string;
  onQuery: (query: string) => void;
  matchCount: number;
  /** The index of the hit shown, -1 for none. */
  current: number;
  onStep: (step: 1 | -1) => void;
  /** Undefined when there is nothing to pause (the job has ended). */
  paused?: boolean;
  onPause: (paused: boolean) => void;
  onDownload: () => void;
}

/** Host tabs, search, pause and download above the log. */
export function LogToolbar(props: IProps): JSX.Element {
  const { trans, hosts, host, query, matchCount, current } = props;
  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      props.onStep(event.shiftKey ? -1 : 1);
    } else if (event.key === 'Escape') {
      props.onQuery('');
    }
  };
  return (
    <div className="jp-SageMakerNLP-logToolbar">
      {hosts.length > 1 && (
        <div className="jp-SageMakerNLP-logHosts" role="tablist" aria-label={trans.__('Hosts')}>
          {[null, ...hosts].map(tab => (
            <button
              key={tab ?? ''}
              type="button"
              role="tab"
              aria-selected={tab === host}
              className="jp-SageMakerNLP-logHostTab"
              onClick={() => props.onHost(tab)}
            >
              {tab ?? trans.__('All hosts')}
            </button>
          ))}
        </div>
      )}
      <div className="jp-SageMakerNLP-logActions">
        <input
          type="search"
          className="jp-SageMakerNLP-logSearch"
          placeholder={trans.__('Search the log')}
          aria-label={trans.__('Search the log')}
          value={query}
          onChange={event => props.onQuery(event.target.value)}
          onKeyDown={onKeyDown}
        />
        {query && (
          <span className="jp-SageMakerNLP-logMatchCount" aria-live="polite">
            {matchCount === 0
              ? trans.__('No match')
              : trans.__(
                  '%1 of %2',
                  current + 1,
                  matchCount >= MAX_MATCHES ? `${MAX_MATCHES}+` : matchCount
                )}
          </span>
        )}
        <button
          type="button"
          className="jp-SageMakerNLP-logButton"
          title={trans.__('Previous match (Shift+Enter)')}
          aria-label={trans.__('Previous match')}
          disabled={matchCount === 0}
          onClick={() => props.onStep(-1)}
        >
          ↑
        </button>
        <button
          type="button"
          className="jp-SageMakerNLP-logButton"
          title={trans.__('Next match (Enter)')}
          aria-label={trans.__('Next match')}
          disabled={matchCount === 0}
          onClick={() => props.onStep(1)}
        >
          ↓
        </button>
        {props.paused !== undefined && (
          <button
            type="button"
            className="jp-SageMakerNLP-logButton jp-SageMakerNLP-logPause"
            aria-pressed={props.paused}
            onClick={() => props.onPause(!props.paused)}
          >
            {props.paused ? trans.__('Resume') : trans.__('Pause')}
          </button>
        )}
        <button
          type="button"
          className="jp-SageMakerNLP-logButton jp-SageMakerNLP-logDownload"
          title={trans.__('Download what is loaded as a .log file')}
          onClick={props.onDownload}
        >
          {trans.__('Download')}
        </button>
      </div>
    </div>
  );
}
