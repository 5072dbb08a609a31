import '../../charts/__tests__/canvasShim';
import { sleep } from '@jupyterlab/testing';
import { nullTranslator } from '@jupyterlab/translation';
import { ReactWidget } from '@jupyterlab/ui-components';
import { Widget } from '@lumino/widgets';
import * as React from 'react';
import type uPlot from 'uplot';
import { FakeBackend, makeJob } from '../../../jobs/__tests__/fakes';
import { JobsModel } from '../../../jobs/model';
import type { IPriceLookup } from '../../../aws/prices';
import { IMetricSeries, ITrainingJob } from '../../../tokens';
import { CompareRuns } from '../CompareRuns';

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
const at = (minute: number, second = 0) => new Date(Date.UTC(2026, 11, 1, 14, minute, second));
const accuracy = [{ Name: 'val_accuracy', Regex: 'validation_accuracy=([0-9.]+)' }];

/** A run of cell `cell-1` that started at `minute` and logged its accuracy twice. */
function run(name: string, minute: number, c: string, value: number): ITrainingJob {
  return makeJob({
    name,
    cellId: 'cell-1',
    notebookPath: 'examples/classifier.ipynb',
    creationTime: at(minute),
    startTime: at(minute),
    endTime: at(minute, 50),
    metricDefinitions: accuracy,
    hyperparameters: { sagemaker_program: '"train.py"', C: c, seed: '42' },
    finalMetrics: [{ MetricName: 'val_accuracy', Value: value, Timestamp: at(minute, 40) }]
  });
}

/** A backend whose jobs log `val_accuracy` at 20 s and 40 s after their start. */
class RunsBackend extends FakeBackend {
  metricsRead: string[] = [];
  async metrics(name: string): Promise<IMetricSeries[]> {
    this.metricsRead.push(name);
    const job = this.jobs.find(j => j.name === name)!;
    const start = job.startTime!.getTime();
    const final = job.finalMetrics[0].Value;
    return [
      {
        name: 'val_accuracy',
        host: 'algo-1',
        timestamps: [new Date(start + 20000), new Date(start + 40000)],
        values: [final - 0.1, final]
      }
    ];
  }
}

class View extends ReactWidget {
  element: JSX.Element = <div />;
  protected render(): JSX.Element {
    return this.element;
  }
}

async function waitFor<T>(find: () => T | null | undefined | false, what: string): Promise<T> {
  for (let i = 0; i < 300; i++) {
    const found = find();
    if (found) {
      return found;
    }
    await sleep(10);
  }
  throw new Error(`Timed out waiting for ${what}`);
}

describe('CompareRuns', () => {
  let view: View;
  let backend: RunsBackend;
  let model: JobsModel;
  const opened: string[] = [];

  beforeEach(async () => {
    mockCharts.length = 0;
    backend = new RunsBackend('local', [
      run('classifier-b', 10, '0.5', 0.84),
      run('classifier-a', 1, '1.0', 0.81),
      makeJob({ name: 'other-cell', cellId: 'cell-2' })
    ]);
    model = new JobsModel({ backends: [backend], autoStart: false });
    await model.refresh();
    view = new View();
    view.element = (
      <CompareRuns model={model} cellId="cell-1" trans={trans} openJob={name => opened.push(name)} />
    );
    Widget.attach(view, document.body);
    view.update();
  });

  afterEach(() => {
    view.dispose();
    model.dispose();
  });

  const table = () => view.node.querySelector('.jp-SageMakerNLP-compareTable');
  const columns = () =>
    [...view.node.querySelectorAll('thead th[data-job-name]')].map(th => th.getAttribute('data-job-name'));
  const rowCells = (header: string) => {
    const row = [...view.node.querySelectorAll('tbody tr')].find(
      tr => tr.querySelector('th')?.textContent === header
    );
    return row ? [...row.querySelectorAll('td')].map(td => td.textContent) : null;
  };
  const liveChart = () => mockCharts.find(chart => chart.root.isConnected);

  it("shows the cell's runs newest first, what differs and the final metrics", async () => {
    await waitFor(table, 'the table');
    expect(columns()).toEqual(['classifier-b', 'classifier-a']);
    expect(rowCells('C')).toEqual(['0.5', '1.0']);
    expect(rowCells('seed')).toBeNull(); // the same in both
    expect(rowCells('sagemaker_program')).toBeNull();
    expect(view.node.textContent).toContain('1 hyperparameter is the same in every run.');
    expect(rowCells('val_accuracy')).toEqual(['0.84', '0.81']);
    expect(rowCells('Duration')).toEqual(['50s', '50s']);
    expect(rowCells('Cost')).toEqual(['free (local)', 'free (local)']);
    expect(view.node.querySelector('thead th button')?.textContent).toBe('Run 2');
  });

  it('overlays the runs in one chart per metric, each from its own start', async () => {
    const chart = await waitFor(
      () => {
        const found = liveChart();
        return found && found.data[0].length > 0 && found;
      },
      'a chart with data'
    );
    const figure = view.node.querySelector('.jp-SageMakerNLP-compareChart')!;
    expect(figure.getAttribute('data-metric')).toBe('val_accuracy');
    await waitFor(
      () => figure.getAttribute('data-runs') === 'classifier-b classifier-a',
      'both runs drawn'
    );
    expect(chart.series.slice(1).map(series => series.label)).toEqual(['Run 2', 'Run 1']);
    // Seconds since each run's start: the runs, nine minutes apart, line up.
    expect(chart.data[0]).toEqual([20, 40]);
    expect(chart.data[1]).toEqual([0.74, 0.84].map(v => expect.closeTo(v, 6)));
    expect(chart.data[2]).toEqual([0.71, 0.81].map(v => expect.closeTo(v, 6)));
    expect(chart.scales.x.time).toBe(false);
  });

  it('adds a new run of the cell as the model sees it, and compares the latest five at first', async () => {
    await waitFor(table, 'the table');
    for (let i = 0; i < 5; i++) {
      backend.jobs.push(run(`classifier-${i}`, 20 + i, `${i}`, 0.9));
    }
    await model.refresh();
    await waitFor(() => columns().length === 5 && columns()[0] === 'classifier-4', 'the new runs');
    const boxes = [...view.node.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')];
    expect(boxes).toHaveLength(7);
    expect(boxes.map(box => box.checked)).toEqual([true, true, true, true, true, false, false]);
  });

  it('compares the runs ticked, and says so when fewer than two are', async () => {
    await waitFor(table, 'the table');
    const box = view.node.querySelector<HTMLInputElement>('input[name="compare-classifier-b"]')!;
    box.click();
    await waitFor(() => columns().length === 1, 'one column');
    expect(view.node.textContent).toContain('Tick at least two runs to compare them.');
    box.click();
    await waitFor(() => columns().length === 2, 'two columns again');
  });

  it("costs SageMaker runs at their instance type's price, and says when it is unknown", async () => {
    const sagemaker = (name: string, minute: number, instanceType: string) =>
      makeJob({
        ...run(name, minute, '1.0', 0.8),
        target: 'sagemaker',
        arn: `arn:aws:sagemaker:eu-west-1:123456789012:training-job/${name}`,
        instanceType,
        instanceCount: 2,
        billableTimeInSeconds: 1800
      });
    const remote = new RunsBackend('sagemaker', [
      sagemaker('remote-b', 20, 'ml.m5.xlarge'),
      sagemaker('remote-a', 15, 'ml.p3.2xlarge')
    ]);
    const asked: string[] = [];
    const prices: IPriceLookup = {
      price: async (region, instanceType) => {
        asked.push(`${region} ${instanceType}`);
        return instanceType === 'ml.m5.xlarge'
          ? { pricePerHour: 0.23 }
          : { pricePerHour: null, reason: 'unreachable', detail: 'AccessDenied' };
      }
    };
    const remoteModel = new JobsModel({ backends: [remote], autoStart: false });
    await remoteModel.refresh();
    view.element = (
      <CompareRuns model={remoteModel} cellId="cell-1" trans={trans} openJob={() => 0} prices={prices} />
    );
    view.update();
    await waitFor(() => rowCells('Cost')?.[1] === 'price unknown', 'the prices');
    // 1800 s × 2 instances × $0.23/h
    expect(rowCells('Cost')).toEqual(['$0.23', 'price unknown']);
    expect(rowCells('Instances')).toEqual(['2 × ml.m5.xlarge', '2 × ml.p3.2xlarge']);
    expect(asked.sort()).toEqual(['eu-west-1 ml.m5.xlarge', 'eu-west-1 ml.p3.2xlarge']);
    const unknown = view.node.querySelector('tbody .jp-SageMakerNLP-compareMissing[title]')!;
    expect(unknown.getAttribute('title')).toContain('pricing:GetProducts');
    remoteModel.dispose();
  });

  it('opens a run in the sidebar from its column', async () => {
    await waitFor(table, 'the table');
    view.node.querySelector<HTMLButtonElement>('thead th button')!.click();
    expect(opened).toEqual(['classifier-b']);
  });
});
