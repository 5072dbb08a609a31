import * as React from 'react';
import type uPlot from 'uplot';
import type { IMetricLine } from '../../jobs/metrics';
import { alignLines } from './alignLines';
import { IChartTheme, useChartTheme } from './theme';

interface IProps {
  /** The metric's name, the chart's title. */
  title: string;
  /** The metric's lines, one per host. */
  lines: ReadonlyArray<IMetricLine>;
  /** Bumped whenever the lines grew (they grow in place). */
  version: number;
  /** A fixed y range, e.g. 0–100 for percentages. */
  yRange?: [number, number];
  height?: number;
  /** The legend's name of each line; defaults to its host. */
  labels?: ReadonlyArray<string>;
  /**
   * `time` (the default): the lines' times are dates. `elapsed`: they are
   * ms since each line's own start, so runs at different times overlay.
   */
  xAxis?: 'time' | 'elapsed';
  /** The legend's name of the x value, e.g. "Since start". */
  xLabel?: string;
}

/**
 * One metric as a uPlot line chart, one line per host (or per run, with
 * `labels`). New points redraw the chart in place; a new line or a theme
 * change builds it anew.
 */
export function MetricChart({
  title,
  lines,
  version,
  yRange,
  height = MetricChart.HEIGHT,
  labels,
  xAxis = 'time',
  xLabel
}: IProps): JSX.Element {
  const box = React.useRef<HTMLDivElement>(null);
  const chart = React.useRef<uPlot | null>(null);
  const theme = useChartTheme(box);
  const names = (labels ?? lines.map(line => line.host)).join('\n');

  React.useEffect(() => {
    const node = box.current;
    if (!node || !theme) {
      return;
    }
    let created: uPlot | null = null;
    let resizing: ResizeObserver | null = null;
    let gone = false;
    void loadUPlot().then(UPlot => {
      if (gone) {
        return;
      }
      const chartNow = new UPlot(
        chartOptions({
          names: names.split('\n'),
          theme,
          yRange,
          height,
          width: widthOf(node),
          xAxis,
          xLabel
        }),
        alignLines(lines),
        node
      );
      created = chartNow;
      chart.current = chartNow;
      if (typeof ResizeObserver !== 'undefined') {
        resizing = new ResizeObserver(() => chartNow.setSize({ width: widthOf(node), height }));
        resizing.observe(node);
      }
    });
    return () => {
      gone = true;
      resizing?.disconnect();
      created?.destroy();
      chart.current = null;
    };
    // `lines` is read here only for the first data; `version` updates it below.
  }, [theme, names, yRange?.[0], yRange?.[1], height, xAxis, xLabel]);

  React.useEffect(() => {
    chart.current?.setData(alignLines(lines));
  }, [version]);

  return (
    <figure
      className="jp-SageMakerNLP-metricChart"
      data-metric={title}
      data-hosts={lines.map(line => line.host).join(' ')}
      data-points={lines.reduce((sum, line) => sum + line.values.length, 0)}
    >
      <figcaption className="jp-SageMakerNLP-metricChartTitle">{title}</figcaption>
      <div ref={box} className="jp-SageMakerNLP-metricChartCanvas" />
    </figure>
  );
}

export namespace MetricChart {
  export const HEIGHT = 140;
}

let uPlotLoading: Promise<typeof uPlot> | null = null;

/** uPlot in its own chunk: JupyterLab's start-up does not pay for it. */
function loadUPlot(): Promise<typeof uPlot> {
  uPlotLoading ??= import('uplot').then(module => module.default);
  return uPlotLoading;
}

function chartOptions(options: {
  names: string[];
  theme: IChartTheme;
  yRange?: [number, number];
  height: number;
  width: number;
  xAxis: 'time' | 'elapsed';
  xLabel?: string;
}): uPlot.Options {
  const { names, theme, yRange, height, width, xAxis, xLabel } = options;
  const elapsed = xAxis === 'elapsed';
  const axis: uPlot.Axis = {
    stroke: theme.text,
    font: theme.font,
    grid: { stroke: theme.grid, width: 1 },
    ticks: { stroke: theme.grid, width: 1 }
  };
  return {
    width,
    height,
    scales: {
      x: { time: xAxis === 'time' },
      ...(yRange && { y: { range: yRange } })
    },
    series: [
      elapsed
        ? { label: xLabel, value: (_: uPlot, seconds: number | null) => elapsedLabel(seconds) }
        : { ...(xLabel && { label: xLabel }) },
      ...names.map((name, i) => {
        const color = theme.lines[i % theme.lines.length];
        return {
          label: name,
          stroke: color,
          width: 1.5,
          spanGaps: true,
          points: { show: isLonePoint, fill: color }
        };
      })
    ],
    axes: [
      elapsed
        ? {
            ...axis,
            values: (_: uPlot, splits: number[]) =>
              splits.map(split => elapsedLabel(split, splits[1] - splits[0]))
          }
        : axis,
      {
        ...axis,
        size: 48,
        values: (_: uPlot, splits: number[]) =>
          splits.map(split => valueTickLabel(split, splits[1] - splits[0]))
      }
    ],
    legend: { show: names.length > 1 }
  };
}

/**
 * A value axis tick with as many decimals as the ticks' step needs, so
 * ticks 0.0005 apart read `0.0015`, `0.0020`, not `0.002` twice (uPlot's
 * default keeps 3 decimals); tiny and huge steps in exponent form.
 */
export function valueTickLabel(value: number, step: number): string {
  if (!Number.isFinite(value)) {
    return '--';
  }
  const size = Math.abs(step) || Math.abs(value);
  if (size !== 0 && (size < 1e-6 || size >= 1e9)) {
    if (value === 0) {
      return '0';
    }
    // The step in units of the value's own power of ten.
    const exponent = Math.floor(Math.log10(Math.abs(value)));
    return value.toExponential(decimalsOf(size / 10 ** exponent));
  }
  const decimals = decimalsOf(size);
  return value.toLocaleString(undefined, {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals
  });
}

/** The fewest decimals that write `step` exactly (at most 10). */
function decimalsOf(step: number): number {
  for (let decimals = 0; decimals < 10; decimals++) {
    const scaled = step * 10 ** decimals;
    if (Math.abs(scaled - Math.round(scaled)) < 1e-6 * Math.max(1, scaled)) {
      return decimals;
    }
  }
  return 10;
}

/** A line of one point draws nothing: show that point (a run that logged a metric once). */
function isLonePoint(chart: uPlot, seriesIndex: number): boolean {
  const values = chart.data[seriesIndex] ?? [];
  let count = 0;
  for (const value of values) {
    if (value !== null && value !== undefined && ++count > 1) {
      return false;
    }
  }
  return count === 1;
}

/**
 * Seconds since the start: `45s`, `3m 05s`, `2h 04m`; with ticks less than
 * a second apart (`step`), tenths or hundredths (`4.5s`).
 */
function elapsedLabel(seconds: number | null, step = 1): string {
  if (seconds === null || !Number.isFinite(seconds)) {
    return '--';
  }
  if (seconds < 60 && step < 1) {
    return `${seconds.toFixed(step < 0.1 ? 2 : 1)}s`;
  }
  const s = Math.round(seconds);
  const pad = (n: number) => String(n).padStart(2, '0');
  if (s >= 3600) {
    return `${Math.floor(s / 3600)}h ${pad(Math.floor((s % 3600) / 60))}m`;
  }
  return s >= 60 ? `${Math.floor(s / 60)}m ${pad(s % 60)}s` : `${s}s`;
}

/** The box's width, or a sidebar's usual one before it is laid out. */
function widthOf(node: HTMLElement): number {
  return node.clientWidth > 0 ? node.clientWidth : 300;
}
