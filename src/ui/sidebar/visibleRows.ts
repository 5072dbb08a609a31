import { useEffect, useState } from 'react';

/** The rows of a fixed-height list that its scroller shows, plus a few either side. */
export interface IRowWindow {
  start: number;
  end: number;
}

/** Rows drawn before the scroller has a height (first paint, no layout). */
export const ROWS_WITHOUT_LAYOUT = 50;
/** Rows drawn either side of those in view, so a quick scroll shows no gap. */
const OVERSCAN = 8;

/** Pure: the window for a scroll position. */
export function rowWindow(
  count: number,
  rowHeight: number,
  scrollTop: number,
  height: number,
  overscan: number = OVERSCAN
): IRowWindow {
  if (height <= 0) {
    return { start: 0, end: Math.min(count, ROWS_WITHOUT_LAYOUT) };
  }
  const first = Math.floor(scrollTop / rowHeight);
  const last = Math.ceil((scrollTop + height) / rowHeight);
  return {
    start: Math.max(0, Math.min(first, count) - overscan),
    end: Math.min(count, last + overscan)
  };
}

/**
 * The window of rows to render in `scroller` (an element in state, so the
 * hook follows it once it is mounted), following its scrolling and its
 * size: a list of thousands of jobs draws a few dozen rows.
 */
export function useRowWindow(
  scroller: HTMLElement | null,
  count: number,
  rowHeight: number
): IRowWindow {
  const [view, setView] = useState({ scrollTop: 0, height: 0 });
  useEffect(() => {
    if (!scroller) {
      return;
    }
    const measure = () =>
      setView(old =>
        old.scrollTop === scroller.scrollTop && old.height === scroller.clientHeight
          ? old
          : { scrollTop: scroller.scrollTop, height: scroller.clientHeight }
      );
    measure();
    scroller.addEventListener('scroll', measure, { passive: true });
    const resizes = typeof ResizeObserver !== 'undefined' ? new ResizeObserver(measure) : null;
    resizes?.observe(scroller);
    return () => {
      scroller.removeEventListener('scroll', measure);
      resizes?.disconnect();
    };
  }, [scroller]);
  return rowWindow(count, rowHeight, view.scrollTop, view.height);
}

/** Scrolls `scroller` just enough for row `index` to be in view. */
export function scrollRowIntoView(scroller: HTMLElement, index: number, rowHeight: number): void {
  const top = index * rowHeight;
  if (top < scroller.scrollTop) {
    scroller.scrollTop = top;
  } else if (top + rowHeight > scroller.scrollTop + scroller.clientHeight) {
    scroller.scrollTop = top + rowHeight - scroller.clientHeight;
  }
}
