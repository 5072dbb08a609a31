import {
  ILayoutRestorer,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette, Notification } from '@jupyterlab/apputils';
import { INotebookTracker } from '@jupyterlab/notebook';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { LocalBackend } from './backends/local';
import { LazySageMakerBackend } from './backends/sagemakerLazy';
import { JobsModel } from './jobs/model';
import { whyNotTrainable } from './notebookCells';
import { PLUGIN_ID, readSettings } from './settings';
import { checkServer } from './serverCheck';
import { IJobsModel } from './tokens';
import { CellBadges } from './ui/cellBadges';
import { sageMakerNLPIcon } from './ui/icons';
import { JobsPanel } from './ui/sidebar';

export * from './tokens';

const CommandIDs = {
  trainCell: 'sagemaker-nlp:train-cell',
  openJobs: 'sagemaker-nlp:open-jobs'
};

/** Every job of every backend, polled in one place. */
const jobsPlugin: JupyterFrontEndPlugin<IJobsModel> = {
  id: 'jupyterlab-sagemaker-nlp:jobs',
  description: 'The training jobs model.',
  autoStart: true,
  provides: IJobsModel,
  optional: [ITranslator],
  activate: (_: JupyterFrontEnd, translator: ITranslator | null) => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_sagemaker_nlp');
    const sagemaker = new LazySageMakerBackend();
    sagemaker.throttled.connect(() =>
      Notification.info(trans.__('AWS is throttling requests; retrying…'), {
        autoClose: 3000
      })
    );
    return new JobsModel({ backends: [new LocalBackend(), sagemaker] });
  }
};

/** Train this cell: command, toolbar button (from settings), sidebar, badges. */
const trainPlugin: JupyterFrontEndPlugin<void> = {
  id: PLUGIN_ID,
  description: 'Train a notebook cell locally or on SageMaker.',
  autoStart: true,
  requires: [IJobsModel, INotebookTracker, ISettingRegistry],
  optional: [ITranslator, ILayoutRestorer, ICommandPalette],
  activate: async (
    app: JupyterFrontEnd,
    jobs: IJobsModel,
    notebooks: INotebookTracker,
    settingRegistry: ISettingRegistry,
    translator: ITranslator | null,
    restorer: ILayoutRestorer | null,
    palette: ICommandPalette | null
  ) => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_sagemaker_nlp');
    const settings = await settingRegistry.load(PLUGIN_ID);

    const panel = new JobsPanel({ model: jobs, translator: translator ?? nullTranslator });
    app.shell.add(panel, 'right', { rank: 600 });
    restorer?.add(panel, panel.id);
    const showJobs = () => app.shell.activateById(panel.id);

    app.commands.addCommand(CommandIDs.trainCell, {
      label: trans.__('Train this cell'),
      caption: () =>
        whyNotTrainable(notebooks.currentWidget) ??
        trans.__('Build a training script from this cell and run it as a job'),
      icon: sageMakerNLPIcon,
      isEnabled: () => whyNotTrainable(notebooks.currentWidget) === null,
      execute: async () => {
        const notebook = notebooks.currentWidget;
        if (!notebook) {
          return;
        }
        const { trainActiveCell } = await import('./trainCell');
        await trainActiveCell({
          panel: notebook,
          jobs,
          contents: app.serviceManager.contents,
          settings: readSettings(settings),
          trans,
          showJobs
        });
      }
    });
    app.commands.addCommand(CommandIDs.openJobs, {
      label: trans.__('Show Training Jobs'),
      execute: showJobs
    });
    palette?.addItem({ command: CommandIDs.trainCell, category: trans.__('SageMaker') });
    palette?.addItem({ command: CommandIDs.openJobs, category: trans.__('SageMaker') });

    // The toolbar button's enabled state follows the active cell.
    const refreshCommand = () => app.commands.notifyCommandChanged(CommandIDs.trainCell);
    notebooks.activeCellChanged.connect(refreshCommand);
    notebooks.currentChanged.connect(refreshCommand);

    const badges = new CellBadges(jobs, trans, name => {
      jobs.select(name);
      showJobs();
    });
    notebooks.widgetAdded.connect((_, notebook) => badges.track(notebook));
    notebooks.forEach(notebook => badges.track(notebook));

    void app.restored.then(() => checkServer(trans, settings));
  }
};

export default [jobsPlugin, trainPlugin];
