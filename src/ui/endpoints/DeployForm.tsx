import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';
import { checkDeployChoices, DEFAULT_HF_TASK, HF_TASKS } from '../../endpoints/deployChoices';
import type { IHfTaskProposal } from '../../endpoints/hfTask';
import { SERVERLESS_MEMORY } from '../../endpoints/deployPlan';
import type { IInferenceScriptChoice } from '../../endpoints/inferenceScripts';
import { IDeployChoices, ITrainingJob } from '../../tokens';
import { askUntilValid, Problems, useFormValue } from '../dialog/askUntilValid';
import { NumberField, Select, TextField } from '../dialog/fields';

interface IFormProps {
  job: ITrainingJob;
  /** Cells and files that define `model_fn`, to serve the model with. */
  scripts: IInferenceScriptChoice[];
  initial: IDeployChoices;
  /** The task the model's config.json names, when it names one. */
  proposal?: IHfTaskProposal;
  problems: string[];
  trans: TranslationBundle;
  onChange: (choices: IDeployChoices) => void;
}

/** Where and how a job's model is served: real-time instances, serverless, or locally. */
export function DeployForm({ job, scripts, initial, proposal, problems, trans, onChange }: IFormProps): JSX.Element {
  const [choices, change] = useFormValue(initial, onChange);
  const local = job.target === 'local';
  return (
    <div className="jp-SageMakerNLP-trainForm jp-SageMakerNLP-deployForm">
      <Problems problems={problems} />
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
        <>
          <Select
            label={trans.__('Task (HF_TASK)')}
            name="hfTask"
            value={choices.hfTask ?? DEFAULT_HF_TASK}
            options={HF_TASKS}
            onChange={hfTask => change({ hfTask })}
          />
          <p className="jp-SageMakerNLP-note jp-SageMakerNLP-hfTaskSource">
            {proposal
              ? trans.__('from config.json: %1', proposal.architecture)
              : trans.__(
                  'The model’s config.json names no known task: pick the one the model was trained for.'
                )}
          </p>
        </>
      )}
    </div>
  );
}

/** Asks how to deploy; bad choices bring the dialog back with the problems named. Null: cancelled. */
export function askDeployChoices(
  job: ITrainingJob,
  initial: IDeployChoices,
  scripts: IInferenceScriptChoice[],
  trans: TranslationBundle,
  proposal?: IHfTaskProposal
): Promise<IDeployChoices | null> {
  return askUntilValid({
    title: trans.__('Deploy %1', job.name),
    form: props => <DeployForm {...props} job={job} scripts={scripts} proposal={proposal} trans={trans} />,
    initial,
    check: choices => checkDeployChoices(job, choices),
    accept: trans.__('Deploy'),
    focus: 'input[name="endpointName"]',
    trans
  });
}
