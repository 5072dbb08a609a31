import './canvasShim';
import { sleep } from '@jupyterlab/testing';
import { ReactWidget } from '@jupyterlab/ui-components';
import { Widget } from '@lumino/widgets';
import * as React from 'react';
import type uPlot from 'uplot';
import { MetricChart } from '../MetricChart';

const mockCharts: uPlot[] = [];
jest.mock('uplot', () => {
  const Actual = jest.requireActual('uplot');
  return class Recorded extends Actual {
    constructor(...args: unknown[]) {
      super(...args);
      mockCharts.push(this as unknown as uPlot);
    }
  };
});

class Box extends ReactWidget {
  element: JSX.Element = <div />;
  protected render(): JSX.Element {
    return this.element;
  }
}

async function firstChart(): Promise<uPlot> {
  for (let i = 0; i < 300 && mockCharts.length === 0; i++) {
    await sleep(10);
  }
  if (mockCharts.length === 0) {
    throw new Error('no chart was made');
  }
  return mockCharts[0];
}

describe('MetricChart with labels and an elapsed x axis', () => {
  let box: Box;

  beforeEach(() => {
    mockCharts.length = 0;
    box = new Box();
    Widget.attach(box, document.body);
  });

  afterEach(() => box.dispose());

  it('names the lines by label, and the x axis in seconds since the start', async () => {
    box.element = (
      <MetricChart
        title="val_accuracy"
        lines={[
          { name: 'val_accuracy', host: 'algo-1', times: [4500], values: [0.84] },
          { name: 'val_accuracy', host: 'algo-1', times: [5200, 65000], values: [0.8, 0.87] }
        ]}
        labels={['Run 2', 'Run 1']}
        version={1}
        xAxis="elapsed"
        xLabel="Since start"
      />
    );
    box.update();
    const chart = await firstChart();
    expect(chart.series.map(series => series.label)).toEqual(['Since start', 'Run 2', 'Run 1']);
    expect(chart.scales.x.time).toBe(false);
    expect(chart.data[0]).toEqual([4.5, 5.2, 65]);
    const ticks = chart.axes[0].values as (u: uPlot, splits: number[]) => string[];
    expect(ticks(chart, [4.5, 5, 5.5])).toEqual(['4.5s', '5.0s', '5.5s']);
    expect(ticks(chart, [0, 60, 120])).toEqual(['0s', '1m 00s', '2m 00s']);
    // A run that logged once is a point, a longer one a line.
    const show = (i: number) =>
      (chart.series[i].points!.show as (u: uPlot, i: number) => boolean)(chart, i);
    expect([show(1), show(2)]).toEqual([true, false]);
    expect(box.node.querySelector('figure')?.getAttribute('data-points')).toBe('3');
  });

  it('keeps dates on the x axis and hosts as names by default', async () => {
    box.element = (
      <MetricChart
        title="loss"
        lines={[
          { name: 'loss', host: 'algo-1', times: [1000, 2000], values: [1, 0.5] },
          { name: 'loss', host: 'algo-2', times: [1000, 2000], values: [1.1, 0.6] }
        ]}
        version={1}
      />
    );
    box.update();
    const chart = await firstChart();
    expect(chart.series.slice(1).map(series => series.label)).toEqual(['algo-1', 'algo-2']);
    expect(chart.scales.x.time).toBe(true);
  });
});
