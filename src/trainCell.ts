import { Dialog, Notification, showDialog } from '@jupyterlab/apputils';
import { PathExt } from '@jupyterlab/coreutils';
import { NotebookPanel } from '@jupyterlab/notebook';
import { Contents } from '@jupyterlab/services';
import { TranslationBundle } from '@jupyterlab/translation';
import { ensureBucket, loadAwsSetup } from './awsSetup';
import { kernelLanguage, kernelName, notebookCells } from './notebookCells';
import type { ITrainingScript } from './script';
import { ITrainSettings } from './settings';
import { IJobsModel } from './tokens';
import { fitToCatalog } from './training/catalogFit';
import { checkChoices } from './training/checkChoices';
import {
  CELL_METADATA_KEY,
  ITrainChoices,
  specFromChoices
} from './training/choices';
import { defaultChoices } from './training/defaultChoices';
import { makeJobName } from './training/jobName';
import { askTrainChoices } from './ui/dialog/trainDialog';

export interface ITrainCellContext {
  panel: NotebookPanel;
  jobs: IJobsModel;
  contents: Contents.IManager;
  settings: ITrainSettings;
  trans: TranslationBundle;
  showJobs: () => void;
}

/**
 * "Train this cell": script from the active cell, choices from the dialog
 * (or the cell's memory), then a job. Every stop on the way tells the user
 * what to do; nothing is submitted half-made.
 */
export async function trainActiveCell(ctx: ITrainCellContext): Promise<void> {
  const { panel, trans } = ctx;
  const cell = panel.content.activeCell;
  const notebook = panel.content.model;
  if (!cell || !notebook) {
    return;
  }
  const language = kernelLanguage(panel);
  if (language && language.toLowerCase() !== 'python') {
    await showError(
      trans,
      trans.__('Not a Python notebook'),
      trans.__(
        'This notebook\'s kernel runs %1. "Train this cell" builds a Python training script: switch the notebook to a Python kernel.',
        language
      )
    );
    return;
  }

  const { buildTrainingScript, ScriptError } = await import('./script');
  let script: ITrainingScript;
  const index = panel.content.activeCellIndex;
  try {
    script = buildTrainingScript(notebookCells(notebook), index);
  } catch (error) {
    if (error instanceof ScriptError) {
      await showScriptError(ctx, error.message, error.cellIndex);
      return;
    }
    throw error;
  }

  const notebookPath = panel.context.path;
  const saved = cell.model.getMetadata(CELL_METADATA_KEY) as
    | Partial<ITrainChoices>
    | undefined;
  // A remembered Local job needs nothing from AWS: don't ask the server.
  const needsAws = !(saved?.skipDialog && saved.target === 'local');
  const [candidateFiles, aws] = await Promise.all([
    filesNextTo(ctx.contents, notebookPath),
    needsAws
      ? loadAwsSetup()
      : { target: null, problems: [], bucketMissing: false }
  ]);
  let initial = defaultChoices(
    {
      ...script,
      localModules: importedLocalFiles(script.script, candidateFiles)
    },
    ctx.settings,
    notebookPath,
    saved
  );
  if (!aws.target) {
    initial.target = 'local';
  }
  initial = fitToCatalog(initial, aws.target?.region ?? 'us-east-1');
  const check = (choices: ITrainChoices) =>
    checkChoices(choices, aws.target, (t, ...a) => trans.__(t, ...a));

  const rememberedIsValid = initial.skipDialog && check(initial).length === 0;
  const choices = rememberedIsValid
    ? initial
    : await askTrainChoices(
        {
          cells: script.cells.map(c => ({
            label: trans.__('Cell %1', String(c.index + 1)),
            reason: c.reason
          })),
          script: script.script,
          requirements: script.requirements,
          translations: script.translations,
          candidateFiles,
          awsSetup: aws.target,
          awsProblems: aws.problems,
          trans
        },
        initial,
        check
      );
  if (!choices) {
    return;
  }
  if (choices.target === 'sagemaker' && !(await ensureBucket(aws, trans))) {
    return;
  }
  cell.model.setMetadata(CELL_METADATA_KEY, { ...choices });

  const spec = specFromChoices(choices, {
    jobName: makeJobName(choices.jobBaseName),
    entryPoint: script.entryPoint,
    script: script.script,
    requirements: script.requirements,
    extraFileContents: await readFiles(
      ctx.contents,
      choices.extraFiles,
      PathExt.dirname(notebookPath)
    ),
    notebookPath,
    cellId: cell.model.id,
    kernelName: kernelName(panel),
    aws: aws.target ?? undefined
  });
  try {
    await ctx.jobs.submit(spec);
  } catch (error) {
    // A toast cuts long text, and the fix is at the end: "Show" has it all.
    const title = trans.__('Could not start %1', spec.jobName);
    const message = messageOf(error);
    Notification.error(`${title}: ${message}`, {
      autoClose: false,
      actions: [
        {
          label: trans.__('Show'),
          callback: () => void showError(trans, title, message)
        }
      ]
    });
    return;
  }
  ctx.showJobs();
  Notification.success(trans.__('Started %1', spec.jobName), {
    autoClose: 4000
  });
}

async function showScriptError(
  ctx: ITrainCellContext,
  message: string,
  cellIndex: number
): Promise<void> {
  const { trans, panel } = ctx;
  const result = await showError(
    trans,
    trans.__('The training script cannot be built'),
    message,
    trans.__('Go to cell %1', String(cellIndex + 1))
  );
  if (result && cellIndex >= 0) {
    panel.content.activeCellIndex = cellIndex;
    panel.content.scrollToItem(cellIndex).catch(console.error);
  }
}

/** An error dialog; true when the user took the optional action. */
async function showError(
  trans: TranslationBundle,
  title: string,
  message: string,
  action?: string
): Promise<boolean> {
  const buttons = [Dialog.okButton({ label: trans.__('OK') })];
  if (action) {
    buttons.unshift(Dialog.createButton({ label: action }));
  }
  const result = await showDialog({ title, body: message, buttons });
  return !!action && result.button.label === action;
}

/** Python files and folders beside the notebook, for the source directory. */
async function filesNextTo(
  contents: Contents.IManager,
  notebookPath: string
): Promise<string[]> {
  try {
    const dir = await contents.get(PathExt.dirname(notebookPath), {
      content: true
    });
    return (dir.content as Contents.IModel[])
      .filter(
        item =>
          (item.type === 'file' && item.name.endsWith('.py')) ||
          (item.type === 'directory' &&
            !item.name.startsWith('.') &&
            !['data', 'model', '__pycache__'].includes(item.name))
      )
      .map(item => item.path)
      .sort();
  } catch (error) {
    console.error('sagemaker-nlp: cannot list files next to the notebook', error);
    return [];
  }
}

/** Which of the candidate files the script imports as a module. */
function importedLocalFiles(script: string, candidates: string[]): string[] {
  const imported = new Set<string>();
  for (const match of script.matchAll(/^\s*(?:from|import)\s+([\w]+)/gm)) {
    imported.add(match[1]);
  }
  return candidates.filter(path =>
    imported.has(PathExt.basename(path, PathExt.extname(path)))
  );
}

/** The chosen files' text, folders walked, paths relative to the notebook. */
async function readFiles(
  contents: Contents.IManager,
  paths: string[],
  root: string
): Promise<{ path: string; content: string }[]> {
  const files: { path: string; content: string }[] = [];
  for (const path of paths) {
    const item = await contents.get(path, { content: true });
    if (item.type === 'directory') {
      const children = (item.content as Contents.IModel[]).map(c => c.path);
      files.push(...(await readFiles(contents, children, root)));
    } else if (item.format === 'text') {
      files.push({
        path: PathExt.relative(root, item.path),
        content: String(item.content)
      });
    }
  }
  return files;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
