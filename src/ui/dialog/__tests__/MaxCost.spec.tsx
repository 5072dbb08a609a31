import { ReactWidget } from '@jupyterlab/apputils';
import { sleep } from '@jupyterlab/testing';
import { nullTranslator } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';
import React from 'react';
import type { IInstancePrice, IPriceLookup } from '../../../aws/prices';
import { buildTrainingScript } from '../../../script';
import { testSettings } from '../../../training/__tests__/settings';
import { defaultChoices } from '../../../training/defaultChoices';
import { ITrainChoices } from '../../../training/choices';
import { TrainForm } from '../TrainForm';

const SCRIPT = buildTrainingScript(
  [{ id: 'train', cellType: 'code', source: 'import torch\ntorch.save(1, "m.pt")', tags: [] }],
  0
);
const SETUP = {
  region: 'eu-west-1',
  roleArn: 'arn:aws:iam::123456789012:role/SageMakerRole',
  bucket: 'sagemaker-eu-west-1-123456789012'
};

/** Prices by instance type; the ones not listed are unknown. */
class TablePrices implements IPriceLookup {
  asked: string[] = [];
  constructor(private _table: Record<string, number>) {}
  async price(region: string, instanceType: string): Promise<IInstancePrice> {
    this.asked.push(`${region}/${instanceType}`);
    const price = this._table[instanceType];
    return price === undefined
      ? { pricePerHour: null, reason: 'not-listed' }
      : { pricePerHour: price };
  }
}

/** Sets a React-controlled input or select as a user would. */
function enter(element: HTMLInputElement | HTMLSelectElement, value: string): void {
  const proto = Object.getPrototypeOf(element);
  Object.getOwnPropertyDescriptor(proto, 'value')!.set!.call(element, value);
  element.dispatchEvent(new Event(element.tagName === 'SELECT' ? 'change' : 'input', { bubbles: true }));
}

describe('the maximum cost in the Train dialog', () => {
  let widget: Widget;
  let initial: ITrainChoices;

  beforeEach(() => {
    initial = {
      ...defaultChoices({ ...SCRIPT, localModules: [] }, testSettings(), 'notebook.ipynb'),
      target: 'sagemaker'
    };
  });

  afterEach(() => widget.dispose());

  async function show(prices: IPriceLookup | null, choices = initial): Promise<HTMLElement> {
    widget = ReactWidget.create(
      <TrainForm
        initial={choices}
        cells={[]}
        script={SCRIPT.script}
        requirements={[]}
        translations={[]}
        warnings={[]}
        fileNeeds={[]}
        modelSaves={[]}
        candidateFiles={[]}
        awsSetup={SETUP}
        awsProblems={[]}
        problems={[]}
        trans={nullTranslator.load('jupyterlab')}
        onChange={() => undefined}
        prices={prices}
      />
    );
    Widget.attach(widget, document.body);
    await settle();
    return widget.node;
  }

  const line = () => widget.node.querySelector('.jp-SageMakerNLP-maxCost')?.textContent ?? '';

  async function settle(): Promise<void> {
    for (let i = 0; i < 100 && (!line() || line().includes('looking up')); i++) {
      await sleep(10);
    }
  }

  it('is price × count × max runtime, and follows the fields', async () => {
    const type = initial.instanceType;
    const node = await show(new TablePrices({ [type]: 0.5, 'ml.g4dn.2xlarge': 0.94 }), {
      ...initial,
      instanceCount: 2,
      sagemaker: { ...initial.sagemaker, maxRuntimeSeconds: 36000 }
    });
    expect(line()).toBe(`Maximum cost: $10.00 (2 × ${type} at $0.50/h for up to 10 h)`);

    enter(node.querySelector<HTMLInputElement>('input[name="sm-instanceCount"]')!, '3');
    await settle();
    expect(line()).toBe(`Maximum cost: $15.00 (3 × ${type} at $0.50/h for up to 10 h)`);

    enter(node.querySelector<HTMLInputElement>('input[name="sm-maxRuntime"]')!, '5400');
    await settle();
    expect(line()).toBe(`Maximum cost: $2.25 (3 × ${type} at $0.50/h for up to 1.5 h)`);

    const select = node.querySelector<HTMLSelectElement>('select[name="sm-instanceType"]')!;
    enter(select, 'ml.g4dn.2xlarge');
    await settle();
    expect(line()).toBe('Maximum cost: $4.23 (3 × ml.g4dn.2xlarge at $0.94/h for up to 1.5 h)');
  });

  it('gives the on-demand ceiling with spot', async () => {
    const type = initial.instanceType;
    await show(new TablePrices({ [type]: 0.5 }), {
      ...initial,
      instanceCount: 1,
      sagemaker: { ...initial.sagemaker, maxRuntimeSeconds: 7200, useSpot: true }
    });
    expect(line()).toBe(
      `Maximum cost: at most $1.00 on demand (1 × ${type} at $0.50/h for up to 2 h); spot is usually less`
    );
  });

  it('says the price is unknown, and why, rather than guessing', async () => {
    const type = initial.instanceType;
    const prices = new TablePrices({});
    await show(prices, {
      ...initial,
      instanceCount: 1,
      sagemaker: { ...initial.sagemaker, maxRuntimeSeconds: 86400 }
    });
    expect(prices.asked).toEqual([`eu-west-1/${type}`]);
    expect(line()).toBe(`Maximum cost: price unknown (1 × ${type} for up to 24 h)`);
    const title = widget.node.querySelector<HTMLElement>('.jp-SageMakerNLP-maxCost')!.title;
    expect(title).toBe(`The AWS Price List API lists no single training price for ${type} in eu-west-1.`);
  });

  it('is not shown for a local job', async () => {
    await show(new TablePrices({}), { ...initial, target: 'local' });
    expect(widget.node.querySelector('.jp-SageMakerNLP-maxCost')).toBeNull();
  });
});
