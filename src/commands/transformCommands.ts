import { Notification } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';
import { stopIcon } from '@jupyterlab/ui-components';
import { CommandRegistry } from '@lumino/commands';
import { errorMessage } from '../errorMessage';
import { ITrainingJobsModel, ITransformJob } from '../tokens';
import { defaultTransformRequest, whyNotTransformable } from '../transform/choices';
import { isRunning, TransformsModel } from '../transform/model';
import { CommandIDs } from './ids';
import { jobArgument } from './jobArgument';

export interface ITransformCommandOptions {
  jobs: ITrainingJobsModel;
  transforms: TransformsModel;
  /** Shows the Training jobs sidebar, where transforms are listed. */
  showJobs: () => void;
  trans: TranslationBundle;
}

/**
 * Batch transform as commands: start one with a completed job's model
 * (a dialog, then the transform, or nothing and why), show one, stop one.
 */
export function addTransformCommands(commands: CommandRegistry, options: ITransformCommandOptions): void {
  const { jobs, transforms, trans } = options;
  const transformNamed = (args: { name?: unknown }): ITransformJob | undefined => {
    const name = typeof args.name === 'string' ? args.name : transforms.selected;
    return transforms.transforms.find(transform => transform.name === name);
  };
  const show = (name: string) => {
    transforms.select(name);
    options.showJobs();
  };

  commands.addCommand(CommandIDs.transformJob, {
    label: args =>
      args.name
        ? trans.__('Batch Transform with %1', String(args.name))
        : trans.__('Batch Transform with the Selected Training Job'),
    caption: args => {
      const job = jobArgument(jobs, args);
      const why = job ? whyNotTransformable(job, modelOf(args)) : trans.__('Select a completed job');
      return why ?? trans.__('Run the model of %1 over every file of a folder or S3 prefix', job!.name);
    },
    isEnabled: args => {
      const job = jobArgument(jobs, args);
      return !!job && whyNotTransformable(job, modelOf(args)) === null;
    },
    execute: async args => {
      const job = jobArgument(jobs, args);
      if (!job || whyNotTransformable(job, modelOf(args)) !== null) {
        return null;
      }
      const { askTransformRequest } = await import('../ui/transform/TransformForm');
      // From an endpoint: its model runs, none is made (SageMaker; a local one serves the job's model).
      const modelName = job.target === 'sagemaker' ? modelOf(args) : undefined;
      const initial = { ...defaultTransformRequest(job), ...(modelName && { modelName }) };
      const request = await askTransformRequest(job, initial, trans);
      if (!request) {
        return null;
      }
      const id = Notification.emit(trans.__('Starting a batch transform with %1…', job.name), 'in-progress', {
        autoClose: false
      });
      try {
        const transform = await transforms.transform(job, request);
        Notification.update({
          id,
          message: trans.__('Batch transform %1 is %2.', transform.name, transform.status),
          type: 'success',
          autoClose: 5000,
          actions: [{ label: trans.__('Show'), callback: () => show(transform.name) }]
        });
        show(transform.name);
        return transform;
      } catch (error) {
        Notification.update({
          id,
          message: trans.__('Could not start a batch transform with %1: %2', job.name, errorMessage(error)),
          type: 'error',
          autoClose: false
        });
        return null;
      }
    }
  });

  commands.addCommand(CommandIDs.openTransform, {
    label: args => trans.__('Open batch transform %1', String(args.name ?? '')),
    execute: args => {
      if (typeof args.name === 'string') {
        show(args.name);
      }
    }
  });

  commands.addCommand(CommandIDs.stopTransform, {
    label: trans.__('Stop Batch Transform'),
    caption: args => {
      const transform = transformNamed(args);
      return transform ? trans.__('Stop %1', transform.name) : trans.__('Select a batch transform in progress');
    },
    icon: stopIcon,
    isEnabled: args => transformNamed(args)?.status === 'InProgress',
    execute: async args => {
      const transform = transformNamed(args);
      if (!transform || !isRunning(transform)) {
        return false;
      }
      try {
        await transforms.stop(transform.name);
        return true;
      } catch (error) {
        Notification.error(trans.__('Could not stop %1: %2', transform.name, errorMessage(error)));
        return false;
      }
    }
  });

  const changed = () => {
    commands.notifyCommandChanged(CommandIDs.transformJob);
    commands.notifyCommandChanged(CommandIDs.stopTransform);
  };
  jobs.changed.connect(changed);
  jobs.selectedChanged.connect(changed);
  transforms.changed.connect(changed);
  transforms.selectedChanged.connect(changed);
}

function modelOf(args: { modelName?: unknown }): string | undefined {
  return typeof args.modelName === 'string' && args.modelName ? args.modelName : undefined;
}
