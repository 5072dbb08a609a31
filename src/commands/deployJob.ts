import { Notification } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';
import { CommandRegistry } from '@lumino/commands';
import { defaultDeployChoices, whyNotDeployable } from '../endpoints/deployChoices';
import { needsInferenceScript } from '../endpoints/deployPlan';
import type { IHfTaskProposal } from '../endpoints/hfTask';
import type { IInferenceScriptChoice } from '../endpoints/inferenceScripts';
import { errorMessage } from '../errorMessage';
import { IDeployChoices, IEndpoint, ITrainingJob, ITrainingJobsModel } from '../tokens';
import { CommandIDs } from './ids';
import { jobArgument } from './jobArgument';

export interface IDeployCommandOptions {
  jobs: ITrainingJobsModel;
  /** The endpoints model's deploy (SageMaker hosting or a local endpoint, by the job's target). */
  deploy: (job: ITrainingJob, choices: IDeployChoices) => Promise<IEndpoint>;
  /** Shows the endpoint in the Endpoints sidebar. */
  showEndpoint: (name: string) => void;
  /** The inference scripts the job could be served with (cells and files defining `model_fn`). */
  scriptsFor?: (job: ITrainingJob) => Promise<IInferenceScriptChoice[]>;
  /** The task a Hugging Face job's model config names (`EndpointsModel.proposeHfTask`). */
  proposeHfTask?: (job: ITrainingJob) => Promise<IHfTaskProposal | undefined>;
  trans: TranslationBundle;
}

/**
 * "Deploy" a completed job: a dialog for the endpoint's kind and size, then
 * the endpoint made (or nothing, and why). Disabled, with the reason, for a
 * job that cannot be deployed.
 */
export function addDeployCommand(commands: CommandRegistry, options: IDeployCommandOptions): void {
  const { jobs, trans } = options;
  commands.addCommand(CommandIDs.deployJob, {
    label: args =>
      args.name ? trans.__('Deploy %1', String(args.name)) : trans.__('Deploy the Selected Training Job'),
    caption: args => {
      const job = jobArgument(jobs, args);
      const why = job ? whyNotDeployable(job) : trans.__('Select a completed job');
      return why ?? trans.__('Serve the model of %1 from an endpoint', job!.name);
    },
    isEnabled: args => {
      const job = jobArgument(jobs, args);
      return !!job && whyNotDeployable(job) === null;
    },
    execute: async args => {
      const job = jobArgument(jobs, args);
      if (!job || whyNotDeployable(job) !== null) {
        return null;
      }
      const { askDeployChoices } = await import('../ui/endpoints/DeployForm');
      const [scripts, proposal] = await Promise.all([
        options.scriptsFor?.(job).catch(() => []) ?? [],
        proposedTask(job, options.proposeHfTask)
      ]);
      const initial = defaultDeployChoices(job, proposal);
      // PyTorch and MXNet serve only through a script: the first one found is proposed.
      if (job.target === 'sagemaker' && needsInferenceScript(job) && scripts.length > 0) {
        initial.inferenceScript = scripts[0].file;
      }
      const choices = await askDeployChoices(job, initial, scripts, trans, proposal);
      if (!choices) {
        return null;
      }
      const id = Notification.emit(trans.__('Deploying %1…', choices.endpointName), 'in-progress', {
        autoClose: false
      });
      try {
        const endpoint = await options.deploy(job, choices);
        Notification.update({
          id,
          message: trans.__('Endpoint %1 is %2.', endpoint.name, endpoint.status),
          type: 'success',
          autoClose: 5000
        });
        options.showEndpoint(endpoint.name);
        return endpoint;
      } catch (error) {
        Notification.update({
          id,
          message: trans.__('Could not deploy %1: %2', job.name, errorMessage(error)),
          type: 'error',
          autoClose: false
        });
        return null;
      }
    }
  });
  const changed = () => commands.notifyCommandChanged(CommandIDs.deployJob);
  jobs.changed.connect(changed);
  jobs.selectedChanged.connect(changed);
}

/** How long the dialog waits for the model's config before it opens with the default task. */
export const PROPOSAL_WAIT_MS = 5000;

/** The task a Hugging Face job's config.json names; undefined when it names none, fails or is slow. */
export async function proposedTask(
  job: ITrainingJob,
  propose: IDeployCommandOptions['proposeHfTask']
): Promise<IHfTaskProposal | undefined> {
  if (job.framework !== 'huggingface' || !propose) {
    return undefined;
  }
  let timer: number | undefined;
  const slow = new Promise<undefined>(resolve => {
    timer = window.setTimeout(resolve, PROPOSAL_WAIT_MS);
  });
  try {
    return await Promise.race([propose(job), slow]);
  } catch (error) {
    console.warn(`sagemaker-nlp: no task proposed for ${job.name}`, error);
    return undefined;
  } finally {
    window.clearTimeout(timer);
  }
}
