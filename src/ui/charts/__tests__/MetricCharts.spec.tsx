import './canvasShim';
import { sleep } from '@jupyterlab/testing';
import { nullTranslator } from '@jupyterlab/translation';
import { ReactWidget } from '@jupyterlab/ui-components';
import { Widget } from '@lumino/widgets';
import * as React from 'react';
import type uPlot from 'uplot';
import { makeJob } from '../../../jobs/__tests__/fakes';
import { IMetricSeries, ITrainingJob, ITrainingJobsModel } from '../../../tokens';
import { MetricCharts } from '../../sidebar/MetricCharts';

// The real uPlot, with every chart it makes kept for the test to look at.
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

const trans = nullTranslator.load('jupyterlab');
const at = (s: number) => new Date(s * 1000);

/** A jobs model that answers metrics from a script of answers. */
function fakeModel(answers: {
  metrics?: IMetricSeries[][];
  systemMetrics?: IMetricSeries[][];
}) {
  const calls = { metrics: [] as (Date | undefined)[], systemMetrics: [] as (Date | undefined)[] };
  const model = {
    metrics: async (_name: string, since?: Date) => {
      calls.metrics.push(since);
      return answers.metrics?.shift() ?? [];
    },
    systemMetrics: answers.systemMetrics
      ? async (_name: string, since?: Date) => {
          calls.systemMetrics.push(since);
          return answers.systemMetrics?.shift() ?? [];
        }
      : undefined
  };
  return { model: model as unknown as ITrainingJobsModel, calls };
}

const lossJob = (overrides: Partial<ITrainingJob> = {}) =>
  makeJob({
    name: 'bert',
    metricDefinitions: [{ Name: 'loss', Regex: "'loss': ([0-9.]+)" }],
    ...overrides
  });

/** Wait until `find` returns something, or fail with what was awaited. */
async function waitFor<T>(find: () => T | null | undefined, what: string): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const found = find();
    if (found) {
      return found;
    }
    await sleep(10);
  }
  throw new Error(`Timed out waiting for ${what}`);
}

const live = () => mockCharts.filter(chart => chart.root.isConnected);
const chartOf = (metric: string) =>
  live().find(chart => chart.root.closest(`[data-metric="${metric}"]`));
const hostsOf = (chart: uPlot) => chart.series.slice(1).map(series => series.label);
const legendOf = (chart: uPlot) =>
  [...chart.root.querySelectorAll('.u-series .u-label')]
    .map(label => label.textContent)
    .slice(1); // the x axis' row

/** The section in a widget attached to the page, as the sidebar has it. */
class Section extends ReactWidget {
  element: JSX.Element = <div />;
  protected render(): JSX.Element {
    return this.element;
  }
}

describe('MetricCharts', () => {
  let section: Section;
  let host: HTMLElement;

  beforeEach(() => {
    mockCharts.length = 0;
    section = new Section();
    host = section.node;
    Widget.attach(section, document.body);
  });

  afterEach(() => {
    section.dispose();
    document.body.removeAttribute('style');
  });

  const show = async (model: ITrainingJobsModel, job: ITrainingJob) => {
    section.element = <MetricCharts model={model} job={job} trans={trans} />;
    section.update();
    await sleep(0);
  };

  it('draws one chart per metric and one line per host', async () => {
    const { model } = fakeModel({
      metrics: [
        [
          { name: 'loss', host: 'algo-2', timestamps: [at(1), at(3)], values: [0.8, 0.6] },
          { name: 'loss', host: 'algo-1', timestamps: [at(1), at(2)], values: [0.9, 0.7] },
          { name: 'accuracy', host: 'algo-1', timestamps: [at(2)], values: [0.5] }
        ]
      ]
    });
    await show(model, lossJob());
    const loss = await waitFor(() => chartOf('loss'), 'the loss chart');
    expect(hostsOf(loss)).toEqual(['algo-1', 'algo-2']);
    expect(legendOf(loss)).toEqual(['algo-1', 'algo-2']);
    expect(loss.data).toEqual([
      [1, 2, 3],
      [0.9, 0.7, null],
      [0.8, null, 0.6]
    ]);
    const accuracy = chartOf('accuracy')!;
    expect(hostsOf(accuracy)).toEqual(['algo-1']);
    expect(accuracy.data).toEqual([[2], [0.5]]);
    // The definitions' metrics come first.
    const titles = [...host.querySelectorAll('.jp-SageMakerNLP-metricChartTitle')];
    expect(titles.map(title => title.textContent)).toEqual(['loss', 'accuracy']);
  });

  it('grows the chart of a running local job as points come, each point once', async () => {
    const { model, calls } = fakeModel({
      metrics: [
        [{ name: 'loss', host: 'algo-1', timestamps: [at(1), at(2)], values: [0.9, 0.7] }],
        // A backend that answers the last point again must not draw it twice.
        [{ name: 'loss', host: 'algo-1', timestamps: [at(2), at(3)], values: [0.7, 0.5] }]
      ]
    });
    await show(model, lossJob({ status: 'InProgress' }));
    const chart = await waitFor(() => chartOf('loss'), 'the loss chart');
    expect(chart.data).toEqual([[1, 2], [0.9, 0.7]]);
    await waitFor(() => calls.metrics.length >= 2 && chartOf('loss')?.data[0].length === 3, 'a second read');
    expect(chartOf('loss')).toBe(chart); // redrawn in place
    expect(chart.data).toEqual([[1, 2, 3], [0.9, 0.7, 0.5]]);
    expect(calls.metrics[1]).toEqual(at(2));
  });

  it('recolours the lines when the theme changes', async () => {
    document.body.style.setProperty('--jp-brand-color1', 'rgb(1, 2, 3)');
    document.body.style.setProperty('--jp-ui-font-color1', 'rgb(10, 10, 10)');
    const { model } = fakeModel({
      metrics: [[{ name: 'loss', host: 'algo-1', timestamps: [at(1)], values: [0.9] }]]
    });
    await show(model, lossJob());
    const light = await waitFor(() => chartOf('loss'), 'the loss chart');
    const stroke = (chart: uPlot) => (chart.series[1].stroke as (u: uPlot, i: number) => string)(chart, 1);
    expect(stroke(light)).toBe('rgb(1, 2, 3)');
    expect(light.axes[0].stroke).toBeDefined();

    document.body.style.setProperty('--jp-brand-color1', 'rgb(200, 100, 0)');
    document.body.style.setProperty('--jp-ui-font-color1', 'rgb(240, 240, 240)');
    document.body.setAttribute('data-jp-theme-light', 'false');
    const dark = await waitFor(() => {
      const chart = chartOf('loss');
      return chart !== light ? chart : undefined;
    }, 'the chart drawn anew');
    expect(light.root.isConnected).toBe(false); // destroyed
    expect(stroke(dark)).toBe('rgb(200, 100, 0)');
    const axisStroke = dark.axes[0].stroke as (u: uPlot, i: number) => string;
    expect(axisStroke(dark, 0)).toBe('rgb(240, 240, 240)');
    expect(dark.data).toEqual([[1], [0.9]]);
    document.body.removeAttribute('data-jp-theme-light');
  });

  it('says why a job with no metric definitions has no charts, and reads none', async () => {
    const { model, calls } = fakeModel({});
    await show(model, makeJob({ name: 'plain', metricDefinitions: [] }));
    await sleep(50);
    const hint = host.querySelector('.jp-SageMakerNLP-noMetrics');
    expect(hint?.textContent).toMatch(/no metric definitions/);
    expect(calls.metrics).toEqual([]);
    expect(live()).toEqual([]);
  });

  it("charts a SageMaker job's instances (0–100 %), and not a local job's", async () => {
    const cpu = (h: string, v: number): IMetricSeries => ({
      name: 'CPUUtilization',
      host: h,
      timestamps: [at(60)],
      values: [v]
    });
    const { model, calls } = fakeModel({
      metrics: [[]],
      systemMetrics: [
        [
          cpu('algo-1', 93),
          cpu('algo-2', 88),
          { name: 'GPUUtilization', host: 'algo-1', timestamps: [], values: [] }
        ]
      ]
    });
    await show(model, lossJob({ target: 'sagemaker' }));
    const chart = await waitFor(() => chartOf('CPUUtilization'), 'the CPU chart');
    expect(hostsOf(chart)).toEqual(['algo-1', 'algo-2']);
    expect(chart.data).toEqual([[60], [93], [88]]);
    expect([chart.scales.y.min, chart.scales.y.max]).toEqual([0, 100]);
    expect(chartOf('GPUUtilization')).toBeUndefined(); // a CPU instance: no points
    expect(host.querySelector('[data-kind="system"] h4')?.textContent).toBe('Instances');

    await show(model, lossJob({ name: 'local-job' }));
    await sleep(50);
    expect(calls.systemMetrics).toHaveLength(1);
    expect(host.querySelector('[data-kind="system"]')).toBeNull();
  });
});
