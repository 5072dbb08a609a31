/**
 * @jest-environment ./src/aws/__tests__/jsdomWithStreams.js
 */
import { framePromise, simulate } from '@jupyterlab/testing';
import { nullTranslator } from '@jupyterlab/translation';
import { ReactWidget } from '@jupyterlab/ui-components';
import { Widget } from '@lumino/widgets';
import * as React from 'react';
import { IScaling } from '../../../endpoints/autoscaling';
import { IEndpoint, IEndpointVariant } from '../../../tokens';
import { Autoscaling, IScalingActions } from '../Autoscaling';

const trans = nullTranslator.load('jupyterlab_sagemaker_nlp');

const endpoint = (variant: IEndpointVariant): IEndpoint => ({
  name: 'reviews',
  target: 'sagemaker',
  status: 'InService',
  creationTime: new Date(0),
  variants: [variant]
});

/** Scaling kept in memory, as Application Auto Scaling would keep it. */
class FakeScaling implements IScalingActions {
  stored: IScaling | null = null;
  calls: string[] = [];
  async read() {
    this.calls.push('read');
    return this.stored;
  }
  async set(_: string, __: IEndpointVariant, scaling: IScaling) {
    this.calls.push('set');
    this.stored = scaling;
  }
  async remove() {
    this.calls.push('remove');
    this.stored = null;
  }
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await framePromise();
  }
}

function setNumber(input: HTMLInputElement, value: number): void {
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, String(value));
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

describe('Autoscaling', () => {
  let widget: Widget;
  afterEach(() => widget.dispose());

  const show = (props: { endpoint: IEndpoint; actions: IScalingActions }) => {
    widget = ReactWidget.create(<Autoscaling {...props} trans={trans} />);
    Widget.attach(widget, document.body);
    return widget.node;
  };

  it('turns scaling on with the numbers given, shows it, and turns it off', async () => {
    const actions = new FakeScaling();
    const node = show({ endpoint: endpoint({ name: 'AllTraffic', instanceType: 'ml.m5.large', instanceCount: 1 }), actions });
    await settle();
    expect(node.querySelector('[data-scaling]')?.textContent).toBe('Off: the endpoint keeps 1 instance(s).');
    setNumber(node.querySelector('input[name="maxInstances"]')!, 4);
    await settle();
    simulate(node.querySelector('button')!, 'click');
    await settle();
    expect(actions.stored).toEqual({ minInstances: 1, maxInstances: 4, invocationsPerInstance: 70 });
    expect(node.querySelector('[data-scaling]')?.textContent).toBe(
      '1 to 4 instances, aiming at 70 invocations per instance and minute.'
    );
    const off = Array.from(node.querySelectorAll('button')).find(b => b.textContent === 'Turn off')!;
    simulate(off, 'click');
    await settle();
    expect(actions.stored).toBeNull();
    expect(actions.calls).toEqual(['read', 'set', 'remove']);
  });

  it('says why scaling does not apply, without asking AWS', async () => {
    const actions = new FakeScaling();
    const node = show({ endpoint: endpoint({ name: 'AllTraffic', instanceType: 'ml.t2.medium', instanceCount: 1 }), actions });
    await settle();
    expect(node.textContent).toMatch(/Burstable instances \(ml\.t2\.medium\) cannot be autoscaled/);
    expect(node.querySelector('button')).toBeNull();
    expect(actions.calls).toEqual([]);
  });
});
