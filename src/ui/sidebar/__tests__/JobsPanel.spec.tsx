import { framePromise, simulate, sleep } from '@jupyterlab/testing';
import { nullTranslator } from '@jupyterlab/translation';
import { CommandRegistry } from '@lumino/commands';
import { Widget } from '@lumino/widgets';
import { CommandIDs } from '../../../commands/ids';
import { addJobCommands } from '../../../commands/jobCommands';
import { JobsModel } from '../../../jobs/model';
import { FakeBackend, makeJob } from '../../../jobs/__tests__/fakes';
import { ServerConnection } from '@jupyterlab/services';
import { LocalBackend } from '../../../backends/local';
import { JobsPanel } from '../JobsPanel';

const minutesAgo = (n: number) => new Date(Date.now() - n * 60000);

/** Wait until `find` returns something, or fail with what was awaited. */
async function waitFor<T>(find: () => T | null | undefined, what: string): Promise<T> {
  for (let i = 0; i < 100; i++) {
    const found = find();
    if (found) {
      return found;
    }
    await sleep(10);
  }
  throw new Error(`Timed out waiting for ${what}`);
}

function jobs() {
  return [
    makeJob({
      name: 'bert-completed',
      framework: 'huggingface',
      status: 'Completed',
      secondaryStatus: 'Completed',
      creationTime: minutesAgo(30),
      startTime: minutesAgo(29),
      endTime: minutesAgo(25),
      finalMetrics: [
        { MetricName: 'accuracy', Value: 0.9123, Timestamp: minutesAgo(25) },
        { MetricName: 'loss', Value: 0.25, Timestamp: minutesAgo(25) }
      ],
      transitions: [
        {
          Status: 'Training',
          StartTime: minutesAgo(29),
          EndTime: minutesAgo(26),
          StatusMessage: 'Training in progress.'
        }
      ],
      modelArtifact: '/srv/jobs/bert-completed/model.tar.gz'
    }),
    makeJob({
      name: 'sk-failed',
      framework: 'sklearn',
      status: 'Failed',
      secondaryStatus: 'Failed',
      creationTime: minutesAgo(20),
      startTime: minutesAgo(20),
      endTime: minutesAgo(19),
      failureReason: 'AlgorithmError: ValueError: could not convert string to float'
    }),
    makeJob({
      name: 'pt-queued',
      framework: 'pytorch',
      status: 'InProgress',
      secondaryStatus: 'Pending',
      creationTime: minutesAgo(1),
      queuePosition: 1
    })
  ];
}

describe('JobsPanel', () => {
  let backend: FakeBackend;
  let model: JobsModel;
  let panel: JobsPanel;
  let commands: CommandRegistry;

  const rows = () =>
    Array.from(panel.node.querySelectorAll<HTMLElement>('.jp-SageMakerNLP-jobRow'));
  const detail = () => panel.node.querySelector<HTMLElement>('.jp-SageMakerNLP-jobDetail');

  async function show(): Promise<void> {
    await model.refresh();
    panel = new JobsPanel({ model, translator: nullTranslator, commands });
    Widget.attach(panel, document.body);
    await framePromise();
  }

  beforeEach(() => {
    backend = new FakeBackend('local', jobs());
    model = new JobsModel({ backends: [backend], autoStart: false });
    commands = new CommandRegistry();
    addJobCommands(commands, model, nullTranslator.load('jupyterlab_sagemaker_nlp'));
  });

  afterEach(() => {
    panel.dispose();
    model.dispose();
  });

  it('is the Training jobs sidebar', async () => {
    await show();
    expect(panel.id).toBe('sagemaker-nlp-jobs');
    expect(panel.title.caption).toBe('Training jobs');
    expect(panel.title.icon).toBeTruthy();
  });

  it('shows one row per job, newest first, with a status in words', async () => {
    await show();
    await waitFor(() => rows().length === 3, 'three rows');
    const [queued, failed, completed] = rows();
    expect(rows().map(row => row.dataset.jobName)).toEqual([
      'pt-queued',
      'sk-failed',
      'bert-completed'
    ]);
    expect(rows().map(row => row.dataset.status)).toEqual([
      'InProgress',
      'Failed',
      'Completed'
    ]);
    expect(queued.textContent).toContain('Queued (#1)');
    expect(queued.textContent).toContain('PyTorch');
    expect(queued.textContent).toContain('Local');
    expect(failed.textContent).toContain('Failed');
    expect(completed.textContent).toContain('Completed');
    expect(completed.textContent).toContain('Hugging Face');
    expect(completed.textContent).toContain('4m 00s');
  });

  it('explains how to start when there is no job', async () => {
    backend.jobs = [];
    await show();
    const empty = await waitFor(
      () => panel.node.querySelector('.jp-SageMakerNLP-jobList .jp-SageMakerNLP-emptyState'),
      'the empty state'
    );
    expect(empty.textContent).toContain(
      'Select the cell that trains and click Train this cell'
    );
  });

  it('shows a completed job with its metrics and model artifact', async () => {
    await show();
    await waitFor(() => rows().length === 3, 'rows');
    simulate(rows()[2], 'click');
    expect(model.selected).toBe('bert-completed');

    const shown = await waitFor(detail, 'the detail');
    expect(shown.dataset.jobName).toBe('bert-completed');
    const metrics = shown.querySelector('.jp-SageMakerNLP-finalMetrics')!;
    const cells = Array.from(metrics.querySelectorAll('tbody td')).map(td => td.textContent);
    expect(cells).toEqual(['accuracy', '0.9123', 'loss', '0.25']);
    expect(shown.querySelector('.jp-SageMakerNLP-artifactPath')?.textContent).toBe(
      '/srv/jobs/bert-completed/model.tar.gz'
    );
    expect(shown.querySelector('.jp-SageMakerNLP-timeline')?.textContent).toContain(
      'Training in progress.'
    );
    // A finished job has nothing to stop: no Stop button.
    expect(shown.querySelector('.jp-SageMakerNLP-stopButton')).toBeNull();
    expect(shown.querySelector('.jp-SageMakerNLP-failureReason')).toBeNull();
    await waitFor(
      () => rows()[2].getAttribute('aria-selected') === 'true',
      'the row to show it is selected'
    );
  });

  it('shows the failure reason of a failed job, and the traceback its log ends with', async () => {
    const at = (i: number, message: string) => ({ timestamp: 1000 + i, message });
    backend.logPages = [
      {
        events: [
          at(1, 'epoch 1\n'),
          at(2, 'Traceback (most recent call last):\n'),
          at(3, '  File "train.py", line 9, in <module>\n'),
          at(4, '\u001b[31mValueError: could not convert string to float\u001b[0m\n')
        ],
        nextToken: 'end'
      }
    ];
    model.select('sk-failed');
    await show();
    const reason = await waitFor(
      () => panel.node.querySelector('.jp-SageMakerNLP-failureReason'),
      'the failure reason'
    );
    expect(reason.textContent).toBe(
      'AlgorithmError: ValueError: could not convert string to float'
    );
    expect(reason.closest('[role="alert"]')).not.toBeNull();
    const lines = await waitFor(
      () => panel.node.querySelector('.jp-SageMakerNLP-failureLines'),
      'the last lines of the log'
    );
    expect(lines.textContent).toBe(
      [
        'Traceback (most recent call last):',
        '  File "train.py", line 9, in <module>',
        'ValueError: could not convert string to float'
      ].join('\n')
    );
    expect(panel.node.querySelector('.jp-SageMakerNLP-finalMetrics')).toBeNull();
  });

  it('moves the selection with the arrow keys', async () => {
    await show();
    await waitFor(() => rows().length === 3, 'rows');
    expect(rows()[0].tabIndex).toBe(0);
    expect(rows()[1].tabIndex).toBe(-1);
    simulate(rows()[0], 'keydown', { key: 'ArrowDown' });
    expect(model.selected).toBe('sk-failed');
    simulate(rows()[1], 'keydown', { key: 'End' });
    expect(model.selected).toBe('bert-completed');
    await waitFor(() => rows()[2].tabIndex === 0, 'the selected row to be focusable');
    expect(document.activeElement).toBe(rows()[2]);
  });

  it('tails the log of the selected job', async () => {
    backend.logPages = [
      {
        events: [
          { timestamp: 1, message: 'epoch 1 loss=0.5\n' },
          { timestamp: 2, message: 'epoch 2 loss=0.25\n' }
        ],
        nextToken: 't2'
      }
    ];
    model.select('bert-completed');
    await show();
    const tail = await waitFor(
      () => {
        const node = panel.node.querySelector('.jp-SageMakerNLP-logTail');
        return node?.textContent?.includes('epoch 2') ? node : null;
      },
      'the log lines'
    );
    expect(tail.textContent).toBe('epoch 1 loss=0.5\nepoch 2 loss=0.25');
    // A finished job's log is read once, up to its end.
    await sleep(50);
    expect(backend.logCalls).toEqual([undefined, 't2']);
  });

  it('follows a running log only while the detail is visible', async () => {
    backend.jobs = [
      makeJob({ name: 'running', status: 'InProgress', startTime: minutesAgo(1) })
    ];
    backend.logPages = [
      { events: [{ timestamp: 1, message: 'step 1' }], nextToken: 't1' }
    ];
    model.select('running');
    await show();
    await waitFor(() => backend.logCalls.length >= 2, 'the first read');
    const detailView = panel.widgets[1];
    detailView.hide();
    await sleep(50);
    const calls = backend.logCalls.length;
    await sleep(1200);
    expect(backend.logCalls.length).toBe(calls);
    detailView.show();
    await waitFor(() => backend.logCalls.length > calls, 'following again');
    expect(backend.logCalls[backend.logCalls.length - 1]).toBe('t1');
  });

  it('stops a running job', async () => {
    backend.jobs = [
      makeJob({
        name: 'running',
        status: 'InProgress',
        secondaryStatus: 'Training',
        creationTime: minutesAgo(2),
        startTime: minutesAgo(2)
      })
    ];
    model.select('running');
    await show();
    const stop = await waitFor(
      () => panel.node.querySelector<HTMLButtonElement>('.jp-SageMakerNLP-stopButton'),
      'the stop button'
    );
    expect(stop.disabled).toBe(false);
    expect(stop.textContent).toBe('Stop');
    simulate(stop, 'click');
    await waitFor(() => stop.textContent === 'Stopping…', 'Stopping…');
    expect(stop.disabled).toBe(true);
    expect(backend.stopped).toEqual(['running']);
    await waitFor(() => detail()?.dataset.status === 'Stopping', 'status Stopping');
  });

  it('says when a backend cannot list its jobs', async () => {
    const logged = jest.spyOn(console, 'error').mockImplementation(() => {});
    await show();
    backend.failure = new Error('The server is not answering');
    await model.refresh();
    const banner = await waitFor(
      () => panel.node.querySelector('.jp-SageMakerNLP-backendError'),
      'the error banner'
    );
    expect(banner.textContent).toBe(
      'Could not list Local jobs: The server is not answering. It tries again by itself.'
    );
    expect(rows()).toHaveLength(3);
    logged.mockRestore();
  });

  it('says when the network drops mid-poll, and recovers by itself', async () => {
    const logged = jest.spyOn(console, 'error').mockImplementation(() => {});
    let online = true;
    const answer = {
      jobs: [
        {
          TrainingJobName: 'sk-local',
          TrainingJobStatus: 'InProgress',
          SecondaryStatus: 'Training',
          CreationTime: new Date().toISOString()
        }
      ]
    };
    const settings = ServerConnection.makeSettings({
      baseUrl: 'http://localhost:8888/',
      fetch: () =>
        online
          ? Promise.resolve(new Response(JSON.stringify(answer), { status: 200 }))
          : Promise.reject(new TypeError('Failed to fetch'))
    });
    model.dispose();
    model = new JobsModel({
      backends: [new LocalBackend({ serverSettings: settings })],
      frequency: { active: 20, activeMax: 50, idle: 20, idleMax: 50 },
      standby: 'never'
    });
    await show();
    await waitFor(() => rows().length === 1, 'the job');

    online = false;
    const banner = await waitFor(
      () => panel.node.querySelector('.jp-SageMakerNLP-backendError'),
      'the error banner'
    );
    expect(banner.textContent).toMatch(
      /^Could not list Local jobs: Could not reach the Jupyter server \(TypeError: Failed to fetch\)\..*tries again by itself/
    );
    expect(rows()).toHaveLength(1); // the jobs last seen stay

    online = true;
    await waitFor(() => !panel.node.querySelector('.jp-SageMakerNLP-backendError'), 'the banner to go');
    expect(rows()).toHaveLength(1);
    logged.mockRestore();
  });

  it('stops and refreshes through commands, which its toolbar shows', async () => {
    await show();
    expect(Array.from(panel.toolbar.names())).toEqual(
      expect.arrayContaining(['refresh', 'stop'])
    );
    await waitFor(
      () => panel.toolbar.node.querySelector('[data-command="sagemaker-nlp:stop-job"]'),
      'the Stop button on the toolbar'
    );
    model.select('bert-completed');
    expect(commands.isEnabled(CommandIDs.stopJob)).toBe(false);
    model.select('pt-queued');
    expect(commands.isEnabled(CommandIDs.stopJob)).toBe(true);
    expect(await commands.execute(CommandIDs.stopJob)).toBe(true);
    expect(backend.stopped).toEqual(['pt-queued']);
    const listed = backend.listCalls;
    await commands.execute(CommandIDs.refreshJobs);
    expect(backend.listCalls).toBeGreaterThan(listed);
  });
});
