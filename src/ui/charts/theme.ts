import { RefObject, useEffect, useState } from 'react';

/** What a chart takes from JupyterLab's theme, read from its CSS variables. */
export interface IChartTheme {
  /** Axis labels and ticks. */
  text: string;
  grid: string;
  /** A canvas font: `<size> <family>`. */
  font: string;
  /** One colour per line, taken in turn. */
  lines: string[];
}

/** The theme's colours for lines, in the order hosts get them. */
const LINE_VARIABLES = [
  '--jp-brand-color1',
  '--jp-warn-color1',
  '--jp-success-color1',
  '--jp-error-color1',
  '--jp-accent-color1',
  '--jp-brand-color3',
  '--jp-warn-color3',
  '--jp-success-color3'
];

/** The theme's chart colours and font, at the font size of `element`. */
export function readChartTheme(element: Element = document.body): IChartTheme {
  // The theme defines its variables for the whole page.
  const style = getComputedStyle(document.body);
  const variable = (name: string, fallback: string) =>
    style.getPropertyValue(name).trim() || fallback;
  const fontSize = getComputedStyle(element).fontSize;
  const size = /^\d+(\.\d+)?px$/.test(fontSize) ? fontSize : '11px';
  const lines = LINE_VARIABLES.map(name => style.getPropertyValue(name).trim()).filter(
    Boolean
  );
  return {
    text: variable('--jp-ui-font-color1', '#616161'),
    grid: variable('--jp-border-color2', '#e0e0e0'),
    font: `${size} ${variable('--jp-ui-font-family', 'sans-serif')}`,
    lines: lines.length > 0 ? lines : ['#1976d2', '#f57c00', '#388e3c', '#d32f2f']
  };
}

/** Calls `onChange` when JupyterLab switches theme; answers how to stop. */
export function watchTheme(onChange: () => void): () => void {
  // JupyterLab sets these on body once the new theme's CSS is in.
  const observer = new MutationObserver(onChange);
  observer.observe(document.body, {
    attributes: true,
    attributeFilter: ['data-jp-theme-light', 'data-jp-theme-name']
  });
  return () => observer.disconnect();
}

/** The chart theme where `element` is, read again at each theme change. */
export function useChartTheme(element: RefObject<Element>): IChartTheme | null {
  const [theme, setTheme] = useState<IChartTheme | null>(null);
  useEffect(() => {
    const read = () => setTheme(readChartTheme(element.current ?? document.body));
    read();
    return watchTheme(read);
  }, [element]);
  return theme;
}
