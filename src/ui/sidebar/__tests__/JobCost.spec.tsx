import { ReactWidget } from '@jupyterlab/apputils';
import { sleep } from '@jupyterlab/testing';
import { nullTranslator } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';
import React from 'react';
import type { IInstancePrice, IPriceLookup } from '../../../aws/prices';
import { makeJob } from '../../../jobs/__tests__/fakes';
import { ITrainingJob } from '../../../tokens';
import { JobCost } from '../JobCost';
import { PriceLookupContext } from '../price';

const trans = nullTranslator.load('jupyterlab');
const ARN = 'arn:aws:sagemaker:eu-west-1:123456789012:training-job/bert';

/** A lookup that answers from a table and records what it was asked. */
class TablePrices implements IPriceLookup {
  asked: string[] = [];
  constructor(private _answer: IInstancePrice) {}
  async price(region: string, instanceType: string): Promise<IInstancePrice> {
    this.asked.push(`${region}/${instanceType}`);
    return this._answer;
  }
}

describe('JobCost', () => {
  let widget: Widget;

  async function show(
    job: ITrainingJob,
    lookup: IPriceLookup | null,
    now = Date.now()
  ): Promise<HTMLElement> {
    widget = ReactWidget.create(
      <PriceLookupContext.Provider value={lookup}>
        <JobCost job={job} trans={trans} now={now} />
      </PriceLookupContext.Provider>
    );
    Widget.attach(widget, document.body);
    // React renders on a later tick; the price comes after that.
    const settled = () => {
      const text = widget.node.textContent ?? '';
      return text.includes('Cost') && !text.includes('looking up');
    };
    for (let i = 0; i < 100 && !settled(); i++) {
      await sleep(10);
    }
    return widget.node;
  }

  const fact = (node: HTMLElement, key: string) =>
    node.querySelector(`[data-cost="${key}"]`)?.textContent ?? null;

  afterEach(() => widget.dispose());

  const spotJob = makeJob({
    name: 'bert',
    target: 'sagemaker',
    arn: ARN,
    instanceType: 'ml.g5.xlarge',
    instanceCount: 2,
    spot: true,
    trainingTimeInSeconds: 1800,
    billableTimeInSeconds: 540
  });

  it('shows times × instances, spot savings, the price and the amount', async () => {
    const lookup = new TablePrices({ pricePerHour: 1.408 });
    const node = await show(spotJob, lookup);
    expect(lookup.asked).toEqual(['eu-west-1/ml.g5.xlarge']);
    expect(fact(node, 'training')).toBe('30m 00s × 2 instances');
    expect(fact(node, 'billable')).toBe('9m 00s × 2 instances');
    expect(fact(node, 'spot')).toBe('70%');
    expect(fact(node, 'price')).toContain('1.41');
    expect(fact(node, 'price')).toContain('ml.g5.xlarge');
    // 540 s × 2 × $1.408 / 3600 = $0.4224
    expect(fact(node, 'amount')).toContain('0.42');
  });

  it('says "price unknown", with why, and no amount, when the API cannot say', async () => {
    const lookup = new TablePrices({
      pricePerHour: null,
      reason: 'unreachable',
      detail: 'AWS could not be reached'
    });
    const node = await show(spotJob, lookup);
    const unknown = node.querySelector<HTMLElement>('.jp-SageMakerNLP-priceUnknown')!;
    expect(unknown.textContent).toBe('price unknown');
    expect(unknown.title).toContain('AWS could not be reached');
    expect(unknown.title).toContain('pricing:GetProducts');
    expect(fact(node, 'amount')).toBeNull();
    expect(fact(node, 'billable')).toBe('9m 00s × 2 instances');
  });

  it('estimates a running job from the elapsed time, and says so', async () => {
    const start = new Date('2026-11-27T10:00:00Z');
    const running = makeJob({
      name: 'running',
      target: 'sagemaker',
      arn: ARN,
      status: 'InProgress',
      instanceType: 'ml.m5.xlarge',
      instanceCount: 1,
      startTime: start
    });
    const node = await show(
      running,
      new TablePrices({ pricePerHour: 0.23 }),
      start.getTime() + 2 * 3600 * 1000
    );
    expect(node.querySelector('[data-cost="amount"]')!.previousSibling!.textContent).toBe(
      'Cost so far'
    );
    expect(fact(node, 'amount')).toContain('0.46');
    expect(fact(node, 'amount')).toContain('estimate');
  });

  it('says why for other partitions, and asks nothing for a local job', async () => {
    const cn = new TablePrices({ pricePerHour: null, reason: 'partition' });
    let node = await show(
      { ...spotJob, arn: 'arn:aws-cn:sagemaker:cn-north-1:123456789012:training-job/bert' },
      cn
    );
    expect(node.querySelector<HTMLElement>('.jp-SageMakerNLP-priceUnknown')!.title).toContain(
      'cn-north-1'
    );
    widget.dispose();

    const lookup = new TablePrices({ pricePerHour: 1 });
    node = await show(makeJob({ name: 'local', trainingTimeInSeconds: 60 }), lookup);
    expect(node.querySelector('.jp-SageMakerNLP-costFree')!.textContent).toBe('free (local)');
    expect(lookup.asked).toEqual([]);
  });

  it('is unknown without a price lookup (no session)', async () => {
    const node = await show(spotJob, null);
    expect(node.querySelector('.jp-SageMakerNLP-priceUnknown')!.textContent).toBe('price unknown');
  });
});
