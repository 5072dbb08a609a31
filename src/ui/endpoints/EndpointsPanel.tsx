import { ITranslator, TranslationBundle } from '@jupyterlab/translation';
import { CommandToolbarButton, ReactWidget, SidePanel } from '@jupyterlab/ui-components';
import { CommandRegistry } from '@lumino/commands';
import { Message } from '@lumino/messaging';
import * as React from 'react';
import { CommandIDs } from '../../commands/ids';
import { EndpointsModel } from '../../endpoints/model';
import { IEndpoint } from '../../tokens';
import { sageMakerNLPIcon } from '../icons';
import { formatTime, targetLabel } from '../sidebar/format';
import { useSignals } from '../sidebar/hooks';
import { Autoscaling } from './Autoscaling';
import { EndpointCharts } from './EndpointCharts';
import { capacityLabel, endpointStatusLabel, modelNames, variantLabel } from './format';
import { Resize } from './Resize';
import { TryIt } from './TryIt';

interface IProps {
  model: EndpointsModel;
  trans: TranslationBundle;
  commands: CommandRegistry;
}

/** One row per endpoint, newest first; a click or Enter selects it. */
export function EndpointList({ model, trans }: IProps): JSX.Element {
  useSignals([model.changed, model.selectedChanged]);
  const errors = [...model.errors.values()];
  return (
    <div className="jp-SageMakerNLP-endpointList">
      {errors.map(error => (
        <div key={error} className="jp-SageMakerNLP-endpointError" role="alert">
          {error}
        </div>
      ))}
      {model.endpoints.length === 0 ? (
        <p className="jp-SageMakerNLP-endpointEmpty">
          {trans.__('No endpoints yet: deploy a completed training job to create one.')}
        </p>
      ) : (
        <ul role="listbox" aria-label={trans.__('Endpoints')}>
          {model.endpoints.map(endpoint => (
            <EndpointRow
              key={`${endpoint.target}:${endpoint.name}`}
              endpoint={endpoint}
              selected={endpoint.name === model.selected}
              trans={trans}
              onSelect={() => model.select(endpoint.name)}
            />
          ))}
        </ul>
      )}
    </div>
  );
}

function EndpointRow(props: {
  endpoint: IEndpoint;
  selected: boolean;
  trans: TranslationBundle;
  onSelect: () => void;
}): JSX.Element {
  const { endpoint, trans } = props;
  const meta = [capacityLabel(endpoint, trans), endpoint.jobName ? trans.__('from %1', endpoint.jobName) : '']
    .filter(Boolean)
    .join(' · ');
  return (
    <li
      className={'jp-SageMakerNLP-endpointRow' + (props.selected ? ' jp-mod-selected' : '')}
      role="option"
      aria-selected={props.selected}
      tabIndex={0}
      data-endpoint-name={endpoint.name}
      data-status={endpoint.status}
      onClick={props.onSelect}
      onKeyDown={event => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          props.onSelect();
        }
      }}
    >
      <span className="jp-SageMakerNLP-endpointDot" data-status={endpoint.status} aria-hidden="true" />
      <span className="jp-SageMakerNLP-endpointName" title={endpoint.name}>
        {endpoint.name}
      </span>
      <span className="jp-SageMakerNLP-endpointStatus">{endpointStatusLabel(endpoint.status, trans)}</span>
      <span className="jp-SageMakerNLP-endpointMeta">{meta}</span>
    </li>
  );
}

/** The selected endpoint: variants, failure reason, times, Delete. */
export function EndpointDetail({ model, trans, commands }: IProps): JSX.Element {
  useSignals([model.changed, model.selectedChanged]);
  const endpoint = model.selectedEndpoint;
  if (!endpoint) {
    return (
      <p className="jp-SageMakerNLP-endpointEmpty">{trans.__('Select an endpoint to see its details.')}</p>
    );
  }
  const models = modelNames(endpoint);
  const canDelete = commands.isEnabled(CommandIDs.deleteEndpoint, { name: endpoint.name });
  const scaling = model.scalingOf(endpoint.name);
  // Its batch transform runs the model it serves, when it serves one.
  const transformArgs = { name: endpoint.jobName ?? '', ...(models.length === 1 && { modelName: models[0] }) };
  return (
    <div className="jp-SageMakerNLP-endpointDetail" data-endpoint-name={endpoint.name}>
      <h3>
        <span className="jp-SageMakerNLP-endpointDot" data-status={endpoint.status} aria-hidden="true" />{' '}
        {endpoint.name}
      </h3>
      {endpoint.failureReason && (
        <div className="jp-SageMakerNLP-endpointFailure" role="alert">
          {endpoint.failureReason}
        </div>
      )}
      <dl>
        <dt>{trans.__('Status')}</dt>
        <dd className="jp-SageMakerNLP-endpointDetailStatus">{endpointStatusLabel(endpoint.status, trans)}</dd>
        <dt>{trans.__('Runs on')}</dt>
        <dd>{targetLabel(endpoint.target, trans)}</dd>
        {endpoint.jobName && (
          <>
            <dt>{trans.__('Training job')}</dt>
            <dd>{endpoint.jobName}</dd>
          </>
        )}
        {endpoint.configName && (
          <>
            <dt>{trans.__('Config')}</dt>
            <dd>{endpoint.configName}</dd>
          </>
        )}
        {models.length > 0 && (
          <>
            <dt>{trans.__('Model')}</dt>
            <dd>{models.join(', ')}</dd>
          </>
        )}
        <dt>{trans.__('Created')}</dt>
        <dd>{formatTime(endpoint.creationTime)}</dd>
        {endpoint.lastModifiedTime && (
          <>
            <dt>{trans.__('Modified')}</dt>
            <dd>{formatTime(endpoint.lastModifiedTime)}</dd>
          </>
        )}
      </dl>
      {endpoint.variants.length > 0 && (
        <table className="jp-SageMakerNLP-endpointVariants">
          <thead>
            <tr>
              <th>{trans.__('Variant')}</th>
              <th>{trans.__('Capacity')}</th>
            </tr>
          </thead>
          <tbody>
            {endpoint.variants.map(variant => (
              <tr key={variant.name}>
                <td>{variant.name}</td>
                <td>
                  {variantLabel(variant, trans)}
                  {variant.serverless &&
                    ' ' + trans.__('(max concurrency %1)', variant.serverless.maxConcurrency)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <TryIt endpoint={endpoint} invoke={(name, body, type) => model.invoke(name, body, type)} trans={trans} />
      <div className="jp-SageMakerNLP-jobActions">
        <button
          type="button"
          className="jp-Button jp-mod-styled jp-mod-reject"
          disabled={!commands.isEnabled(CommandIDs.insertEndpointSnippet, { name: endpoint.name })}
          title={commands.caption(CommandIDs.insertEndpointSnippet, { name: endpoint.name })}
          onClick={() => void commands.execute(CommandIDs.insertEndpointSnippet, { name: endpoint.name })}
        >
          {trans.__('Call it from the notebook')}
        </button>
        {endpoint.jobName && commands.hasCommand(CommandIDs.transformJob) && (
          <button
            type="button"
            className="jp-Button jp-mod-styled jp-mod-reject jp-SageMakerNLP-transformButton"
            disabled={!commands.isEnabled(CommandIDs.transformJob, transformArgs)}
            title={commands.caption(CommandIDs.transformJob, transformArgs)}
            onClick={() => void commands.execute(CommandIDs.transformJob, transformArgs)}
          >
            {trans.__('Batch transform')}
          </button>
        )}
      </div>
      <EndpointCharts model={model} endpoint={endpoint} trans={trans} />
      {scaling && <Autoscaling endpoint={endpoint} actions={scaling} trans={trans} />}
      <Resize key={endpoint.name} endpoint={endpoint} resize={(name, size) => model.resize(name, size)} trans={trans} />
      <button
        className="jp-mod-styled jp-mod-warn jp-SageMakerNLP-endpointDelete"
        disabled={!canDelete}
        onClick={() => void commands.execute(CommandIDs.deleteEndpoint, { name: endpoint.name })}
      >
        {trans.__('Delete')}
      </button>
    </div>
  );
}

class ListView extends ReactWidget {
  constructor(private _props: IProps) {
    super();
    this.addClass('jp-SageMakerNLP-endpointListView');
    this.title.label = _props.trans.__('Endpoints');
  }
  render(): JSX.Element {
    return <EndpointList {...this._props} />;
  }
}

class DetailView extends ReactWidget {
  constructor(private _props: IProps) {
    super();
    this.addClass('jp-SageMakerNLP-endpointDetailView');
    this.title.label = _props.trans.__('Endpoint');
  }
  render(): JSX.Element {
    return <EndpointDetail {...this._props} />;
  }
}

/**
 * The Endpoints sidebar: the list above the selected endpoint's detail.
 * The model polls only while this panel is shown.
 */
export class EndpointsPanel extends SidePanel {
  constructor(options: EndpointsPanel.IOptions) {
    super({ translator: options.translator });
    const { model, commands } = options;
    const trans = options.translator.load('jupyterlab_sagemaker_nlp');
    this._model = model;
    this._model.watched = false;
    this.id = EndpointsPanel.ID;
    this.addClass('jp-SageMakerNLP-endpointsPanel');
    this.title.icon = sageMakerNLPIcon;
    this.title.caption = trans.__('Endpoints');
    for (const [name, id] of [
      ['refresh', CommandIDs.refreshEndpoints],
      ['delete', CommandIDs.deleteEndpoint]
    ]) {
      if (commands.hasCommand(id)) {
        const caption = commands.label(id);
        this.toolbar.addItem(name, new CommandToolbarButton({ commands, id, label: '', caption }));
      }
    }
    this.addWidget(new ListView({ model, trans, commands }));
    this.addWidget(new DetailView({ model, trans, commands }));
  }

  protected onAfterShow(msg: Message): void {
    super.onAfterShow(msg);
    this._model.watched = true;
  }

  protected onAfterHide(msg: Message): void {
    super.onAfterHide(msg);
    this._model.watched = false;
  }

  private _model: EndpointsModel;
}

export namespace EndpointsPanel {
  export const ID = 'sagemaker-nlp-endpoints';

  export interface IOptions {
    model: EndpointsModel;
    translator: ITranslator;
    /** Where `refresh-endpoints` and `delete-endpoint` are. */
    commands: CommandRegistry;
  }
}
