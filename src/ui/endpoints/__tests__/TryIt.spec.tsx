/**
 * @jest-environment ./src/aws/__tests__/jsdomWithStreams.js
 */
import { framePromise, simulate } from '@jupyterlab/testing';
import { nullTranslator } from '@jupyterlab/translation';
import { ReactWidget } from '@jupyterlab/ui-components';
import { Widget } from '@lumino/widgets';
import * as React from 'react';
import { IEndpoint, IInvocation } from '../../../tokens';
import { TryIt } from '../TryIt';

const trans = nullTranslator.load('jupyterlab_sagemaker_nlp');

function endpoint(overrides: Partial<IEndpoint> = {}): IEndpoint {
  return {
    name: 'reviews',
    target: 'sagemaker',
    status: 'InService',
    creationTime: new Date(0),
    variants: [],
    framework: 'huggingface',
    ...overrides
  };
}

/** Types into the textarea as React sees it. */
function type(area: HTMLTextAreaElement, text: string): void {
  const setter = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')!.set!;
  setter.call(area, text);
  area.dispatchEvent(new Event('input', { bubbles: true }));
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await framePromise();
  }
}

describe('TryIt', () => {
  let widget: Widget;
  afterEach(() => widget.dispose());

  function show(props: { endpoint: IEndpoint; invoke: (n: string, b: string, c: string) => Promise<IInvocation> }) {
    widget = ReactWidget.create(<TryIt {...props} trans={trans} />);
    Widget.attach(widget, document.body);
    return widget.node;
  }

  it('sends the text as the framework reads it and pretty-prints the answer with its latency', async () => {
    const sent: [string, string, string][] = [];
    const node = show({
      endpoint: endpoint(),
      invoke: async (name, body, contentType) => {
        sent.push([name, body, contentType]);
        return { body: '[{"label":"POSITIVE","score":0.98}]', contentType: 'application/json', latencyMs: 42.4 };
      }
    });
    await settle();
    const button = node.querySelector<HTMLButtonElement>('button')!;
    expect(button.disabled).toBe(true);
    type(node.querySelector('textarea')!, 'Great kettle!');
    await settle();
    expect(button.disabled).toBe(false);
    simulate(button, 'click');
    await settle();
    expect(sent).toEqual([['reviews', '{"inputs":"Great kettle!"}', 'application/json']]);
    expect(node.querySelector('.jp-SageMakerNLP-tryItAnswer')?.textContent).toBe(
      '[\n  {\n    "label": "POSITIVE",\n    "score": 0.98\n  }\n]'
    );
    expect(node.querySelector('.jp-SageMakerNLP-tryItLatency')?.textContent).toBe('42 ms');
  });

  it('shows the model error, and cannot send to an endpoint that is not InService', async () => {
    const node = show({
      endpoint: endpoint({ status: 'Creating' }),
      invoke: async () => {
        throw new Error('The model answered with an error: boom');
      }
    });
    await settle();
    type(node.querySelector('textarea')!, 'hi');
    await settle();
    const button = node.querySelector<HTMLButtonElement>('button')!;
    expect(button.disabled).toBe(true);
    expect(button.title).toBe('The endpoint is Creating: it answers once InService.');
    widget.dispose();

    const ready = show({
      endpoint: endpoint(),
      invoke: async () => {
        throw new Error('The model answered with an error: boom');
      }
    });
    await settle();
    type(ready.querySelector('textarea')!, 'hi');
    await settle();
    simulate(ready.querySelector('button')!, 'click');
    await settle();
    expect(ready.querySelector('[role="alert"]')?.textContent).toBe('The model answered with an error: boom');
  });
});
