import * as React from 'react';
import { rowWindow } from '../visibleRows';
import type { ILogLine } from '../../../jobs/logs';
import { IMatch, IPiece, RowLayout, rowPieces } from './rows';
import { shownLength, shownLine } from './shownLine';

/** What the view needs to know of its box to cut lines into rows and place them. */
export interface IGeometry {
  rowHeight: number;
  charWidth: number;
  width: number;
  height: number;
}

/** Used where nothing can be measured (no layout, as in jsdom): the CSS's max height. */
export const FALLBACK_GEOMETRY: IGeometry = {
  rowHeight: 17,
  charWidth: 7.8,
  width: 1600,
  height: 320
};

/** Rows drawn above and below the visible ones, so fast scrolling shows no gap. */
const OVERSCAN = 30;
const PADDING = 12;
const MIN_COLUMNS = 20;

interface IProps {
  lines: ReadonlyArray<ILogLine>;
  /** Changes whenever `lines` does (they grow in place). */
  version: number;
  /** The hosts to name in a gutter (the merged view of several hosts); none: no gutter. */
  hosts: ReadonlyArray<string>;
  matches: ReadonlyArray<IMatch>;
  /** The index in `matches` of the hit to show, -1 for none. */
  current: number;
  /** Keep the newest line in view while the reader is at the bottom. */
  follow: boolean;
  label: string;
  /** Shown instead of rows when there are no lines. */
  empty: string;
  /** Fixed geometry instead of measuring (tests, benchmarks). */
  geometry?: IGeometry;
}

/**
 * The lines, drawn a screenful at a time: lines are cut into rows one text
 * line high, and only the rows in view (and a few around) are in the DOM.
 */
export function LogWindow(props: IProps): JSX.Element {
  const { lines, version, hosts, matches, current, follow, label, empty } = props;
  const showHost = hosts.length > 0;
  const box = React.useRef<HTMLDivElement>(null);
  const probe = React.useRef<HTMLSpanElement>(null);
  const atBottom = React.useRef(true);
  const [scrollTop, setScrollTop] = React.useState(0);
  const geometry = useGeometry(box, probe, props.geometry);

  const gutter = showHost ? Math.max(...hosts.map(host => host.length)) + 1 : 0;
  const columns = Math.max(
    MIN_COLUMNS,
    Math.floor((geometry.width - PADDING) / geometry.charWidth) - gutter
  );
  const previous = React.useRef<RowLayout>();
  const layout = React.useMemo(
    () => new RowLayout(lines, columns, previous.current),
    [lines, version, columns]
  );
  previous.current = layout;
  const visibleRows = Math.ceil(geometry.height / geometry.rowHeight);
  const stuck = follow && atBottom.current;
  // Stuck to the tail, the window is the last screenful whatever the scroller says yet.
  const windowTop = stuck
    ? Math.max(0, layout.rowCount - visibleRows) * geometry.rowHeight
    : scrollTop;
  const { start: first, end: last } = rowWindow(
    layout.rowCount,
    geometry.rowHeight,
    windowTop,
    geometry.height,
    OVERSCAN
  );

  React.useLayoutEffect(() => {
    const node = box.current;
    if (node && stuck) {
      node.scrollTop = node.scrollHeight;
    }
  });

  // Resumed: back to the newest line.
  React.useLayoutEffect(() => {
    const node = box.current;
    if (node && follow && !atBottom.current) {
      atBottom.current = true;
      node.scrollTop = node.scrollHeight;
      setScrollTop(node.scrollTop);
    }
  }, [follow]);

  // Bring the current hit into the middle of the view.
  const hit = current >= 0 ? matches[current] : undefined;
  React.useLayoutEffect(() => {
    const node = box.current;
    if (node && hit) {
      atBottom.current = false;
      const row = layout.rowOf(hit.lineIndex, hit.start);
      node.scrollTop = Math.max(0, (row - Math.floor(visibleRows / 2)) * geometry.rowHeight);
      setScrollTop(node.scrollTop);
    }
  }, [current, hit?.lineIndex, hit?.start]);

  const onScroll = () => {
    const node = box.current;
    if (node) {
      atBottom.current =
        node.scrollTop + node.clientHeight >= node.scrollHeight - geometry.rowHeight / 2;
      setScrollTop(node.scrollTop);
    }
  };

  const rows: JSX.Element[] = [];
  for (let index = first; index < last; index++) {
    const row = layout.rowAt(index);
    const line = layout.lines[row.lineIndex];
    const endsLine = row.end >= shownLength(line);
    const hits = matchesOfLine(matches, row.lineIndex).map(match => ({
      ...match,
      current: match === hit
    }));
    rows.push(
      <div
        // Keyed by place in the window, so that scrolling reuses the rows' elements.
        key={index - first}
        className="jp-SageMakerNLP-logRow"
        style={{ height: geometry.rowHeight }}
      >
        {showHost && (
          <span className="jp-SageMakerNLP-logHost">
            {(row.start === 0 ? line.host : '').padEnd(gutter)}
          </span>
        )}
        {rowPieces(shownLine(line).segments, row.start, row.end, hits).map(renderPiece)}
        {/* Copied text and textContent keep the line breaks. */}
        {endsLine && index < layout.rowCount - 1 ? '\n' : ''}
      </div>
    );
  }

  return (
    <div className="jp-SageMakerNLP-logWindow">
      <span ref={probe} className="jp-SageMakerNLP-logProbe" aria-hidden="true">
        {'0'.repeat(PROBE_LENGTH)}
      </span>
      <div
        ref={box}
        className="jp-SageMakerNLP-logTail"
        role="log"
        aria-live="off"
        aria-label={label}
        tabIndex={0}
        onScroll={onScroll}
      >
        {lines.length === 0 ? (
          empty
        ) : (
          <div
            className="jp-SageMakerNLP-logSpacer"
            style={{ height: layout.rowCount * geometry.rowHeight }}
          >
            <div
              className="jp-SageMakerNLP-logRows"
              style={{ transform: `translateY(${first * geometry.rowHeight}px)` }}
            >
              {rows}
            </div>
          </div>
        )}
      </div>
    </div>
  );
}

const PROBE_LENGTH = 50;

function renderPiece(piece: IPiece, key: number): JSX.Element | string {
  const style =
    piece.color || piece.background
      ? { color: piece.color, backgroundColor: piece.background }
      : undefined;
  if (!piece.className && !style && !piece.mark) {
    return piece.text;
  }
  const span = (
    <span key={key} className={piece.className || undefined} style={style}>
      {piece.text}
    </span>
  );
  if (!piece.mark) {
    return span;
  }
  return (
    <mark
      key={key}
      className={
        piece.mark === 'current'
          ? 'jp-SageMakerNLP-logMatch jp-mod-current'
          : 'jp-SageMakerNLP-logMatch'
      }
    >
      {span}
    </mark>
  );
}

/** The hits in one line: matches are in line order, so a bisection finds them. */
function matchesOfLine(matches: ReadonlyArray<IMatch>, lineIndex: number): IMatch[] {
  let low = 0;
  let high = matches.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (matches[middle].lineIndex < lineIndex) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  const found: IMatch[] = [];
  for (let i = low; i < matches.length && matches[i].lineIndex === lineIndex; i++) {
    found.push(matches[i]);
  }
  return found;
}

/** The box's size and the monospace cell, measured after each layout change. */
function useGeometry(
  box: React.RefObject<HTMLDivElement>,
  probe: React.RefObject<HTMLSpanElement>,
  fixed: IGeometry | undefined
): IGeometry {
  const [measured, setMeasured] = React.useState<IGeometry>(fixed ?? FALLBACK_GEOMETRY);
  React.useLayoutEffect(() => {
    if (fixed || !box.current) {
      return;
    }
    const node = box.current;
    const measure = () => {
      const cell = probe.current?.getBoundingClientRect();
      const next: IGeometry = {
        rowHeight: cell?.height || FALLBACK_GEOMETRY.rowHeight,
        charWidth: cell?.width ? cell.width / PROBE_LENGTH : FALLBACK_GEOMETRY.charWidth,
        width: node.clientWidth || FALLBACK_GEOMETRY.width,
        height: node.clientHeight || FALLBACK_GEOMETRY.height
      };
      setMeasured(previous => (sameGeometry(previous, next) ? previous : next));
    };
    measure();
    if (typeof ResizeObserver === 'undefined') {
      return;
    }
    const observer = new ResizeObserver(measure);
    observer.observe(node);
    return () => observer.disconnect();
  }, [fixed]);
  return fixed ?? measured;
}

function sameGeometry(a: IGeometry, b: IGeometry): boolean {
  return (
    a.rowHeight === b.rowHeight &&
    a.charWidth === b.charWidth &&
    a.width === b.width &&
    a.height === b.height
  );
}
