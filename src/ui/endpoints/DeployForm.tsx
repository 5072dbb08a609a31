import { Dialog, ReactWidget, showDialog } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';
import { checkDeployChoices, HF_TASKS } from '../../endpoints/deployChoices';
import { SERVERLESS_MEMORY } from '../../endpoints/deployPlan';
import type { IInferenceScriptChoice } from '../../endpoints/inferenceScripts';
import { IDeployChoices, ITrainingJob } from '../../tokens';
import { NumberField, Select, TextField } from '../dialog/fields';

interface IFormProps {
  job: ITrainingJob;
  /** Cells and files that define `model_fn`, to serve the model with. */
  scripts: IInferenceScriptChoice[];
  initial: IDeployChoices;
  problems: string[];
  trans: TranslationBundle;
  onChange: (choices: IDeployChoices) => void;
}

/** Where and how a job's model is served: real-time instances, serverless, or locally. */
export function DeployForm({ job, scripts, initial, problems, trans, onChange }: IFormProps): JSX.Element {
  const [choices, setChoices] = React.useState(initial);
  const change = (update: Partial<IDeployChoices>) => {
    const next = { ...choices, ...update };
    setChoices(next);
    onChange(next);
  };
  const local = job.target === 'local';
  return (
    <div className="jp-SageMakerNLP-trainForm jp-SageMakerNLP-deployForm">
      {problems.length > 0 && (
        <ul className="jp-SageMakerNLP-problems" role="alert">
          {problems.map(problem => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
      <p className="jp-SageMakerNLP-note">
        {local
          ? trans.__('The model of %1 is served by this Jupyter server, without AWS.', job.name)
          : trans.__('The model of %1 (%2) on SageMaker hosting.', job.name, job.modelArtifact ?? '')}
      </p>
      <TextField
        label={trans.__('Endpoint name')}
        name="endpointName"
        value={choices.endpointName}
        onChange={endpointName => change({ endpointName })}
      />
      {!local && (
        <Select
          label={trans.__('Kind')}
          name="mode"
          value={choices.mode}
          options={['realtime', 'serverless']}
          labels={[trans.__('Real-time (instances)'), trans.__('Serverless')]}
          onChange={mode => change({ mode: mode as IDeployChoices['mode'] })}
        />
      )}
      {!local && choices.mode === 'realtime' && (
        <>
          <TextField
            label={trans.__('Instance type')}
            name="instanceType"
            value={choices.instanceType ?? ''}
            onChange={instanceType => change({ instanceType })}
          />
          <NumberField
            label={trans.__('Instance count')}
            name="instanceCount"
            value={choices.instanceCount ?? 1}
            onChange={instanceCount => change({ instanceCount })}
          />
        </>
      )}
      {!local && choices.mode === 'serverless' && (
        <>
          <Select
            label={trans.__('Memory (MB)')}
            name="memorySizeInMB"
            value={String(choices.memorySizeInMB ?? 2048)}
            options={SERVERLESS_MEMORY.map(String)}
            onChange={memory => change({ memorySizeInMB: Number(memory) })}
          />
          <NumberField
            label={trans.__('Max concurrency')}
            name="maxConcurrency"
            value={choices.maxConcurrency ?? 5}
            onChange={maxConcurrency => change({ maxConcurrency })}
          />
        </>
      )}
      {scripts.length > 0 && (
        <Select
          label={trans.__('Inference script (model_fn …)')}
          name="inferenceScript"
          value={String(scripts.findIndex(script => script.file === choices.inferenceScript))}
          options={['-1', ...scripts.map((_, i) => String(i))]}
          labels={[trans.__('None: the toolkit defaults'), ...scripts.map(script => script.label)]}
          onChange={index => change({ inferenceScript: scripts[Number(index)]?.file })}
        />
      )}
      {job.framework === 'huggingface' && (
        <Select
          label={trans.__('Task (HF_TASK)')}
          name="hfTask"
          value={choices.hfTask ?? 'text-classification'}
          options={HF_TASKS}
          onChange={hfTask => change({ hfTask })}
        />
      )}
    </div>
  );
}

class DeployFormWidget extends ReactWidget implements Dialog.IBodyWidget<IDeployChoices> {
  constructor(private _props: Omit<IFormProps, 'onChange'>) {
    super();
    this._choices = _props.initial;
    this.addClass('jp-SageMakerNLP-trainDialogBody');
  }

  getValue(): IDeployChoices {
    return this._choices;
  }

  render(): JSX.Element {
    return <DeployForm {...this._props} onChange={choices => (this._choices = choices)} />;
  }

  private _choices: IDeployChoices;
}

/** Asks how to deploy; bad choices bring the dialog back with the problems named. Null: cancelled. */
export async function askDeployChoices(
  job: ITrainingJob,
  initial: IDeployChoices,
  scripts: IInferenceScriptChoice[],
  trans: TranslationBundle
): Promise<IDeployChoices | null> {
  let choices = initial;
  let problems: string[] = [];
  for (;;) {
    const result = await showDialog({
      title: trans.__('Deploy %1', job.name),
      body: new DeployFormWidget({ job, scripts, initial: choices, problems, trans }),
      buttons: [
        Dialog.cancelButton({ label: trans.__('Cancel') }),
        Dialog.okButton({ label: trans.__('Deploy') })
      ],
      focusNodeSelector: 'input[name="endpointName"]'
    });
    if (!result.button.accept || !result.value) {
      return null;
    }
    choices = result.value;
    problems = checkDeployChoices(job, choices);
    if (problems.length === 0) {
      return choices;
    }
  }
}
