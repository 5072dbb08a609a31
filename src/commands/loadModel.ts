import { JupyterFrontEnd } from '@jupyterlab/application';
import { Notification } from '@jupyterlab/apputils';
import { INotebookTracker, NotebookActions, NotebookPanel } from '@jupyterlab/notebook';
import { TranslationBundle } from '@jupyterlab/translation';
import { loadModelCode, whyNoModel } from '../notebook/loadModelCode';
import { ITrainingJob, ITrainingJobsModel } from '../tokens';
import { CommandIDs } from './ids';
import { jobArgument } from './jobArgument';

/**
 * "Load the model in the notebook": a new cell, below the cell that trained
 * the job (in its notebook when that is open, else the current one), with
 * the code that fetches the job's model and opens it.
 */
export function addLoadModelCommand(
  app: JupyterFrontEnd,
  jobs: ITrainingJobsModel,
  notebooks: INotebookTracker,
  trans: TranslationBundle
): void {
  const jobNamed = (args: { name?: unknown }) => jobArgument(jobs, args);
  app.commands.addCommand(CommandIDs.loadModel, {
    label: trans.__('Load the Model in the Notebook'),
    caption: args => {
      const job = jobNamed(args);
      if (!job) {
        return trans.__('Select a completed job');
      }
      const why = whyNoModel(job);
      return why ? trans.__(why) : trans.__('Insert a cell that fetches and opens the model of %1', job.name);
    },
    isEnabled: args => {
      const job = jobNamed(args);
      return job !== undefined && whyNoModel(job) === null;
    },
    execute: async args => {
      const job = jobNamed(args);
      if (!job || whyNoModel(job) !== null) {
        return false;
      }
      const panel = await notebookFor(app, notebooks, job);
      if (!panel) {
        Notification.warning(trans.__('Open a notebook to load the model of %1 into.', job.name));
        return false;
      }
      insertBelowTrainingCell(panel, job, loadModelCode(job));
      Notification.success(
        trans.__('A cell that loads the model of %1 is in %2: run it.', job.name, panel.context.path),
        { autoClose: 5000 }
      );
      return true;
    }
  });
  const changed = () => app.commands.notifyCommandChanged(CommandIDs.loadModel);
  jobs.changed.connect(changed);
  jobs.selectedChanged.connect(changed);
}

/** The job's own notebook (opened if needed and it exists), else the current one. */
async function notebookFor(
  app: JupyterFrontEnd,
  notebooks: INotebookTracker,
  job: ITrainingJob
): Promise<NotebookPanel | null> {
  const path = job.notebookPath;
  if (path) {
    const open = notebooks.find(panel => panel.context.path === path);
    if (open) {
      return open;
    }
    try {
      await app.serviceManager.contents.get(path, { content: false });
      const opened = await app.commands.execute('docmanager:open', { path });
      if (opened instanceof NotebookPanel) {
        await opened.context.ready;
        return opened;
      }
    } catch {
      // Moved or deleted since the job ran: use the current notebook.
    }
  }
  return notebooks.currentWidget;
}

function insertBelowTrainingCell(panel: NotebookPanel, job: ITrainingJob, code: string): void {
  const notebook = panel.content;
  const index = notebook.widgets.findIndex(cell => cell.model.id === job.cellId);
  if (index >= 0) {
    notebook.activeCellIndex = index;
  }
  NotebookActions.insertBelow(notebook);
  NotebookActions.changeCellType(notebook, 'code');
  notebook.activeCell?.model.sharedModel.setSource(code);
  void panel.context.ready.then(() => panel.activate());
}
