import type { ILogLine } from '../../../jobs/logs';
import { ISegment, shownLength, shownLine } from './shownLine';

/** A part of a line shown on one row: characters `start` to `end` of its shown text. */
export interface IRow {
  lineIndex: number;
  start: number;
  end: number;
}

/**
 * The lines cut into rows of at most `columns` characters. Every row is
 * one text line high, so the view can tell which rows are on screen by
 * division, and a 1 MB line is a few thousand rows of which only the
 * visible ones are drawn.
 */
export class RowLayout {
  /**
   * With `previous`, the layout of the same list (a list of the log book)
   * before its last change, only the lines from the first new one on are
   * measured again: a log grows at its end, or a little before it in the
   * merged view. New lines are told by their `seq`, greater than any
   * before.
   */
  constructor(
    readonly lines: ReadonlyArray<ILogLine>,
    columns: number,
    previous?: RowLayout
  ) {
    this.columns = Math.max(1, Math.floor(columns));
    const same = previous ? RowLayout.unchanged(lines, this.columns, previous) : 0;
    // firstRows[i]: the row where line i starts; the last entry is the row count.
    this._firstRows = new Float64Array(lines.length + 1);
    if (same > 0) {
      this._firstRows.set(previous!._firstRows.subarray(0, same + 1));
    }
    let rows = this._firstRows[same];
    let maxSeq = same > 0 ? previous!._maxSeq : -1;
    for (let i = same; i < lines.length; i++) {
      this._firstRows[i] = rows;
      rows += Math.max(1, Math.ceil(shownLength(lines[i]) / this.columns));
      maxSeq = Math.max(maxSeq, lines[i].seq);
    }
    this._firstRows[lines.length] = rows;
    this.rowCount = rows;
    this._count = lines.length;
    this._first = lines[0];
    this._maxSeq = maxSeq;
  }

  readonly columns: number;
  readonly rowCount: number;

  rowAt(row: number): IRow {
    const lineIndex = this._lineOfRow(row);
    const start = (row - this._firstRows[lineIndex]) * this.columns;
    const length = shownLength(this.lines[lineIndex]);
    return { lineIndex, start, end: Math.min(length, start + this.columns) };
  }

  /** The row that shows character `offset` of line `lineIndex`. */
  rowOf(lineIndex: number, offset = 0): number {
    return this._firstRows[lineIndex] + Math.floor(offset / this.columns);
  }

  private _lineOfRow(row: number): number {
    let low = 0;
    let high = this.lines.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (this._firstRows[middle] <= row) {
        low = middle;
      } else {
        high = middle - 1;
      }
    }
    return low;
  }

  private _count: number;
  private _first: ILogLine | undefined;
  private _firstRows: Float64Array;
  private _maxSeq: number;

  /** How many lines at the start are where `previous` had them (0: lay out all). */
  static unchanged(lines: ReadonlyArray<ILogLine>, columns: number, previous: RowLayout): number {
    if (
      previous.lines !== lines || // another list: another host's, or one that dropped lines
      previous.columns !== columns ||
      lines.length < previous._count ||
      (previous._count > 0 && lines[0] !== previous._first)
    ) {
      return 0; // narrower or wider, or older lines were dropped
    }
    // Lines were only added: the earliest new one is where the change starts.
    let added = lines.length - previous._count;
    let index = lines.length;
    while (added > 0 && index > 0) {
      index--;
      if (lines[index].seq > previous._maxSeq) {
        added--;
      }
    }
    return index;
  }
}

/** A search hit: characters `start` to `end` of a line's shown text. */
export interface IMatch {
  lineIndex: number;
  start: number;
  end: number;
}

/** A piece of a row to draw: a segment's text, perhaps a search hit. */
export interface IPiece extends ISegment {
  mark?: 'match' | 'current';
}

/** Characters `start` to `end` of a line, in its styles, with the hits in it marked. */
export function rowPieces(
  segments: ReadonlyArray<ISegment>,
  start: number,
  end: number,
  matches: ReadonlyArray<IMatch & { current?: boolean }>
): IPiece[] {
  const cuts = new Set([start, end]);
  for (const match of matches) {
    cuts.add(Math.min(end, Math.max(start, match.start)));
    cuts.add(Math.min(end, Math.max(start, match.end)));
  }
  let offset = 0;
  for (const segment of segments) {
    if (offset > start && offset < end) {
      cuts.add(offset);
    }
    offset += segment.text.length;
  }
  const points = Array.from(cuts).sort((a, b) => a - b);
  const pieces: IPiece[] = [];
  let segmentIndex = 0;
  let segmentStart = 0;
  for (let i = 0; i + 1 < points.length; i++) {
    const [from, to] = [points[i], points[i + 1]];
    while (segmentStart + segments[segmentIndex].text.length <= from) {
      segmentStart += segments[segmentIndex].text.length;
      segmentIndex++;
    }
    const segment = segments[segmentIndex];
    const match = matches.find(m => m.start <= from && m.end >= to && m.end > m.start);
    pieces.push({
      ...segment,
      text: segment.text.slice(from - segmentStart, to - segmentStart),
      ...(match && { mark: match.current ? 'current' : 'match' })
    });
  }
  return pieces;
}

const lowerCache = new WeakMap<ILogLine, string>();

/** Every place `query` is found in the lines' shown text, ignoring case. */
export function findMatches(lines: ReadonlyArray<ILogLine>, query: string): IMatch[] {
  const needle = query.toLowerCase();
  const matches: IMatch[] = [];
  if (!needle) {
    return matches;
  }
  for (let lineIndex = 0; lineIndex < lines.length; lineIndex++) {
    const line = lines[lineIndex];
    let lower = lowerCache.get(line);
    if (lower === undefined) {
      lower = shownLine(line).text.toLowerCase();
      lowerCache.set(line, lower);
    }
    for (let at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, at + needle.length)) {
      matches.push({ lineIndex, start: at, end: at + needle.length });
      if (matches.length >= MAX_MATCHES) {
        return matches;
      }
    }
  }
  return matches;
}

/** More hits than anyone steps through; the count says "10000+". */
export const MAX_MATCHES = 10000;
