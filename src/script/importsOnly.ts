import { IPreparedCell } from './preparedCell';
import { IScriptSection } from './scriptLayout';
import { topLevelStatements } from './topLevel';

/**
 * The cell's top-level import statements alone, each on the cell lines it
 * came from: what a cell taken only for the names it imports contributes.
 */
export function importsSection(cell: IPreparedCell): IScriptSection {
  const source = cell.python!;
  const section: IScriptSection = { cellIndex: cell.index, lines: [], origins: [] };
  for (const statement of topLevelStatements(source.tree.topNode)) {
    if (statement.name !== 'ImportStatement') {
      continue;
    }
    const first = source.lineAt(statement.from);
    source
      .textOf(statement)
      .split('\n')
      .forEach((line, i) => {
        section.lines.push(line);
        section.origins.push(first + i);
      });
  }
  return section;
}
