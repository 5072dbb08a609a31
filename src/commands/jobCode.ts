import { JupyterFrontEnd } from '@jupyterlab/application';
import { IEditorServices } from '@jupyterlab/codeeditor';
import { IEditorLanguageRegistry } from '@jupyterlab/codemirror';
import { INotebookTracker } from '@jupyterlab/notebook';
import { TranslationBundle } from '@jupyterlab/translation';
import { ITrainingJob, ITrainingJobsModel } from '../tokens';
import { showError } from '../ui/notify';
import { errorMessage } from '../errorMessage';
import { CommandIDs } from './ids';
import { jobArgument } from './jobArgument';

/**
 * "The code it ran" and "Compare with the cell now": the job's files in a
 * read-only editor, and a diff against the script its cell builds now.
 * Args `{ name }`; from the palette, the job selected in the sidebar.
 */
export function addJobCodeCommands(
  app: JupyterFrontEnd,
  jobs: ITrainingJobsModel,
  notebooks: INotebookTracker,
  trans: TranslationBundle
): void {
  const jobOf = (args: { name?: unknown }) => jobArgument(jobs, args);
  const readable = (args: { name?: unknown }) => !!jobOf(args) && !!jobs.sourceFiles;

  /** The job's files, or null after saying why they cannot be read. */
  const filesOf = async (job: ITrainingJob) => {
    try {
      return await jobs.sourceFiles!(job.name);
    } catch (error) {
      await showError(
        trans,
        trans.__('Cannot read the code job %1 ran', job.name),
        errorMessage(error)
      );
      return null;
    }
  };
  /** The main-area tab of this id, if open. */
  const openTab = (id: string) => Array.from(app.shell.widgets('main')).find(w => w.id === id);

  app.commands.addCommand(CommandIDs.showJobCode, {
    label: args =>
      args.name
        ? trans.__('The code %1 ran', String(args.name))
        : trans.__('Show the Code the Selected Training Job Ran'),
    caption: trans.__('Open the files the job ran, read only'),
    isEnabled: readable,
    execute: async args => {
      const job = jobOf(args);
      if (!job) {
        return;
      }
      // One tab per job: what a job ran never changes.
      const open = openTab(`sagemaker-nlp-code-${job.name}`);
      if (open) {
        app.shell.activateById(open.id);
        return;
      }
      const files = await filesOf(job);
      if (!files) {
        return;
      }
      const editors = await app.resolveRequiredService(IEditorServices);
      const { jobCodeView } = await import('../ui/code/JobCodeView');
      const widget = jobCodeView(job.name, files, editors, trans);
      app.shell.add(widget, 'main');
      app.shell.activateById(widget.id);
    }
  });

  app.commands.addCommand(CommandIDs.diffJobCode, {
    label: args =>
      args.name
        ? trans.__('Compare %1 with the cell now', String(args.name))
        : trans.__('Compare the Selected Training Job with Its Cell Now'),
    caption: trans.__("Diff the code the job ran against what its cell builds now"),
    isEnabled: readable,
    execute: async args => {
      const job = jobOf(args);
      if (!job) {
        return;
      }
      const files = await filesOf(job);
      if (!files) {
        return;
      }
      const [{ filesOfTheCellNow }, { compareFiles }, { diffView }, languages] =
        await Promise.all([
          import('../ui/code/cellNow'),
          import('../ui/code/compare'),
          import(/* webpackChunkName: "sagemaker-code-diff" */ '../ui/code/DiffView'),
          app.resolveOptionalService(IEditorLanguageRegistry)
        ]);
      const now = await filesOfTheCellNow(job, notebooks, app.serviceManager.contents, trans);
      const content =
        'problem' in now
          ? { compared: [], notCompared: [], problem: now.problem }
          : compareFiles(files, now.files);
      // Closed and made again: the cell may have changed since the last look.
      openTab(`sagemaker-nlp-code-diff-${job.name}`)?.dispose();
      const widget = await diffView(job.name, content, languages, trans);
      app.shell.add(widget, 'main');
      app.shell.activateById(widget.id);
    }
  });
}
