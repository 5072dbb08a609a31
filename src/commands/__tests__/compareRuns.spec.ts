import { JupyterFrontEnd } from '@jupyterlab/application';
import { INotebookTracker } from '@jupyterlab/notebook';
import { nullTranslator } from '@jupyterlab/translation';
import { CommandRegistry } from '@lumino/commands';
import { Signal } from '@lumino/signaling';
import { Widget } from '@lumino/widgets';
import { FakeBackend, makeJob } from '../../jobs/__tests__/fakes';
import { JobsModel } from '../../jobs/model';
import { CompareRunsWidget } from '../../ui/compare/CompareRunsWidget';
import { addCompareCommand } from '../compareRuns';
import { CommandIDs } from '../ids';

const trans = nullTranslator.load('jupyterlab');
const ID = CommandIDs.compareCellRuns;

/** A notebook whose cells have these ids, the second one active. */
function fakeNotebooks(path: string, cellIds: string[]) {
  const widgets = cellIds.map(id => ({ model: { id } }));
  const panel = { context: { path }, content: { widgets, activeCell: widgets[1] } };
  return {
    currentWidget: panel,
    find: (test: (p: typeof panel) => boolean) => (test(panel) ? panel : undefined),
    activeCellChanged: new Signal(panel),
    currentChanged: new Signal(panel)
  } as unknown as INotebookTracker;
}

describe('compare-cell-runs', () => {
  let commands: CommandRegistry;
  let backend: FakeBackend;
  let model: JobsModel;
  let added: Widget[];
  let activated: string[];

  beforeEach(async () => {
    commands = new CommandRegistry();
    added = [];
    activated = [];
    const app = {
      commands,
      shell: {
        add: (widget: Widget) => added.push(widget),
        activateById: (id: string) => activated.push(id)
      }
    } as unknown as JupyterFrontEnd;
    backend = new FakeBackend('local', [
      makeJob({ name: 'run-1', cellId: 'cell-b', creationTime: new Date(1000) })
    ]);
    model = new JobsModel({ backends: [backend], autoStart: false });
    await model.refresh();
    addCompareCommand(app, model, fakeNotebooks('work/classifier.ipynb', ['cell-a', 'cell-b']), trans);
  });

  afterEach(() => {
    added.forEach(widget => widget.dispose());
    model.dispose();
  });

  it('is disabled until the cell has run twice, and the caption says why', async () => {
    expect(commands.isEnabled(ID)).toBe(false);
    expect(commands.caption(ID)).toBe('This cell has run once: train it again to compare two runs.');
    expect(commands.isEnabled(ID, { cellId: 'cell-a' })).toBe(false);
    expect(commands.caption(ID, { cellId: 'cell-a' })).toContain('has not trained yet');

    backend.jobs.push(makeJob({ name: 'run-2', cellId: 'cell-b', creationTime: new Date(2000) }));
    await model.refresh();
    expect(commands.isEnabled(ID)).toBe(true);
    expect(commands.caption(ID)).toBe('Show the 2 runs of this cell side by side');
  });

  it('opens the runs of the cell in the main area, titled by cell and notebook, once', async () => {
    backend.jobs.push(makeJob({ name: 'run-2', cellId: 'cell-b', creationTime: new Date(2000) }));
    await model.refresh();
    const widget = (await commands.execute(ID, {
      cellId: 'cell-b',
      notebookPath: 'work/classifier.ipynb'
    })) as CompareRunsWidget;
    expect(added).toEqual([widget]);
    expect(widget.title.label).toBe('Runs of cell 2 — classifier.ipynb');
    expect(widget.cellId).toBe('cell-b');

    // Again: the same view comes forward, no second one.
    await commands.execute(ID);
    expect(added).toHaveLength(1);
    expect(activated).toEqual([widget.id, widget.id]);

    widget.dispose();
    const again = await commands.execute(ID);
    expect(again).not.toBe(widget);
    expect(added).toHaveLength(2);
  });
});
