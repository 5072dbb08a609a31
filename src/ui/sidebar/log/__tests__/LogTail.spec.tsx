import { simulate, sleep } from '@jupyterlab/testing';
import { nullTranslator } from '@jupyterlab/translation';
import { ReactWidget } from '@jupyterlab/ui-components';
import { Widget } from '@lumino/widgets';
import * as React from 'react';
import { JobsModel } from '../../../../jobs/model';
import { isActive } from '../../../../jobs/status';
import { FakeBackend, makeJob } from '../../../../jobs/__tests__/fakes';
import { ILogEvent, ILogPage, ILogStream, ITrainingJob } from '../../../../tokens';
import { LogTail } from '../../LogTail';
import { useLogFollower } from '../../useLogFollower';

const trans = nullTranslator.load('jupyterlab_sagemaker_nlp');

/** A backend whose job logs on several hosts: each stream answers its pages, then its end. */
class HostsBackend extends FakeBackend {
  streams: ILogStream[] = [];
  pages: Record<string, ILogPage[]> = {};
  calls: [string, string | undefined][] = [];

  async logStreams(): Promise<ILogStream[]> {
    return this.streams;
  }

  async logs(_name: string, stream: string, nextToken?: string): Promise<ILogPage> {
    this.calls.push([stream, nextToken]);
    return this.pages[stream]?.shift() ?? { events: [], nextToken: nextToken ?? '' };
  }

  /** One stream per host, each with one page of `events`. */
  setLog(job: string, byHost: Record<string, ILogEvent[]>): void {
    this.streams = Object.keys(byHost).map(host => ({ name: `${job}/${host}-1`, host }));
    for (const [host, events] of Object.entries(byHost)) {
      this.pages[`${job}/${host}-1`] = [{ events, nextToken: `${host}-end` }];
    }
  }
}

function readText(blob: Blob): Promise<string> {
  return new Promise(resolve => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.readAsText(blob);
  });
}

/** A screenful (320 px of 17 px rows) and 30 rows either side. */
const MAX_ROWS = 19 + 2 * 30;

const event = (timestamp: number, message: string): ILogEvent => ({ timestamp, message });

/** The log tail as the job view gives it its follower. */
function FollowedLogTail(props: {
  model: JobsModel;
  job: ITrainingJob;
  trans: typeof trans;
  visible?: boolean;
}): JSX.Element {
  const follower = useLogFollower(props.model, props.job);
  return <LogTail follower={follower} active={isActive(props.job)} trans={props.trans} visible={props.visible} />;
}

describe('LogTail', () => {
  let backend: HostsBackend;
  let model: JobsModel;
  let widget: Widget;
  let host: HTMLElement;

  async function show(job: ITrainingJob): Promise<void> {
    backend.jobs = [job];
    await model.refresh();
    widget = ReactWidget.create(<FollowedLogTail model={model} job={job} trans={trans} />);
    Widget.attach(widget, document.body);
    host = widget.node;
    // The view is drawn once the follower is made; then its first read lands.
    await waitFor(() => !!host.querySelector('.jp-SageMakerNLP-logToolbar'), 'the log view');
    await settle(50);
  }

  /** Let reads finish and React render what they brought. */
  const settle = (ms = 10) => sleep(ms);

  async function waitFor(done: () => boolean, what: string): Promise<void> {
    for (let i = 0; i < 200 && !done(); i++) {
      await sleep(20);
    }
    if (!done()) {
      throw new Error(`Timed out waiting for ${what}`);
    }
  }

  async function click(element: HTMLElement): Promise<void> {
    element.click();
    await settle();
  }

  async function press(key: string, shiftKey = false): Promise<void> {
    simulate(search(), 'keydown', { key, shiftKey });
    await settle();
  }

  const tail = () => host.querySelector<HTMLElement>('.jp-SageMakerNLP-logTail')!;
  const rows = () => Array.from(host.querySelectorAll<HTMLElement>('.jp-SageMakerNLP-logRow'));
  const rowTexts = () => rows().map(row => row.textContent!.replace(/\n$/, ''));
  const button = (text: string) =>
    Array.from(host.querySelectorAll('button')).find(b => b.textContent === text)!;
  const search = () => host.querySelector<HTMLInputElement>('.jp-SageMakerNLP-logSearch')!;

  async function type(query: string): Promise<void> {
    // As a user types: React sees the input event, not a bare value change.
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
    setValue.call(search(), query);
    search().dispatchEvent(new Event('input', { bubbles: true }));
    await settle();
  }

  beforeEach(() => {
    backend = new HostsBackend('sagemaker');
    model = new JobsModel({ backends: [backend], autoStart: false });
  });

  afterEach(() => {
    widget.dispose();
    model.dispose();
  });

  it('shows every host merged by time, and a tab per host', async () => {
    backend.setLog('job', {
      'algo-1': [event(1, 'one starts\n'), event(3, 'one trains\n')],
      'algo-2': [event(2, 'two starts\n'), event(4, 'two trains\n')]
    });
    await show(makeJob({ name: 'job', target: 'sagemaker' }));
    expect(rowTexts()).toEqual([
      'algo-1 one starts',
      'algo-2 two starts',
      'algo-1 one trains',
      'algo-2 two trains'
    ]);
    const tabs = Array.from(host.querySelectorAll('[role="tab"]')).map(t => t.textContent);
    expect(tabs).toEqual(['All hosts', 'algo-1', 'algo-2']);

    await click(button('algo-2'));
    expect(rowTexts()).toEqual(['two starts', 'two trains']);
    expect(button('algo-2').getAttribute('aria-selected')).toBe('true');
  });

  it('renders ANSI colours as styles and markup in the log as text', async () => {
    backend.setLog('job', {
      'algo-1': [event(1, '\x1b[1;31mError:\x1b[0m <img src=x onerror="alert(1)"><script>x()</script>\n')]
    });
    await show(makeJob({ name: 'job', target: 'sagemaker' }));
    expect(tail().querySelector('img, script')).toBeNull();
    const red = tail().querySelector('.jp-SageMakerNLP-ansi-red-fg')!;
    expect(red.textContent).toBe('Error:');
    expect(red.classList).toContain('jp-SageMakerNLP-ansi-bold');
    expect(tail().textContent).toBe('Error: <img src=x onerror="alert(1)"><script>x()</script>');
    expect(tail().textContent).not.toContain('\x1b');
  });

  it('finds, highlights and steps through what is searched', async () => {
    backend.setLog('job', {
      'algo-1': [event(1, 'epoch 1 Loss=0.5\n'), event(2, 'accuracy 0.8\n'), event(3, 'epoch 2 loss=0.4 loss\n')]
    });
    await show(makeJob({ name: 'job', target: 'sagemaker' }));
    await type('loss');
    const count = () => host.querySelector('.jp-SageMakerNLP-logMatchCount')!.textContent;
    const marks = () => Array.from(tail().querySelectorAll('mark'));
    const current = () => tail().querySelector('mark.jp-mod-current')!;
    expect(count()).toBe('1 of 3');
    expect(marks().map(m => m.textContent)).toEqual(['Loss', 'loss', 'loss']);
    expect(current().closest('.jp-SageMakerNLP-logRow')!.textContent).toContain('epoch 1');

    await press('Enter');
    expect(count()).toBe('2 of 3');
    expect(current().closest('.jp-SageMakerNLP-logRow')!.textContent).toContain('epoch 2');
    await press('Enter', true);
    await press('Enter', true);
    expect(count()).toBe('3 of 3');

    await type('nowhere');
    expect(count()).toBe('No match');
    expect(marks()).toHaveLength(0);
  });

  it('draws a bounded number of rows for 100,000 lines, the last ones at first', async () => {
    const events = Array.from({ length: 100000 }, (_, i) => event(i, `line ${i}\n`));
    backend.setLog('job', { 'algo-1': events });
    await show(makeJob({ name: 'job', target: 'sagemaker' }));
    await waitFor(() => rows().length > 0, 'the rows');
    expect(rows().length).toBeGreaterThan(10);
    expect(rows().length).toBeLessThanOrEqual(MAX_ROWS);
    expect(rowTexts()[rows().length - 1]).toBe('line 99999');

    // Scrolled to the middle, it draws the middle.
    const node = tail();
    const rowHeight = parseFloat(rows()[0].style.height);
    Object.defineProperty(node, 'scrollHeight', { value: 100000 * rowHeight });
    Object.defineProperty(node, 'clientHeight', { value: 320 });
    node.scrollTop = 50000 * rowHeight;
    node.dispatchEvent(new Event('scroll'));
    await settle();
    expect(rows().length).toBeLessThanOrEqual(MAX_ROWS);
    expect(rowTexts()).toContain('line 50000');
    expect(rowTexts()).not.toContain('line 99999');
  });

  it('cuts a 1 MB line into rows and draws only those in view', async () => {
    const long = 'x'.repeat(1 << 20);
    backend.setLog('job', { 'algo-1': [event(1, 'before\n'), event(2, `${long}\n`)] });
    await show(makeJob({ name: 'job', target: 'sagemaker' }));
    expect(rows().length).toBeLessThanOrEqual(MAX_ROWS);
    const drawn = rows().reduce((sum, row) => sum + row.textContent!.length, 0);
    expect(drawn).toBeLessThan(MAX_ROWS * 300);
    const spacer = host.querySelector<HTMLElement>('.jp-SageMakerNLP-logSpacer')!;
    expect(parseFloat(spacer.style.height)).toBeGreaterThan(1000 * parseFloat(rows()[0].style.height));
  });

  it('stops reading while paused, and catches up when resumed', async () => {
    const job = makeJob({ name: 'run', target: 'sagemaker', status: 'InProgress' });
    backend.setLog('run', { 'algo-1': [event(1, 'step 1\n')] });
    await show(job);
    expect(rowTexts()).toEqual(['step 1']);
    await click(button('Pause'));
    await settle(50);
    const calls = backend.calls.length;
    backend.pages['run/algo-1-1'] = [{ events: [event(2, 'step 2\n')], nextToken: 'later' }];
    await settle(1300);
    expect(backend.calls.length).toBe(calls);
    expect(rowTexts()).toEqual(['step 1']);

    await click(button('Resume'));
    await settle(50);
    expect(rowTexts()).toEqual(['step 1', 'step 2']);
  });

  it('reads the end of a job that ended while its log was hidden, once shown', async () => {
    const running = makeJob({ name: 'run', target: 'sagemaker', status: 'InProgress' });
    backend.setLog('run', { 'algo-1': [event(1, 'step 1\n')] });
    backend.jobs = [running];
    await model.refresh();
    const view = new (class extends ReactWidget {
      job = running;
      shown = true;
      render() {
        return <FollowedLogTail model={model} job={this.job} trans={trans} visible={this.shown} />;
      }
    })();
    widget = view;
    Widget.attach(view, document.body);
    host = view.node;
    await waitFor(() => rowTexts().length === 1, 'the first line');
    view.shown = false;
    view.update();
    await settle(50);
    backend.pages['run/algo-1-1'] = [{ events: [event(2, 'done\n')], nextToken: 'end' }];
    view.job = { ...running, status: 'Completed' };
    view.update();
    await settle(50);
    expect(rowTexts()).toEqual(['step 1']);
    view.shown = true;
    view.update();
    await waitFor(() => rowTexts().length === 2, 'the last line');
    expect(rowTexts()).toEqual(['step 1', 'done']);
  });

  it('says it waits for the instances while the job has no log stream', async () => {
    await show(makeJob({ name: 'new', target: 'sagemaker', status: 'InProgress' }));
    expect(tail().textContent).toBe('Waiting for the instances to start logging…');
    expect(host.querySelector('[role="alert"]')).toBeNull();
  });

  it('downloads what is loaded as a .log file, merged or per host', async () => {
    backend.setLog('job', {
      'algo-1': [event(1, '\x1b[32mok\x1b[0m\n'), event(3, 'done')],
      'algo-2': [event(2, 'two\n')]
    });
    await show(makeJob({ name: 'job', target: 'sagemaker' }));
    const saved: { name: string; text: string }[] = [];
    const blobs: Blob[] = [];
    URL.createObjectURL = (blob: Blob) => `blob:${blobs.push(blob)}`;
    URL.revokeObjectURL = () => undefined;
    const save = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function (this: HTMLAnchorElement) {
        saved.push({ name: this.download, text: '' });
      });
    await click(button('Download'));
    await click(button('algo-1'));
    await click(button('Download'));
    save.mockRestore();
    const texts = await Promise.all(blobs.map(readText));
    expect(saved.map(s => s.name)).toEqual(['job.log', 'job-algo-1.log']);
    expect(texts).toEqual([
      '[algo-1] \x1b[32mok\x1b[0m\n[algo-2] two\n[algo-1] done\n',
      '\x1b[32mok\x1b[0m\ndone\n'
    ]);
  });
});
