import { TranslationBundle } from '@jupyterlab/translation';
import React, { useState } from 'react';
import { ITrainChoices } from '../../training/choices';
import { Framework, IMetricDefinition, Target } from '../../tokens';

export interface ITrainFormProps {
  initial: ITrainChoices;
  /** Cells taken into the script, as the user sees them. */
  cells: { label: string; reason: string }[];
  script: string;
  requirements: string[];
  translations: string[];
  /** Files next to the notebook the user may add to the source directory. */
  candidateFiles: string[];
  sageMakerAvailable: boolean;
  problems: string[];
  trans: TranslationBundle;
  onChange: (choices: ITrainChoices) => void;
}

export const FRAMEWORKS: { id: Framework; label: string }[] = [
  { id: 'huggingface', label: 'Hugging Face' },
  { id: 'pytorch', label: 'PyTorch' },
  { id: 'tensorflow', label: 'TensorFlow' },
  { id: 'mxnet', label: 'MXNet' },
  { id: 'sklearn', label: 'scikit-learn' }
];

/** The Train dialog's form: every choice of a job, filled in already. */
export function TrainForm(props: ITrainFormProps): JSX.Element {
  const { trans } = props;
  const [choices, setChoices] = useState(props.initial);
  const update = (patch: Partial<ITrainChoices>) => {
    const next = { ...choices, ...patch };
    setChoices(next);
    props.onChange(next);
  };

  return (
    <div className="jp-SageMakerNLP-trainForm">
      {props.problems.length > 0 && (
        <ul className="jp-SageMakerNLP-problems" role="alert">
          {props.problems.map(p => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <fieldset className="jp-SageMakerNLP-target">
        <legend>{trans.__('Run on')}</legend>
        {(['local', 'sagemaker'] as Target[]).map(target => (
          <label key={target}>
            <input
              type="radio"
              name="target"
              value={target}
              checked={choices.target === target}
              disabled={target === 'sagemaker' && !props.sageMakerAvailable}
              onChange={() => update({ target })}
            />
            {target === 'local'
              ? trans.__('Local (this machine, no AWS)')
              : trans.__('SageMaker')}
            {target === 'sagemaker' && !props.sageMakerAvailable && (
              <span className="jp-SageMakerNLP-hint">
                {' '}
                {trans.__('(not configured on this server yet)')}
              </span>
            )}
          </label>
        ))}
      </fieldset>

      <div className="jp-SageMakerNLP-grid">
        <label>
          {trans.__('Job name')}
          <input
            name="jobBaseName"
            value={choices.jobBaseName}
            onChange={e => update({ jobBaseName: e.target.value })}
            title={trans.__(
              'A date and time are added, as the SageMaker SDK does.'
            )}
          />
        </label>
        <label>
          {trans.__('Framework')}
          <select
            name="framework"
            value={choices.framework}
            onChange={e => update({ framework: e.target.value as Framework })}
          >
            {FRAMEWORKS.map(f => (
              <option key={f.id} value={f.id}>
                {f.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          {trans.__('Framework version')}
          <input
            name="frameworkVersion"
            value={choices.frameworkVersion}
            onChange={e => update({ frameworkVersion: e.target.value })}
          />
        </label>
        <label>
          {trans.__('Python')}
          <input
            name="pyVersion"
            value={choices.pyVersion}
            onChange={e => update({ pyVersion: e.target.value })}
          />
        </label>
        <label>
          {trans.__('Instance type')}
          <input
            name="instanceType"
            value={choices.target === 'local' ? 'local' : choices.instanceType}
            disabled={choices.target === 'local'}
            onChange={e => update({ instanceType: e.target.value })}
          />
        </label>
        <label>
          {trans.__('Instance count')}
          <input
            name="instanceCount"
            type="number"
            min={1}
            value={choices.instanceCount}
            disabled={choices.target === 'local'}
            onChange={e => update({ instanceCount: Number(e.target.value) })}
          />
        </label>
      </div>

      <Section title={trans.__('Hyperparameters')}>
        {Object.keys(choices.hyperparameters).length === 0 ? (
          <p className="jp-SageMakerNLP-hint">
            {trans.__(
              'None: tag a cell "parameters" to make its values hyperparameters.'
            )}
          </p>
        ) : (
          <table className="jp-SageMakerNLP-hyperparameters">
            <tbody>
              {Object.entries(choices.hyperparameters).map(([name, value]) => (
                <tr key={name}>
                  <th scope="row">{name}</th>
                  <td>
                    <input
                      aria-label={name}
                      name={`hp-${name}`}
                      value={value}
                      onChange={e =>
                        update({
                          hyperparameters: {
                            ...choices.hyperparameters,
                            [name]: e.target.value
                          }
                        })
                      }
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Section>

      <Section title={trans.__('Input channels')}>
        <ChannelsEditor
          channels={choices.channels}
          placeholder={
            choices.target === 'local'
              ? trans.__('folder, relative to the Jupyter root')
              : trans.__('s3://bucket/prefix')
          }
          trans={trans}
          onChange={channels => update({ channels })}
        />
      </Section>

      <Section title={trans.__('Metric definitions')}>
        <MetricsEditor
          metrics={choices.metricDefinitions}
          trans={trans}
          onChange={metricDefinitions => update({ metricDefinitions })}
        />
      </Section>

      {props.candidateFiles.length > 0 && (
        <Section title={trans.__('Files next to the notebook')}>
          {props.candidateFiles.map(path => (
            <label key={path} className="jp-SageMakerNLP-fileChoice">
              <input
                type="checkbox"
                checked={choices.extraFiles.includes(path)}
                onChange={e =>
                  update({
                    extraFiles: e.target.checked
                      ? [...choices.extraFiles, path]
                      : choices.extraFiles.filter(f => f !== path)
                  })
                }
              />
              {path}
            </label>
          ))}
        </Section>
      )}

      <Section
        title={trans.__('Script (%1 cells)', String(props.cells.length))}
        collapsed
      >
        <ul className="jp-SageMakerNLP-cells">
          {props.cells.map(cell => (
            <li key={cell.label}>
              {cell.label}: {cell.reason}
            </li>
          ))}
        </ul>
        {props.translations.length > 0 && (
          <ul className="jp-SageMakerNLP-translations">
            {props.translations.map(t => (
              <li key={t}>{t}</li>
            ))}
          </ul>
        )}
        {props.requirements.length > 0 && (
          <p>
            requirements.txt: <code>{props.requirements.join(' ')}</code>
          </p>
        )}
        <pre className="jp-SageMakerNLP-script" aria-label="train.py">
          {props.script}
        </pre>
      </Section>

      <label className="jp-SageMakerNLP-remember">
        <input
          type="checkbox"
          name="skipDialog"
          checked={choices.skipDialog}
          onChange={e => update({ skipDialog: e.target.checked })}
        />
        {trans.__(
          "Don't ask again for this cell (submit with these choices next time)"
        )}
      </label>
    </div>
  );
}

function Section(props: {
  title: string;
  collapsed?: boolean;
  children: React.ReactNode;
}): JSX.Element {
  return (
    <details className="jp-SageMakerNLP-section" open={!props.collapsed}>
      <summary>{props.title}</summary>
      {props.children}
    </details>
  );
}

function ChannelsEditor(props: {
  channels: Record<string, string>;
  placeholder: string;
  trans: TranslationBundle;
  onChange: (channels: Record<string, string>) => void;
}): JSX.Element {
  const rows = Object.entries(props.channels);
  const write = (next: [string, string][]) =>
    props.onChange(Object.fromEntries(next));
  return (
    <div className="jp-SageMakerNLP-rows">
      {rows.map(([name, folder], i) => (
        <div key={i} className="jp-SageMakerNLP-row">
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
      ))}
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

function MetricsEditor(props: {
  metrics: IMetricDefinition[];
  trans: TranslationBundle;
  onChange: (metrics: IMetricDefinition[]) => void;
}): JSX.Element {
  const { metrics } = props;
  const set = (i: number, patch: Partial<IMetricDefinition>) =>
    props.onChange(metrics.map((m, j) => (j === i ? { ...m, ...patch } : m)));
  return (
    <div className="jp-SageMakerNLP-rows">
      {metrics.map((metric, i) => (
        <div key={i} className="jp-SageMakerNLP-row">
          <input
            aria-label={props.trans.__('Metric name')}
            value={metric.Name}
            onChange={e => set(i, { Name: e.target.value })}
          />
          <input
            aria-label={props.trans.__('Metric %1 regex', metric.Name)}
            className="jp-SageMakerNLP-regex"
            value={metric.Regex}
            onChange={e => set(i, { Regex: e.target.value })}
          />
          <button
            type="button"
            className="jp-mod-styled"
            onClick={() => props.onChange(metrics.filter((_, j) => j !== i))}
          >
            {props.trans.__('Remove')}
          </button>
        </div>
      ))}
      <button
        type="button"
        className="jp-mod-styled"
        onClick={() => props.onChange([...metrics, { Name: '', Regex: '' }])}
      >
        {props.trans.__('Add metric')}
      </button>
    </div>
  );
}
