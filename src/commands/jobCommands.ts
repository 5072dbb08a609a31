import { Notification } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';
import { refreshIcon, stopIcon } from '@jupyterlab/ui-components';
import { CommandRegistry } from '@lumino/commands';
import { errorMessage } from '../errorMessage';
import { ITrainingJobsModel } from '../tokens';
import { CommandIDs } from './ids';
import { jobArgument } from './jobArgument';

/**
 * Stop and Refresh as commands: in the palette, on the sidebar's toolbar,
 * behind the Stop button of a job. `stop-job` takes `{name}`, else the
 * selected job.
 */
export function addJobCommands(
  commands: CommandRegistry,
  jobs: ITrainingJobsModel,
  trans: TranslationBundle
): void {
  const jobNamed = (args: { name?: unknown }) => jobArgument(jobs, args);
  commands.addCommand(CommandIDs.stopJob, {
    label: trans.__('Stop Training Job'),
    caption: args => {
      const job = jobNamed(args);
      return job ? trans.__('Stop %1', job.name) : trans.__('Select a job in progress');
    },
    icon: stopIcon,
    isEnabled: args => jobNamed(args)?.status === 'InProgress',
    execute: async args => {
      const job = jobNamed(args);
      if (!job) {
        return false;
      }
      try {
        await jobs.stop(job.name);
        return true;
      } catch (error) {
        console.error(`jupyterlab-sagemaker-nlp: stopping ${job.name} failed`, error);
        Notification.error(
          trans.__('Could not stop %1: %2', job.name, errorMessage(error))
        );
        return false;
      }
    }
  });
  commands.addCommand(CommandIDs.refreshJobs, {
    label: trans.__('Refresh Training Jobs'),
    caption: trans.__('Refresh the training jobs'),
    icon: refreshIcon,
    execute: () => jobs.refresh()
  });
  // Stop's enabled state follows the selected job and its status.
  const changed = () => commands.notifyCommandChanged(CommandIDs.stopJob);
  jobs.changed.connect(changed);
  jobs.selectedChanged.connect(changed);
}
