import { TranslationBundle } from '@jupyterlab/translation';
import React from 'react';

/** Channel name → folder (Local) or S3 URI or folder (SageMaker) rows. */
export function ChannelsEditor(props: {
  channels: Record<string, string>;
  placeholder: string;
  trans: TranslationBundle;
  onChange: (channels: Record<string, string>) => void;
  /** A line under a row, e.g. where its folder will be uploaded. */
  describe?: (name: string, location: string) => string | null;
}): JSX.Element {
  const rows = Object.entries(props.channels);
  const write = (next: [string, string][]) =>
    props.onChange(Object.fromEntries(next));
  return (
    <div className="jp-SageMakerNLP-rows">
      {rows.map(([name, folder], i) => {
        const hint = props.describe?.(name, folder);
        return (
          <React.Fragment key={i}>
            <div className="jp-SageMakerNLP-row">
              <input
                aria-label={props.trans.__('Channel name')}
                value={name}
                onChange={e =>
                  write(rows.map((r, j) => (j === i ? [e.target.value, r[1]] : r)))
                }
              />
              <input
                aria-label={props.trans.__('Channel %1 location', name)}
                name={`channel-${name}`}
                placeholder={props.placeholder}
                value={folder}
                onChange={e =>
                  write(rows.map((r, j) => (j === i ? [r[0], e.target.value] : r)))
                }
              />
              <button
                type="button"
                className="jp-mod-styled"
                onClick={() => write(rows.filter((_, j) => j !== i))}
              >
                {props.trans.__('Remove')}
              </button>
            </div>
            {hint && (
              <p className="jp-SageMakerNLP-hint" data-channel={name}>
                {hint}
              </p>
            )}
          </React.Fragment>
        );
      })}
      <button
        type="button"
        className="jp-mod-styled"
        onClick={() => write([...rows, [`channel${rows.length + 1}`, '']])}
      >
        {props.trans.__('Add channel')}
      </button>
    </div>
  );
}
