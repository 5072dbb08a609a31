import { framePromise, sleep } from '@jupyterlab/testing';
import { nullTranslator } from '@jupyterlab/translation';
import { CommandRegistry } from '@lumino/commands';
import { Widget } from '@lumino/widgets';
import { JobsModel } from '../../../jobs/model';
import { FakeBackend, makeJob } from '../../../jobs/__tests__/fakes';
import { Framework, JobStatus } from '../../../tokens';
import { ROW_HEIGHT } from '../JobList';
import { JobsPanel } from '../JobsPanel';

const FRAMEWORKS: Framework[] = ['pytorch', 'huggingface', 'sklearn'];
const STATUSES: JobStatus[] = ['Completed', 'Failed', 'Stopped'];

function manyJobs(count: number) {
  const start = Date.now() - 60000;
  return Array.from({ length: count }, (_, i) =>
    makeJob({
      name: `run-${String(i).padStart(4, '0')}`,
      framework: FRAMEWORKS[i % 3],
      status: STATUSES[i % 3],
      creationTime: new Date(start - i * 1000)
    })
  );
}

async function waitFor(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (condition()) {
      return;
    }
    await sleep(10);
  }
  throw new Error(`Timed out waiting for ${what}`);
}

/** Types into a React-controlled field as a user would. */
function enter(field: HTMLInputElement | HTMLSelectElement, value: string): void {
  const prototype = field instanceof HTMLInputElement ? HTMLInputElement : HTMLSelectElement;
  Object.getOwnPropertyDescriptor(prototype.prototype, 'value')!.set!.call(field, value);
  field.dispatchEvent(new Event(field instanceof HTMLInputElement ? 'input' : 'change', { bubbles: true }));
}

describe('JobList', () => {
  let backend: FakeBackend;
  let model: JobsModel;
  let panel: JobsPanel;

  const rows = () =>
    Array.from(panel.node.querySelectorAll<HTMLElement>('.jp-SageMakerNLP-jobRow'));
  const names = () => rows().map(row => row.dataset.jobName);
  const query = <T extends Element>(selector: string) => panel.node.querySelector<T>(selector)!;

  async function show(count: number): Promise<void> {
    backend = new FakeBackend('local', manyJobs(count));
    model = new JobsModel({ backends: [backend], autoStart: false });
    await model.refresh();
    panel = new JobsPanel({ model, translator: nullTranslator, commands: new CommandRegistry() });
    Widget.attach(panel, document.body);
    await framePromise();
    await waitFor(() => rows().length > 0, 'rows');
  }

  afterEach(() => {
    panel.dispose();
    model.dispose();
    jest.restoreAllMocks();
  });

  it('draws only the rows in view of 2000 jobs, and tells the model which', async () => {
    const onScreen: string[][] = [];
    await show(2000);
    const setOnScreen = jest.spyOn(model, 'setOnScreen');
    setOnScreen.mockImplementation(names => void onScreen.push([...names]));
    // No layout yet (jsdom): the first 50.
    expect(rows()).toHaveLength(50);

    const scroller = query<HTMLElement>('.jp-SageMakerNLP-jobRows');
    Object.defineProperty(scroller, 'clientHeight', { value: 10 * ROW_HEIGHT, configurable: true });
    scroller.scrollTop = 1000 * ROW_HEIGHT;
    scroller.dispatchEvent(new Event('scroll'));
    await waitFor(() => names()[0] === 'run-0992', 'the rows around 1000');
    // 10 in view, 8 either side.
    expect(names()).toEqual(Array.from({ length: 26 }, (_, i) => `run-${String(992 + i).padStart(4, '0')}`));
    expect(rows()[8].style.top).toBe(`${1000 * ROW_HEIGHT}px`);
    expect(query<HTMLElement>('ul[role="listbox"]').style.height).toBe(`${2000 * ROW_HEIGHT}px`);
    await waitFor(() => onScreen.length > 0, 'the model to hear of the rows');
    expect(onScreen[onScreen.length - 1]).toEqual(names());
  });

  it('searches by name and filters by status and framework', async () => {
    await show(30);
    enter(query<HTMLInputElement>('.jp-SageMakerNLP-jobSearch'), 'RUN-001');
    await waitFor(() => rows().length === 10, 'the search');
    expect(names()).toEqual(Array.from({ length: 10 }, (_, i) => `run-001${i}`));
    expect(query('.jp-SageMakerNLP-jobCount').textContent).toBe('10 of 30 jobs');

    enter(query<HTMLInputElement>('.jp-SageMakerNLP-jobSearch'), '');
    enter(query<HTMLSelectElement>('select[aria-label="Status"]'), 'Failed');
    await waitFor(() => rows().length === 10, 'the status filter');
    expect(rows().every(row => row.dataset.status === 'Failed')).toBe(true);

    const frameworks = query<HTMLSelectElement>('select[aria-label="Framework"]');
    expect([...frameworks.options].map(option => option.value)).toEqual([
      '',
      'huggingface',
      'pytorch',
      'sklearn'
    ]);
    enter(frameworks, 'sklearn');
    await waitFor(() => rows().length === 0 || names()[0] !== 'run-0001', 'the framework filter');
    // Failed jobs are 1, 4, 7…; sklearn ones 2, 5, 8…: none is both.
    expect(rows()).toHaveLength(0);
    enter(frameworks, 'huggingface');
    await waitFor(() => rows().length === 10, 'Failed Hugging Face jobs');
    expect(names()[0]).toBe('run-0001');
  });

  it('says "retrying" while AWS throttles, and nothing once it recovers', async () => {
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    await show(3);
    backend.failure = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    await model.refresh();
    await waitFor(() => !!panel.node.querySelector('.jp-SageMakerNLP-backendRetrying'), 'the notice');
    expect(query('.jp-SageMakerNLP-backendRetrying').textContent).toBe(
      'AWS is throttling Local requests: retrying in 10 s.'
    );
    expect(panel.node.querySelector('.jp-SageMakerNLP-backendError')).toBeNull();
    expect(rows()).toHaveLength(3);

    backend.failure = null;
    await model.refresh();
    await waitFor(() => !panel.node.querySelector('.jp-SageMakerNLP-backendRetrying'), 'recovery');
  });

  it('pauses the model while the sidebar is hidden', async () => {
    await show(3);
    expect(model.isWatched).toBe(true);
    panel.hide();
    await waitFor(() => !model.isWatched, 'the model to pause');
    const calls = backend.listCalls;
    await model.refresh();
    expect(backend.listCalls).toBe(calls);
    panel.show();
    await waitFor(() => model.isWatched, 'the model to resume');
    await waitFor(() => backend.listCalls > calls, 'a listing on show');
  });
});
