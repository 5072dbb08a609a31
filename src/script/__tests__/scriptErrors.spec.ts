import { buildTrainingScript, INotebookCell, ScriptError } from '../index';
import { markdown, notebook } from './cells';

function errorOf(cells: INotebookCell[], trainingIndex = cells.length - 1): ScriptError {
  try {
    buildTrainingScript(cells, trainingIndex);
  } catch (error) {
    expect(error).toBeInstanceOf(ScriptError);
    return error as ScriptError;
  }
  throw new Error('expected a ScriptError');
}

describe('ScriptError', () => {
  it('asks for a code cell that trains', () => {
    const fix = 'Select the code cell that trains, then click Train this cell.';
    for (const [cells, index] of [
      [[markdown('# Train')], 0],
      [notebook('   \n'), 0],
      [notebook('x = 1'), 5]
    ] as Array<[INotebookCell[], number]>) {
      const error = errorOf(cells, index);
      expect(error.message).toContain(fix);
      expect(error.cellIndex).toBe(index);
    }
    expect(errorOf([markdown('# Train')], 0).cellId).toBe('md');
  });

  it('names the cell, the line and the fix for notebook-only syntax', () => {
    const error = errorOf(notebook('x = 1', 'y = x\n%store y', 'print(y)'));
    expect(error).toMatchObject({ cellIndex: 1, cellId: 'cell-2', line: 2 });
    expect(error.message).toBe(
      'Cell 2, line 2: %store is notebook-only syntax the training script cannot run. ' +
        'Remove it or move it to a cell the training cell does not need (or tag that cell sagemaker-exclude).'
    );
  });

  it.each([
    ['#tags: sagemaker-include\n%%bash\necho hi', 1, '%%bash'],
    ['x = 1\n%run helpers.py', 2, '%run'],
    ['x = 1\nimport IPython\nget_ipython().run_line_magic("time", "1")', 3, 'get_ipython()'],
    ['x = 1\nx?', 2, 'asks the notebook for help'],
    ['x = 1\nx??', 2, 'asks the notebook for help'],
    ['x = !ls', 1, 'subprocess.run(..., capture_output=True, text=True).stdout'],
    ['!pip install -r requirements.txt\nx = 1', 1, 'Add requirements.txt to the job\'s source files'],
    ['%conda install -y numpy\nx = 1', 1, 'Use %pip install instead']
  ])('stops at %j (line %i) in a needed cell', (source, line, message) => {
    const error = errorOf(notebook(source, 'print(x)'));
    expect(error.cellIndex).toBe(0);
    expect(error.line).toBe(line);
    expect(error.message).toContain(`Cell 1, line ${line}: `);
    expect(error.message).toContain(message);
  });

  it('ignores what it cannot translate in cells it does not take', () => {
    const built = buildTrainingScript(
      notebook('%%bash\necho hi', 'df?', 'x = !ls', 'get_ipython()', 'oops = (', 'print(1)'),
      5
    );
    expect(built.cells.map(c => c.index)).toEqual([5]);
  });

  it('reports a failed install in a cell it does not take as a warning', () => {
    const built = buildTrainingScript(notebook('%pip install -r reqs.txt', 'print(1)'), 1);
    expect(built.warnings).toEqual([
      "cell 1 line 1: pip install -r reqs.txt installs from a file the training job does not have. Add reqs.txt to the job's source files and list its packages on a %pip install line instead."
    ]);
  });

  it.each([
    ['lr = 0.1\nprint(lr)', 2],
    ['lr = 0.1\nepochs = compute()', 2],
    ['lr = 0.1\nbatch = 8 * 4', 2],
    ['lr = 0.1\na, b = 1, 2', 2],
    ['lr = 0.1\nimport os', 2],
    ['%pip install x\nlr = 0.1', 1],
    ['lr = 0.1\nmodel = f"bert-{lr}"', 2],
    ['lr = 0.1\nsizes = {1: "one"}', 2],
    ['lr = 0.1\nx = [', 2]
  ])('accepts only literal assignments in the parameters cell: %j', (source, line) => {
    const error = errorOf(notebook(`#tags: parameters\n${source}`, 'print(lr)'));
    expect(error).toMatchObject({ cellIndex: 0, line });
    expect(error.message).toContain('the parameters cell may hold only `name = value` lines');
  });
});
