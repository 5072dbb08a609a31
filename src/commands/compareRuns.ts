import { JupyterFrontEnd } from '@jupyterlab/application';
import { INotebookTracker, NotebookPanel } from '@jupyterlab/notebook';
import { TranslationBundle } from '@jupyterlab/translation';
import { ReadonlyPartialJSONObject } from '@lumino/coreutils';
import { InstancePrices } from '../aws/prices';
import { IAwsSession, ITrainingJobsModel } from '../tokens';
import { CompareRunsWidget } from '../ui/compare/CompareRunsWidget';
import { CommandIDs } from './ids';

/** The cell a compare command is about: its args, else the active cell. */
interface ICellTarget {
  cellId: string;
  notebookPath?: string;
  panel?: NotebookPanel;
}

/**
 * "Compare runs of this cell": opens (or brings back) the cell's runs side
 * by side in the main area. Args `{cellId, notebookPath?}`; without them,
 * the active cell. Enabled once the cell has run at least twice. With a
 * session, SageMaker runs' cost uses its instance prices.
 */
export function addCompareCommand(
  app: JupyterFrontEnd,
  jobs: ITrainingJobsModel,
  notebooks: INotebookTracker,
  trans: TranslationBundle,
  session?: IAwsSession
): void {
  const { commands, shell } = app;
  const open = new Map<string, CompareRunsWidget>();
  const openJob = (name: string) => void commands.execute(CommandIDs.openJob, { name });

  const target = (args: ReadonlyPartialJSONObject): ICellTarget | null => {
    if (typeof args.cellId === 'string' && args.cellId) {
      const notebookPath = typeof args.notebookPath === 'string' ? args.notebookPath : undefined;
      const panel =
        notebooks.find(p => p.context.path === notebookPath) ??
        notebooks.find(p => cellIndex(p, args.cellId as string) >= 0);
      return { cellId: args.cellId, notebookPath: notebookPath ?? panel?.context.path, panel };
    }
    const panel = notebooks.currentWidget;
    const cell = panel?.content.activeCell;
    return panel && cell ? { cellId: cell.model.id, notebookPath: panel.context.path, panel } : null;
  };
  const runCount = (args: ReadonlyPartialJSONObject) => {
    const cell = target(args);
    return cell ? jobs.jobsForCell(cell.cellId).length : 0;
  };

  commands.addCommand(CommandIDs.compareCellRuns, {
    label: trans.__('Compare runs of this cell'),
    caption: args => {
      if (!target(args)) {
        return trans.__('Select a cell that has trained, to compare its runs.');
      }
      const count = runCount(args);
      return count >= 2
        ? trans.__('Show the %1 runs of this cell side by side', count)
        : count === 1
          ? trans.__('This cell has run once: train it again to compare two runs.')
          : trans.__('This cell has not trained yet: train it twice to compare its runs.');
    },
    isEnabled: args => runCount(args) >= 2,
    execute: args => {
      const cell = target(args);
      if (!cell) {
        return;
      }
      let widget = open.get(cell.cellId);
      if (!widget || widget.isDisposed) {
        const index = cell.panel ? cellIndex(cell.panel, cell.cellId) : -1;
        widget = new CompareRunsWidget({
          model: jobs,
          cellId: cell.cellId,
          notebookPath: cell.notebookPath,
          cellNumber: index >= 0 ? index + 1 : undefined,
          trans,
          openJob,
          prices: session ? InstancePrices.forSession(session) : null
        });
        const created = widget;
        open.set(cell.cellId, created);
        created.disposed.connect(() => open.delete(cell.cellId));
        shell.add(created, 'main', { mode: 'tab-after' });
      }
      shell.activateById(widget.id);
      return widget;
    }
  });

  // Enabled and caption follow the runs and the active cell.
  const changed = () => commands.notifyCommandChanged(CommandIDs.compareCellRuns);
  jobs.changed.connect(changed);
  notebooks.activeCellChanged.connect(changed);
  notebooks.currentChanged.connect(changed);
}

function cellIndex(panel: NotebookPanel, cellId: string): number {
  return panel.content.widgets.findIndex(cell => cell.model.id === cellId);
}
