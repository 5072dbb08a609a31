import { nullTranslator } from '@jupyterlab/translation';
import * as React from 'react';
import { framePromise } from '@jupyterlab/testing';
import { ReactWidget } from '@jupyterlab/ui-components';
import { Widget } from '@lumino/widgets';
import { makeJob } from '../../../jobs/__tests__/fakes';
import { Timeline } from '../parts';

const trans = nullTranslator.load('jupyterlab_sagemaker_nlp');
const at = (seconds: number) => new Date(1_700_000_000_000 + seconds * 1000);

describe('Timeline', () => {
  it('lists every step with its message, shares a bar by time, and ticks the current step', async () => {
    const job = makeJob({
      name: 'run',
      target: 'sagemaker',
      status: 'InProgress',
      transitions: [
        { Status: 'Starting', StartTime: at(0), EndTime: at(60), StatusMessage: 'Preparing the instances for training' },
        { Status: 'Downloading', StartTime: at(60), EndTime: at(90) },
        { Status: 'Training', StartTime: at(90), StatusMessage: 'Training image download completed.' }
      ]
    });
    const view = new (class extends ReactWidget {
      now = at(150).getTime();
      render() {
        return <Timeline job={job} trans={trans} now={this.now} />;
      }
    })();
    Widget.attach(view, document.body);
    const node = view.node;
    const render = async (now: number) => {
      view.now = at(now).getTime();
      view.update();
      await framePromise();
      await framePromise();
    };

    await render(150);
    const steps = Array.from(node.querySelectorAll('.jp-SageMakerNLP-timelineStep'));
    expect(steps.map(step => step.querySelector('.jp-SageMakerNLP-timelineStatus')?.textContent)).toEqual([
      'Starting',
      'Downloading',
      'Training'
    ]);
    expect(steps[0].textContent).toContain('Preparing the instances for training');
    expect(steps.map(step => step.getAttribute('aria-current'))).toEqual([null, null, 'step']);
    const shares = Array.from(node.querySelectorAll<HTMLElement>('.jp-SageMakerNLP-timelineShare'));
    expect(shares.map(share => share.style.flexGrow)).toEqual(['60000', '30000', '60000']);

    const duration = () => steps[2].querySelector('.jp-SageMakerNLP-timelineDuration')?.textContent;
    const before = duration();
    await render(210);
    expect(duration()).not.toBe(before);
    expect(node.querySelectorAll<HTMLElement>('.jp-SageMakerNLP-timelineShare')[2].style.flexGrow).toBe('120000');
    view.dispose();
  });
});
