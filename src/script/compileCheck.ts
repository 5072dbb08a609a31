import { MOVE_IT } from './ipythonSyntax';
import { ScriptError } from './scriptError';
import { INotebookCell, IScriptLineOrigin } from './types';

/** Python's SyntaxError, as the server's compile check reports it (lines and columns 1-based). */
export interface ISyntaxProblem {
  kind: string;
  message: string;
  line: number | null;
  column: number | null;
}

/**
 * The ScriptError for Python's own verdict on the script: the cell, line
 * and column the error is at. A generated line (a cell marker, the
 * preamble) is never blamed: the error belongs to the cell line before it,
 * as when a cell ends inside an open bracket.
 */
export function scriptErrorFromSyntax(
  problem: ISyntaxProblem,
  lineMap: Array<IScriptLineOrigin | null>,
  cells: INotebookCell[],
  script: string
): ScriptError {
  let exact = originOf(problem.line, lineMap, false);
  let origin = exact ?? originOf(problem.line, lineMap);
  // "expected an indented block after 'def' on line 12": Python stops in the next
  // cell, but the cell that left its block open is the one to fix.
  const opener = /\bon line (\d+)/.exec(problem.message);
  const openedAt = opener && originOf(Number(opener[1]), lineMap);
  let textLine = problem.line;
  if (openedAt && openedAt.cellIndex !== origin?.cellIndex) {
    origin = openedAt;
    exact = null;
    textLine = Number(opener![1]);
  }
  const index = origin?.cellIndex ?? lineMap.find(o => o)?.cellIndex ?? 0;
  const line = origin?.line ?? 1;
  const column = exact ? problem.column : null;
  const scriptLines = script.split('\n');
  const text = shortened(textLine ? scriptLines[textLine - 1]?.trim() ?? '' : '');
  const where = `Cell ${index + 1}, line ${line}${column ? `, column ${column}` : ''}`;
  const message = inCellTerms(problem.message, lineMap);
  return new ScriptError(
    `${where}: ${message}${text ? ` (\`${text}\`)` : ''}. ${fixFor(problem.message)}`,
    index,
    cells[index]?.id ?? '',
    line,
    column ?? undefined
  );
}

function originOf(
  line: number | null,
  lineMap: Array<IScriptLineOrigin | null>,
  lookBack = true
): IScriptLineOrigin | null {
  let at = Math.min(line ?? lineMap.length, lineMap.length) - 1;
  if (!lookBack) {
    return lineMap[at] ?? null;
  }
  while (at >= 0 && !lineMap[at]) {
    at--;
  }
  return at >= 0 ? lineMap[at] : null;
}

/** "… after 'for' statement on line 12" names a script line: say which cell line it is. */
function inCellTerms(message: string, lineMap: Array<IScriptLineOrigin | null>): string {
  return message.replace(/\bon line (\d+)/g, (match, n) => {
    const origin = originOf(Number(n), lineMap);
    return origin ? `on cell ${origin.cellIndex + 1} line ${origin.line}` : match;
  });
}

function shortened(text: string): string {
  return text.length > 100 ? text.slice(0, 99) + '…' : text;
}

function fixFor(message: string): string {
  if (/'await' outside/.test(message)) {
    return 'A notebook runs top-level await; a script cannot: wrap the code in an async function and call asyncio.run(main()).';
  }
  if (/outside (function|loop)/.test(message)) {
    return `Fix the line. ${MOVE_IT}`;
  }
  return 'Fix the line, or tag the cell sagemaker-exclude if the training does not need it.';
}
