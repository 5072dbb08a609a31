import { Notification } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';
import { CommandRegistry } from '@lumino/commands';
import { defaultDeployChoices, whyNotDeployable } from '../endpoints/deployChoices';
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
      const scripts = (await options.scriptsFor?.(job).catch(() => [])) ?? [];
      const choices = await askDeployChoices(job, defaultDeployChoices(job), scripts, trans);
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
