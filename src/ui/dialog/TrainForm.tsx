import { TranslationBundle } from '@jupyterlab/translation';
import React, { useState } from 'react';
import { fitToCatalog } from '../../training/catalogFit';
import { IAwsTarget } from '../../training/checkChoices';
import { ITrainChoices } from '../../training/choices';
import type { IFileNeedFound } from '../../notebook/fileNeeds';
import type { IModelSave } from '../../script';
import { MODEL_DIR_PATH } from '../../script/types';
import { Framework, Target } from '../../tokens';
import { ChannelsEditor } from './ChannelsEditor';
import { Problems } from './askUntilValid';
import { TextField } from './fields';
import { MetricsEditor } from './MetricsEditor';
import type { IPriceLookup } from '../../aws/prices';
import { SageMakerFields } from './SageMakerFields';

export interface ITrainFormProps {
  initial: ITrainChoices;
  /** Cells taken into the script, as the user sees them. */
  cells: { label: string; reason: string }[];
  script: string;
  requirements: string[];
  translations: string[];
  /** What may go wrong when the script runs, e.g. a name no cell defines. */
  warnings: string[];
  /** Files the script reads that no cell writes, found beside the notebook. */
  fileNeeds: IFileNeedFound[];
  /** Where the script saves its model. */
  modelSaves: IModelSave[];
  /** How a spot job resumes from its checkpoints, when the script has an output_dir. */
  spotResumeNote?: string | null;
  /** Files next to the notebook the user may add to the source directory. */
  candidateFiles: string[];
  /** Null while SageMaker is not set up; its problems say why. */
  awsSetup: IAwsTarget | null;
  awsProblems: string[];
  problems: string[];
  trans: TranslationBundle;
  onChange: (choices: ITrainChoices) => void;
  /** Instance prices, for the maximum cost of a SageMaker job. */
  prices?: IPriceLookup | null;
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
    let next = { ...choices, ...patch };
    if (next.target === 'sagemaker' && props.awsSetup) {
      next = fitToCatalog(next, props.awsSetup.region);
    }
    setChoices(next);
    props.onChange(next);
  };
  const copied = props.modelSaves.filter(save => save.path !== MODEL_DIR_PATH);
  const toggleFile = (path: string, on: boolean) =>
    update({
      extraFiles: on
        ? [...new Set([...choices.extraFiles, path])]
        : choices.extraFiles.filter(f => f !== path)
    });

  return (
    <div className="jp-SageMakerNLP-trainForm">
      <Problems problems={props.problems} />
      <fieldset className="jp-SageMakerNLP-target">
        <legend>{trans.__('Run on')}</legend>
        {(['local', 'sagemaker'] as Target[]).map(target => (
          <label key={target}>
            <input
              type="radio"
              name="target"
              value={target}
              checked={choices.target === target}
              disabled={target === 'sagemaker' && !props.awsSetup}
              onChange={() => update({ target })}
            />
            {target === 'local'
              ? trans.__('Local (this machine, no AWS)')
              : trans.__('SageMaker')}
            {target === 'sagemaker' && !props.awsSetup && (
              <span className="jp-SageMakerNLP-hint">
                {' '}
                {trans.__('(not set up)')}
              </span>
            )}
          </label>
        ))}
      </fieldset>
      {!props.awsSetup && (
        <NoteList
          className="jp-SageMakerNLP-awsProblems"
          title={trans.__('SageMaker is not set up on this server:')}
          notes={props.awsProblems}
        />
      )}

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
        {choices.target === 'local' && (
          <>
            <TextField
              label={trans.__('Framework version')}
              name="frameworkVersion"
              value={choices.frameworkVersion}
              onChange={frameworkVersion => update({ frameworkVersion })}
            />
            <TextField
              label={trans.__('Python')}
              name="pyVersion"
              value={choices.pyVersion}
              onChange={pyVersion => update({ pyVersion })}
            />
          </>
        )}
      </div>
      {choices.target === 'sagemaker' && props.awsSetup && (
        <SageMakerFields
          choices={choices}
          setup={props.awsSetup}
          trans={trans}
          update={update}
          prices={props.prices}
        />
      )}

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

      {choices.target === 'local' && (
        <Section title={trans.__('Input channels')}>
          <ChannelsEditor
            channels={choices.channels}
            placeholder={trans.__('folder, relative to the Jupyter root')}
            trans={trans}
            onChange={channels => update({ channels })}
          />
        </Section>
      )}

      <Section title={trans.__('Metric definitions')}>
        <MetricsEditor
          metrics={choices.metricDefinitions}
          trans={trans}
          onChange={metricDefinitions => update({ metricDefinitions })}
        />
      </Section>

      {props.fileNeeds.length > 0 && (
        <Section title={trans.__('Files the script reads')}>
          {props.fileNeeds.map(need => (
            <label key={need.found!} className="jp-SageMakerNLP-fileChoice">
              <input
                type="checkbox"
                name={`need-${need.found}`}
                checked={choices.extraFiles.includes(need.found!)}
                onChange={e => toggleFile(need.found!, e.target.checked)}
              />
              {need.kind === 'directory'
                ? trans.__(
                    'Ship folder %1 with the job (cell %2 line %3 reads it; a big folder is better as an input channel)',
                    need.path,
                    String(need.cellIndex + 1),
                    String(need.line)
                  )
                : trans.__(
                    'Ship %1 with the job (cell %2 line %3 reads it; no cell writes it)',
                    need.path,
                    String(need.cellIndex + 1),
                    String(need.line)
                  )}
            </label>
          ))}
        </Section>
      )}

      {props.modelSaves.length > 0 && (
        <div className="jp-SageMakerNLP-notes jp-SageMakerNLP-modelSaves">
          {copied.length > 0
            ? trans.__(
                'The model will be saved from %1 and kept: it is copied into SM_MODEL_DIR (the job\'s model artifact) when training ends.',
                copied.map(save => `\`${save.path}\``).join(', ')
              )
            : trans.__('The model is saved into SM_MODEL_DIR: it becomes the job\'s model artifact.')}
          {choices.target === 'sagemaker' && choices.sagemaker.useSpot && props.spotResumeNote && (
            <p className="jp-SageMakerNLP-spotResume">{props.spotResumeNote}</p>
          )}
          <ul>
            {props.modelSaves.map(save => (
              <li key={`${save.path}-${save.cellIndex}-${save.line}`}>
                {trans.__('cell %1 line %2: %3', String(save.cellIndex + 1), String(save.line), save.how)}
              </li>
            ))}
          </ul>
        </div>
      )}

      {props.candidateFiles.length > 0 && (
        <Section title={trans.__('Files next to the notebook')}>
          {props.candidateFiles.map(path => (
            <label key={path} className="jp-SageMakerNLP-fileChoice">
              <input
                type="checkbox"
                checked={choices.extraFiles.includes(path)}
                onChange={e => toggleFile(path, e.target.checked)}
              />
              {path}
            </label>
          ))}
        </Section>
      )}

      <NoteList
        className="jp-SageMakerNLP-warnings"
        title={trans.__('The script may not run as it is:')}
        notes={props.warnings}
      />
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

/** A titled list, one line per note; nothing when there is none. */
function NoteList(props: {
  className: string;
  title: string;
  notes: string[];
}): JSX.Element | null {
  if (props.notes.length === 0) {
    return null;
  }
  return (
    <div className={`jp-SageMakerNLP-notes ${props.className}`}>
      {props.title}
      <ul>
        {props.notes.map(note => (
          <li key={note}>{note}</li>
        ))}
      </ul>
    </div>
  );
}
