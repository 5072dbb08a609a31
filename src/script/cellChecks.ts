import { MOVE_IT } from './ipythonSyntax';
import { IParameters, ParametersProblem, readParametersCell } from './parameters';
import { IPreparedCell } from './preparedCell';
import { PythonSource } from './pythonSyntax';
import { ScriptError } from './scriptError';
import { INotebookCell, ITrainingScript } from './types';


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

/** Throws at the first thing in a taken cell that cannot run as a script. */
export function checkCell({ cell, index, translated, python, names }: IPreparedCell): void {
  if (translated!.problem) {
    const { line, text } = translated!.problem;
    throw cellError(cell, index, line, text);
  }
  const errorLine = python!.firstErrorLine();
  if (errorLine !== null) {
    const text = python!.text.split('\n')[errorLine - 1].trim();
    throw cellError(
      cell,
      index,
      errorLine,
      `\`${text}\` is not valid Python. Fix the line, or tag the cell sagemaker-exclude if the training does not need it.`
    );
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

/** Cells that parse alone can still clash when joined: point at the cell line. */
export function checkWholeScript(
  script: string,
  lineMap: ITrainingScript['lineMap'],
  cells: INotebookCell[]
): void {
  const errorLine = new PythonSource(script).firstErrorLine();
  if (errorLine === null) {
    return;
  }
  const origin = lineMap[Math.min(errorLine, lineMap.length) - 1];
  const index = origin?.cellIndex ?? 0;
  throw cellError(
    cells[index],
    index,
    origin?.line ?? 1,
    `the script is not valid Python at its line ${errorLine}. Check how this cell ends and the next begins.`
  );
}
