import { PathExt } from '@jupyterlab/coreutils';
import { NotebookPanel } from '@jupyterlab/notebook';
import { Contents } from '@jupyterlab/services';
import { TranslationBundle } from '@jupyterlab/translation';
import { kernelLanguage, kernelName, notebookCells } from '../notebook/cells';
import { fileNeedWarnings, findFileNeeds, shippable } from '../notebook/fileNeeds';
import { filesNextTo, importedLocalFiles, NotTextFileError, readFiles } from '../notebook/files';
import { saveChoices, savedChoices } from '../notebook/savedChoices';
import { checkScript } from '../api/scriptCheck';
import { InstancePrices } from '../aws/prices';
import type { ISyntaxProblem, ITrainingScript } from '../script';
import { ITrainSettings } from '../settings';
import { IAwsSession, ISourceFile, ITrainingJobsModel } from '../tokens';
import { fitToCatalog } from '../training/catalogFit';
import { checkChoices } from '../training/checkChoices';
import { ITrainChoices, specFromChoices } from '../training/choices';
import { defaultChoices } from '../training/defaultChoices';
import { makeJobName } from '../training/jobName';
import { askTrainChoices } from '../ui/dialog/trainDialog';
import { showError, withProgress } from '../ui/notify';
import { UploadNotice } from '../ui/uploadNotice';
import { ensureBucket, IAwsSetupState, loadAwsSetup } from './awsSetup';

export interface ITrainCellContext {
  panel: NotebookPanel;
  jobs: ITrainingJobsModel;
  session: IAwsSession;
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
  if (!cell || !panel.content.model || !(await isPythonNotebook(ctx))) {
    return;
  }
  const script = await buildScript(ctx);
  if (!script) {
    return;
  }
  const saved = savedChoices(cell.model);
  // A remembered Local job needs nothing from AWS: don't ask the server.
  const needsAws = !(saved?.skipDialog && saved.target === 'local');
  const [candidateFiles, aws] = await Promise.all([
    filesNextTo(ctx.contents, panel.context.path),
    needsAws ? loadAwsSetup(ctx.session) : NO_AWS
  ]);
  const choices = await chooseTraining(ctx, script, candidateFiles, aws, saved);
  if (!choices) {
    return;
  }
  if (choices.target === 'sagemaker' && !(await ensureBucket(aws, ctx.session, trans))) {
    return;
  }
  saveChoices(cell.model, choices);

  const notebookPath = panel.context.path;
  let extraFileContents: ISourceFile[];
  try {
    extraFileContents = await readFiles(ctx.contents, choices.extraFiles, PathExt.dirname(notebookPath));
  } catch (error) {
    if (error instanceof NotTextFileError) {
      await showError(trans, trans.__('A file cannot go with the job'), error.message);
      return;
    }
    throw error;
  }
  const spec = specFromChoices(choices, {
    jobName: makeJobName(choices.jobBaseName),
    entryPoint: script.entryPoint,
    script: script.script,
    requirements: script.requirements,
    extraFileContents,
    notebookPath,
    cellId: cell.model.id,
    kernelName: kernelName(panel),
    aws: aws.target ?? undefined
  });
  const uploads = new UploadNotice(trans);
  const job = await withProgress(
    trans,
    {
      pending: trans.__('Starting %1…', spec.jobName),
      done: trans.__('Started %1', spec.jobName),
      failed: trans.__('Could not start %1', spec.jobName)
    },
    async () => {
      try {
        return await ctx.jobs.submit(spec, { onUploadProgress: uploads.report });
      } finally {
        uploads.done();
      }
    }
  );
  if (job) {
    ctx.showJobs();
  }
}

const NO_AWS: IAwsSetupState = { target: null, problems: [], bucketMissing: false };

async function isPythonNotebook({ panel, trans }: ITrainCellContext): Promise<boolean> {
  const language = kernelLanguage(panel);
  if (!language || language.toLowerCase() === 'python') {
    return true;
  }
  await showError(
    trans,
    trans.__('Not a Python notebook'),
    trans.__(
      'This notebook\'s kernel runs %1. "Train this cell" builds a Python training script: switch the notebook to a Python kernel.',
      language
    )
  );
  return false;
}

/** The script of the active cell, or null after saying which cell is wrong. */
async function buildScript(ctx: ITrainCellContext): Promise<ITrainingScript | null> {
  const { panel, trans } = ctx;
  const { buildTrainingScript, ScriptError, scriptErrorFromSyntax } = await import('../script');
  const cells = notebookCells(panel.content.model!);
  try {
    const script = buildTrainingScript(cells, panel.content.activeCellIndex);
    const verdict = await pythonVerdict(script.script, kernelName(panel));
    if (verdict) {
      throw scriptErrorFromSyntax(verdict, script.lineMap, cells, script.script);
    }
    return script;
  } catch (error) {
    if (!(error instanceof ScriptError)) {
      throw error;
    }
    const goTo = await showError(
      trans,
      trans.__('The training script cannot be built'),
      error.message,
      trans.__('Go to cell %1', String(error.cellIndex + 1))
    );
    if (goTo && error.cellIndex >= 0) {
      panel.content.activeCellIndex = error.cellIndex;
      panel.content.scrollToItem(error.cellIndex).catch(console.error);
    }
    return null;
  }
}

/**
 * The kernel's Python's syntax error in the script, if any. Only Python
 * says a script is invalid: when the server cannot check, the script goes on.
 */
async function pythonVerdict(script: string, kernel: string | null): Promise<ISyntaxProblem | null> {
  try {
    return (await checkScript(script, kernel)).error;
  } catch (error) {
    console.warn('sagemaker-nlp: the script could not be checked by Python', error);
    return null;
  }
}

/** The remembered choices if they still hold, else what the user picks in the dialog. */
async function chooseTraining(
  ctx: ITrainCellContext,
  script: ITrainingScript,
  candidateFiles: string[],
  aws: IAwsSetupState,
  saved: Partial<ITrainChoices> | undefined
): Promise<ITrainChoices | null> {
  const { trans } = ctx;
  const fileNeeds = await findFileNeeds(ctx.contents, ctx.panel.context.path, script.fileNeeds);
  let initial = defaultChoices(
    { ...script, localModules: importedLocalFiles(script.script, candidateFiles) },
    ctx.settings,
    ctx.panel.context.path,
    saved
  );
  if (saved?.extraFiles === undefined) {
    // A file the script reads that sits beside the notebook goes with the source, unless unticked.
    const found = shippable(fileNeeds).filter(n => n.kind === 'file').map(n => n.found!);
    initial.extraFiles = [...new Set([...initial.extraFiles, ...found])];
  }
  if (!aws.target) {
    initial.target = 'local';
  }
  initial = fitToCatalog(initial, aws.target?.region ?? 'us-east-1');
  const check = (choices: ITrainChoices) =>
    checkChoices(choices, aws.target, (t, ...a) => trans.__(t, ...a));
  if (initial.skipDialog && check(initial).length === 0) {
    return initial;
  }
  return askTrainChoices(
    {
      cells: script.cells.map(c => ({
        label: trans.__('Cell %1', String(c.index + 1)),
        reason: c.importsOnly ? trans.__('%1 (its imports only)', c.reason) : c.reason
      })),
      script: script.script,
      requirements: script.requirements,
      translations: script.translations,
      warnings: [...script.warnings, ...fileNeedWarnings(fileNeeds)],
      fileNeeds: shippable(fileNeeds),
      modelSaves: script.modelSaves,
      spotResumeNote: (await import('../script')).spotResumeNote(script.modelSaves),
      candidateFiles,
      awsSetup: aws.target,
      awsProblems: aws.problems,
      prices: InstancePrices.forSession(ctx.session),
      trans
    },
    initial,
    check
  );
}
