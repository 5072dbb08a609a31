import { IUnresolvedName } from './cellSelection';
import { IPreparedCell } from './preparedCell';

/** "cell 3 line 1: %matplotlib inline dropped", in notebook order. */
export function translationNotes(
  installing: IPreparedCell[],
  isTaken: (cell: IPreparedCell) => boolean,
  parameters: { index: number; names: string[] } | null
): string[] {
  return installing.flatMap(cell => {
    const { notes, installNotes } = cell.translated!;
    const lines = (isTaken(cell) ? [...installNotes, ...notes] : installNotes)
      .sort((a, b) => a.line - b.line)
      .map(note => `cell ${cell.index + 1} line ${note.line}: ${note.text}`);
    if (cell.index === parameters?.index) {
      lines.push(
        `cell ${cell.index + 1} line 1: parameters ${parameters.names.join(', ')} → ` +
          'job hyperparameters (read back from SM_HPS, else --name value arguments)'
      );
    }
    return lines;
  });
}

/** What may go wrong when the job runs, though the script could be built. */
export function runWarnings(
  unresolved: IUnresolvedName[],
  installing: IPreparedCell[],
  isTaken: (cell: IPreparedCell) => boolean
): string[] {
  const names = unresolved.map(
    ({ cellIndex, name, line }) =>
      `cell ${cellIndex + 1} line ${line}: no earlier cell defines \`${name}\`, ` +
      'so the job will stop with a NameError unless the name comes from elsewhere.'
  );
  const installs = installing
    .filter(cell => !isTaken(cell) && cell.translated!.installProblem)
    .map(cell => {
      const { line, text } = cell.translated!.installProblem!;
      return `cell ${cell.index + 1} line ${line}: ${text}`;
    });
  return [...names, ...installs];
}
