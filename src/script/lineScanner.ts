/**
 * Python's lexical state from one line to the next: an open string, open
 * brackets, a backslash continuation. Read in one pass, so each line of a
 * cell can be asked whether a column is code without parsing the cell again.
 */
export class PythonLineScanner {
  /** The open string's quote (`'`, `"`, `'''` or `"""`), or null. */
  private _quote: string | null = null;
  private _depth = 0;
  private _continued = false;

  /** Whether the next line starts a statement: no string, brackets or backslash carried into it. */
  get atStatementStart(): boolean {
    return this._quote === null && this._depth === 0 && !this._continued;
  }

  /**
   * Whether `column` of the next line is code that starts nowhere inside an
   * earlier line's string, brackets or continuation, and lies outside any
   * string or comment of its own line.
   */
  isStatementCode(line: string, column: number): boolean {
    return this.atStatementStart && scanLine(line, this._quote, column).codeAtStop;
  }

  /** Moves past `line`; `onCode` hears each run of code outside strings and comments. */
  advance(line: string, onCode?: (from: number, to: number) => void): void {
    const end = scanLine(line, this._quote, line.length, onCode);
    this._depth = Math.max(0, this._depth + end.depthChange);
    this._quote = end.quote;
    this._continued = end.continued;
  }
}

interface ILineEnd {
  quote: string | null;
  depthChange: number;
  continued: boolean;
  codeAtStop: boolean;
}

function scanLine(
  line: string,
  openQuote: string | null,
  stop: number,
  onCode?: (from: number, to: number) => void
): ILineEnd {
  let quote = openQuote;
  let depthChange = 0;
  let codeAtStop = false;
  let codeFrom = quote === null ? 0 : -1;
  const codeUntil = (to: number) => {
    if (codeFrom >= 0 && to > codeFrom) {
      onCode?.(codeFrom, to);
    }
    codeFrom = -1;
  };
  let i = 0;
  for (; i < line.length; i++) {
    if (i === stop) {
      codeAtStop = quote === null;
    }
    const char = line[i];
    if (quote !== null) {
      if (char === '\\') {
        i++; // an escaped character, or a newline when the backslash ends the line
      } else if (line.startsWith(quote, i)) {
        i += quote.length - 1;
        quote = null;
        codeFrom = i + 1;
      }
    } else if (char === '#') {
      codeUntil(i);
      return { quote: null, depthChange, continued: false, codeAtStop };
    } else if (char === '"' || char === "'") {
      codeUntil(i);
      // A prefix (r, b, f, u and their mixes) changes nothing here: even a raw string ends only at an unescaped quote.
      quote = line.startsWith(char.repeat(3), i) ? char.repeat(3) : char;
      i += quote.length - 1;
    } else if ('([{'.includes(char)) {
      depthChange++;
    } else if (')]}'.includes(char)) {
      depthChange--;
    }
  }
  codeUntil(line.length);
  const escapedNewline = i > line.length;
  if (quote !== null && quote.length === 1 && !escapedNewline) {
    quote = null; // an unterminated one-line string ends with its line
  }
  const continued = quote === null && line.endsWith('\\');
  return { quote, depthChange, continued, codeAtStop };
}
