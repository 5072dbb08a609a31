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
}

/**
 * One metric as a uPlot line chart, one line per host. New points redraw
 * the chart in place; a new host or a theme change builds it anew.
 */
export function MetricChart({
  title,
  lines,
  version,
  yRange,
  height = MetricChart.HEIGHT
}: IProps): JSX.Element {
  const box = React.useRef<HTMLDivElement>(null);
  const chart = React.useRef<uPlot | null>(null);
  const theme = useChartTheme(box);
  const hosts = lines.map(line => line.host).join('\n');

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
        chartOptions({ hosts: hosts.split('\n'), theme, yRange, height, width: widthOf(node) }),
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
  }, [theme, hosts, yRange?.[0], yRange?.[1], height]);

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
  hosts: string[];
  theme: IChartTheme;
  yRange?: [number, number];
  height: number;
  width: number;
}): uPlot.Options {
  const { hosts, theme, yRange, height, width } = options;
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
      x: { time: true },
      ...(yRange && { y: { range: yRange } })
    },
    series: [
      {},
      ...hosts.map((host, i) => ({
        label: host,
        stroke: theme.lines[i % theme.lines.length],
        width: 1.5,
        spanGaps: true,
        points: { show: false }
      }))
    ],
    axes: [axis, { ...axis, size: 48 }],
    legend: { show: hosts.length > 1 }
  };
}

/** The box's width, or a sidebar's usual one before it is laid out. */
function widthOf(node: HTMLElement): number {
  return node.clientWidth > 0 ? node.clientWidth : 300;
}
