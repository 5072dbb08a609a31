import { MOVE_IT } from './ipythonSyntax';
import { IParameters, ParametersProblem, readParametersCell } from './parameters';
import { IPreparedCell } from './preparedCell';
import { PythonSource } from './pythonSyntax';
import { ScriptError } from './scriptError';
import { INotebookCell } from './types';


function cellError(cell: INotebookCell, index: number, line: number, text: string): ScriptError {
  return new ScriptError(`Cell ${index + 1}, line ${line}: ${text}`, index, cell.id, line);
}

export function checkTrainingCell(cells: INotebookCell[], index: number): void {
  const cell = cells[index];
  if (!cell || cell.cellType !== 'code' || !cell.source.trim()) {
    throw new ScriptError(
      'This is not a code cell with code in it. Select the code cell that trains, then click Train this cell.',
      index,
      cell?.id ?? '',
      1
    );
  }
}

/**
 * Throws at the first thing in a taken cell that cannot run as a script.
 * Whether the script is valid Python is for Python itself to say (compileCheck.ts).
 */
export function checkCell({ cell, index, translated, names }: IPreparedCell): void {
  if (translated!.problem) {
    const { line, text } = translated!.problem;
    throw cellError(cell, index, line, text);
  }
  const ipython = names!.loads.get('get_ipython');
  if (ipython !== undefined) {
    throw cellError(cell, index, ipython, `get_ipython() only exists inside a notebook. ${MOVE_IT}`);
  }
}

export function readParameters({ cell, index }: IPreparedCell): IParameters {
  try {
    return readParametersCell(new PythonSource(cell.source.replace(/\r\n?/g, '\n')));
  } catch (error) {
    if (error instanceof ParametersProblem) {
      throw cellError(cell, index, error.line, error.message);
    }
    throw error;
  }
}
