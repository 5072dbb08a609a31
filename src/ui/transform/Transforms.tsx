import { TranslationBundle } from '@jupyterlab/translation';
import { CommandRegistry } from '@lumino/commands';
import type { Message } from '@lumino/messaging';
import * as React from 'react';
import { s3ConsoleUrl, transformJobConsoleUrl } from '../../aws/consoleLink';
import { CommandIDs } from '../../commands/ids';
import { ITransformJob } from '../../tokens';
import { isRunning, TransformsModel } from '../../transform/model';
import { ShownReactWidget } from '../shownReactWidget';
import { formatDuration, formatTime, jobStatusLabel, targetLabel } from '../sidebar/format';
import { useNow, useSignals } from '../sidebar/hooks';
import { LogTail } from '../sidebar/LogTail';
import { FactList } from '../sidebar/parts';
import { useLogFollower } from '../sidebar/useLogFollower';

interface IProps {
  model: TransformsModel;
  trans: TranslationBundle;
  commands: CommandRegistry;
  visible: boolean;
}

/** The batch transforms, newest first, above the selected one's detail. */
export function Transforms(props: IProps): JSX.Element {
  const { model, trans } = props;
  useSignals([model.changed, model.selectedChanged]);
  const errors = [...model.errors.values()];
  return (
    <div className="jp-SageMakerNLP-transforms">
      {errors.map(error => (
        <div key={error} className="jp-SageMakerNLP-backendError" role="alert">
          {error}
        </div>
      ))}
      {model.transforms.length === 0 ? (
        <p className="jp-SageMakerNLP-emptyState">
          {trans.__('No batch transforms yet: run one from a completed job (Batch transform).')}
        </p>
      ) : (
        <ul className="jp-SageMakerNLP-transformList" role="listbox" aria-label={trans.__('Batch transforms')}>
          {model.transforms.map(transform => (
            <TransformRow
              key={`${transform.target}:${transform.name}`}
              transform={transform}
              selected={transform.name === model.selected}
              trans={trans}
              onSelect={() => model.select(transform.name)}
            />
          ))}
        </ul>
      )}
      {model.selectedItem && <TransformDetail {...props} transform={model.selectedItem} />}
    </div>
  );
}

function TransformRow(props: {
  transform: ITransformJob;
  selected: boolean;
  trans: TranslationBundle;
  onSelect: () => void;
}): JSX.Element {
  const { transform, trans } = props;
  return (
    <li
      className={'jp-SageMakerNLP-transformRow' + (props.selected ? ' jp-mod-selected' : '')}
      role="option"
      aria-selected={props.selected}
      tabIndex={0}
      data-transform-name={transform.name}
      data-status={transform.status}
      onClick={props.onSelect}
      onKeyDown={event => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          props.onSelect();
        }
      }}
    >
      <span className="jp-SageMakerNLP-statusDot" data-status={transform.status} aria-hidden="true" />
      <span className="jp-SageMakerNLP-transformName" title={transform.name}>
        {transform.name}
      </span>
      <span className="jp-SageMakerNLP-transformStatus">{jobStatusLabel(transform.status, trans)}</span>
      <span className="jp-SageMakerNLP-transformMeta">
        {targetLabel(transform.target, trans)} · {formatTime(transform.creationTime)}
      </span>
    </li>
  );
}

/** One transform: status, why it failed, what it read and where its answers are, its log, Stop. */
function TransformDetail(props: IProps & { transform: ITransformJob }): JSX.Element {
  const { model, trans, commands, transform, visible } = props;
  const running = isRunning(transform);
  const now = useNow(running);
  const follower = useLogFollower(model, transform);
  const from = transform.startTime ?? transform.creationTime;
  const to = transform.endTime ?? (running ? new Date(now) : undefined);
  const consoleUrl = transform.arn && transformJobConsoleUrl(transform.arn);
  const facts: [string, React.ReactNode][] = [
    [trans.__('Runs on'), targetLabel(transform.target, trans)],
    [trans.__('Training job'), transform.jobName && <JobLink name={transform.jobName} commands={commands} />],
    [trans.__('Model'), transform.modelName !== transform.jobName ? transform.modelName : undefined],
    [trans.__('Input'), transform.input],
    [trans.__('Content type'), transform.contentType],
    [trans.__('Split'), transform.splitType],
    [
      trans.__('Instances'),
      transform.instanceType && transform.target === 'sagemaker'
        ? `${transform.instanceType} × ${transform.instanceCount ?? 1}`
        : undefined
    ],
    [trans.__('Created'), formatTime(transform.creationTime)],
    [trans.__('Ended'), transform.endTime && formatTime(transform.endTime)],
    [trans.__('Duration'), to ? formatDuration(to.getTime() - from.getTime()) : undefined]
  ];
  return (
    <div
      className="jp-SageMakerNLP-transformDetail"
      data-transform-name={transform.name}
      data-status={transform.status}
    >
      <div className="jp-SageMakerNLP-detailHeader">
        <h3 className="jp-SageMakerNLP-detailName">{transform.name}</h3>
        {running && (
          <button
            type="button"
            className="jp-Button jp-mod-styled jp-mod-warn jp-SageMakerNLP-stopButton"
            disabled={!commands.isEnabled(CommandIDs.stopTransform, { name: transform.name })}
            onClick={() => void commands.execute(CommandIDs.stopTransform, { name: transform.name })}
          >
            {transform.status === 'Stopping' ? trans.__('Stopping…') : trans.__('Stop')}
          </button>
        )}
      </div>
      <div className="jp-SageMakerNLP-detailStatus">
        <span className="jp-SageMakerNLP-statusDot" data-status={transform.status} aria-hidden="true" />
        <span className="jp-SageMakerNLP-jobStatus">{jobStatusLabel(transform.status, trans)}</span>
      </div>
      {transform.failureReason && (
        <div className="jp-SageMakerNLP-failureReason" role="alert">
          {transform.failureReason}
        </div>
      )}
      <FactList facts={facts}>
        {transform.output && (
          <>
            <dt>{trans.__('Output')}</dt>
            <dd className="jp-SageMakerNLP-transformOutput">
              <Output transform={transform} commands={commands} trans={trans} />
            </dd>
          </>
        )}
      </FactList>
      {consoleUrl && (
        <a className="jp-SageMakerNLP-consoleLink" href={consoleUrl} target="_blank" rel="noopener noreferrer">
          {trans.__('Open in the AWS console')}
        </a>
      )}
      <LogTail follower={follower} active={running} trans={trans} visible={visible} />
    </div>
  );
}

/** Where the answers are: a folder to open in the file browser, or an S3 location in the console. */
function Output({
  transform,
  commands,
  trans
}: {
  transform: ITransformJob;
  commands: CommandRegistry;
  trans: TranslationBundle;
}): JSX.Element {
  const output = transform.output!;
  if (transform.target === 'local') {
    return (
      <>
        <code>{output}</code>{' '}
        {commands.hasCommand(GO_TO_PATH) && (
          <button
            type="button"
            className="jp-Button jp-mod-styled jp-mod-reject jp-SageMakerNLP-openOutput"
            onClick={() => void commands.execute(GO_TO_PATH, { path: output })}
          >
            {trans.__('Show in the file browser')}
          </button>
        )}
      </>
    );
  }
  const url = transform.arn && s3ConsoleUrl(output, transform.arn);
  return url ? (
    <a href={url} target="_blank" rel="noopener noreferrer" title={trans.__('Open in the S3 console')}>
      {output}
    </a>
  ) : (
    <code>{output}</code>
  );
}

function JobLink({ name, commands }: { name: string; commands: CommandRegistry }): JSX.Element {
  return (
    <button
      type="button"
      className="jp-SageMakerNLP-linkButton"
      onClick={() => void commands.execute(CommandIDs.openJob, { name })}
    >
      {name}
    </button>
  );
}

/** JupyterLab's file browser command that opens a folder. */
const GO_TO_PATH = 'filebrowser:go-to-path';

/** The Batch transforms section of the Training jobs sidebar; polled only while shown. */
export class TransformsView extends ShownReactWidget {
  constructor(private _options: Omit<IProps, 'visible'>) {
    super();
    this.addClass('jp-SageMakerNLP-transformsView');
    this.title.label = _options.trans.__('Batch transforms');
    // Not shown yet: the model lists once (to find running transforms), then only while one runs.
    _options.model.watched = false;
  }

  protected onAfterShow(msg: Message): void {
    super.onAfterShow(msg);
    this._options.model.watched = true;
  }

  protected onAfterHide(msg: Message): void {
    super.onAfterHide(msg);
    this._options.model.watched = false;
  }

  protected render(): JSX.Element {
    return <Transforms {...this._options} visible={this.isVisible} />;
  }
}
