import { framePromise } from '@jupyterlab/testing';
import { nullTranslator } from '@jupyterlab/translation';
import { ReactWidget } from '@jupyterlab/ui-components';
import { Widget } from '@lumino/widgets';
import * as React from 'react';
import { makeJob } from '../../../jobs/__tests__/fakes';
import { ITransformRequest } from '../../../tokens';
import { defaultTransformRequest } from '../../../transform/choices';
import { TransformForm } from '../TransformForm';

const trans = nullTranslator.load('jupyterlab_sagemaker_nlp');

async function settle(): Promise<void> {
  for (let i = 0; i < 4; i++) {
    await framePromise();
  }
}

function choose(node: HTMLElement, name: string, value: string): void {
  const field = node.querySelector<HTMLInputElement | HTMLSelectElement>(`[name="${name}"]`)!;
  const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(field), 'value')!.set!;
  setter.call(field, value);
  field.dispatchEvent(new Event(field instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
}

describe('TransformForm', () => {
  let widget: Widget;
  afterEach(() => widget.dispose());

  function show(job: ReturnType<typeof makeJob>, onChange: (r: ITransformRequest) => void, problems: string[] = []) {
    widget = ReactWidget.create(
      <TransformForm job={job} initial={defaultTransformRequest(job)} problems={problems} trans={trans} onChange={onChange} />
    );
    Widget.attach(widget, document.body);
    return widget.node;
  }

  it('asks a local transform for folders, not instances, and splits only as the local runner can', async () => {
    let chosen: ITransformRequest | null = null;
    const node = show(
      makeJob({ name: 'sk-local', target: 'local', framework: 'sklearn', status: 'Completed', notebookPath: 'work/nb.ipynb' }),
      r => (chosen = r)
    );
    await settle();
    expect(node.querySelector<HTMLInputElement>('input[name="input"]')!.value).toBe('work');
    expect(node.querySelector('input[name="instanceType"]')).toBeNull();
    const splits = node.querySelector<HTMLSelectElement>('select[name="splitType"]')!;
    expect(Array.from(splits.options).map(o => o.value)).toEqual(['None', 'Line']);
    choose(node, 'input', 'work/data/score');
    choose(node, 'strategy', 'MultiRecord');
    await settle();
    expect(chosen).toMatchObject({ input: 'work/data/score', strategy: 'MultiRecord', splitType: 'Line' });
    choose(node, 'output', '  ');
    await settle();
    expect(chosen!.output).toBeUndefined(); // empty means the default folder
  });

  it('asks a SageMaker transform for an S3 prefix and instances, and shows the problems', async () => {
    let chosen: ITransformRequest | null = null;
    const node = show(
      makeJob({ name: 'sk-sm', target: 'sagemaker', framework: 'huggingface', status: 'Completed' }),
      r => (chosen = r),
      ['The input "x" is not an S3 URI: write it as s3://<bucket>/<prefix>.']
    );
    await settle();
    expect(node.querySelector('[role="alert"]')!.textContent).toMatch(/not an S3 URI/);
    expect(node.querySelector<HTMLInputElement>('input[name="instanceType"]')!.value).toBe('ml.m5.xlarge');
    expect(Array.from(node.querySelector<HTMLSelectElement>('select[name="splitType"]')!.options).map(o => o.value)).toEqual([
      'None',
      'Line',
      'RecordIO',
      'TFRecord'
    ]);
    choose(node, 'hfTask', 'text-classification');
    choose(node, 'instanceCount', '3');
    await settle();
    expect(chosen).toMatchObject({ hfTask: 'text-classification', instanceCount: 3 });
  });
});
