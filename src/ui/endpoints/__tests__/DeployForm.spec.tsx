/**
 * @jest-environment ./src/aws/__tests__/jsdomWithStreams.js
 */
import { framePromise } from '@jupyterlab/testing';
import { nullTranslator } from '@jupyterlab/translation';
import { ReactWidget } from '@jupyterlab/ui-components';
import { Widget } from '@lumino/widgets';
import * as React from 'react';
import { defaultDeployChoices } from '../../../endpoints/deployChoices';
import type { IHfTaskProposal } from '../../../endpoints/hfTask';
import { makeJob } from '../../../jobs/__tests__/fakes';
import { IDeployChoices } from '../../../tokens';
import { DeployForm } from '../DeployForm';

const trans = nullTranslator.load('jupyterlab_sagemaker_nlp');

async function settle(): Promise<void> {
  for (let i = 0; i < 4; i++) {
    await framePromise();
  }
}

describe('DeployForm', () => {
  let widget: Widget;
  afterEach(() => widget.dispose());

  function show(job: ReturnType<typeof makeJob>, onChange: (c: IDeployChoices) => void, proposal?: IHfTaskProposal) {
    const scripts = [{ label: 'cell 7', file: { path: 'inference.py', content: 'def model_fn(d):\n    return d\n' } }];
    widget = ReactWidget.create(
      <DeployForm
        job={job}
        scripts={scripts}
        initial={defaultDeployChoices(job, proposal)}
        proposal={proposal}
        problems={[]}
        trans={trans}
        onChange={onChange}
      />
    );
    Widget.attach(widget, document.body);
    return widget.node;
  }

  it('asks a SageMaker deploy for kind and size, and takes an inference script from a cell', async () => {
    let chosen: IDeployChoices | null = null;
    const node = show(
      makeJob({ name: 'sk-1', target: 'sagemaker', framework: 'sklearn', status: 'Completed', modelArtifact: 's3://b/m.tar.gz' }),
      c => (chosen = c)
    );
    await settle();
    expect(node.querySelector<HTMLInputElement>('input[name="instanceType"]')?.value).toBe('ml.m5.large');
    const select = node.querySelector<HTMLSelectElement>('select[name="inferenceScript"]')!;
    expect(Array.from(select.options).map(o => o.textContent)).toEqual(['None: the toolkit defaults', 'cell 7']);
    select.value = '0';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await settle();
    expect(chosen!.inferenceScript).toEqual({ path: 'inference.py', content: 'def model_fn(d):\n    return d\n' });
  });

  it('asks a local deploy only for its name', async () => {
    const node = show(
      makeJob({ name: 'sk-2', target: 'local', framework: 'sklearn', status: 'Completed', modelArtifact: '/j/m.tar.gz' }),
      () => undefined
    );
    await settle();
    expect(node.querySelector('input[name="endpointName"]')).not.toBeNull();
    expect(node.querySelector('input[name="instanceType"]')).toBeNull();
    expect(node.querySelector('select[name="mode"]')).toBeNull();
  });

  const bert = () =>
    makeJob({ name: 'bert-1', target: 'sagemaker', framework: 'huggingface', status: 'Completed', modelArtifact: 's3://b/m.tar.gz' });

  it('starts with the task the model’s config.json names, and says so', async () => {
    let chosen: IDeployChoices | null = null;
    const node = show(bert(), c => (chosen = c), { task: 'fill-mask', architecture: 'BertForMaskedLM' });
    await settle();
    const select = node.querySelector<HTMLSelectElement>('select[name="hfTask"]')!;
    expect(select.value).toBe('fill-mask');
    expect(node.querySelector('.jp-SageMakerNLP-hfTaskSource')?.textContent).toBe('from config.json: BertForMaskedLM');
    // Still the user's choice.
    select.value = 'text-classification';
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await settle();
    expect(chosen!.hfTask).toBe('text-classification');
  });

  it('keeps the old default, with a hint, when config.json proposes nothing', async () => {
    const node = show(bert(), () => undefined);
    await settle();
    expect(node.querySelector<HTMLSelectElement>('select[name="hfTask"]')!.value).toBe('text-classification');
    expect(node.querySelector('.jp-SageMakerNLP-hfTaskSource')?.textContent).toBe(
      'The model’s config.json names no known task: pick the one the model was trained for.'
    );
  });

  it('asks no task of a model that is not Hugging Face', async () => {
    const node = show(
      makeJob({ name: 'sk-3', target: 'local', framework: 'sklearn', status: 'Completed', modelArtifact: '/j/m.tar.gz' }),
      () => undefined
    );
    await settle();
    expect(node.querySelector('select[name="hfTask"]')).toBeNull();
    expect(node.querySelector('.jp-SageMakerNLP-hfTaskSource')).toBeNull();
  });
});
