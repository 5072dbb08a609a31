import { JobsModel } from '../model';
import { FakeBackend, makeJob, makeSpec } from './fakes';

const at = (minute: number) =>
  new Date(`2020-01-01T10:${String(minute).padStart(2, '0')}:00Z`);

describe('JobsModel', () => {
  let local: FakeBackend;
  let sagemaker: FakeBackend;
  let model: JobsModel;

  beforeEach(() => {
    local = new FakeBackend('local', [
      makeJob({ name: 'local-old', creationTime: at(1), cellId: 'c1' }),
      makeJob({ name: 'local-new', creationTime: at(5), cellId: 'c1' })
    ]);
    sagemaker = new FakeBackend('sagemaker', [
      makeJob({ name: 'sm-mid', target: 'sagemaker', creationTime: at(3), cellId: 'c2' })
    ]);
    model = new JobsModel({ backends: [local, sagemaker], autoStart: false });
  });

  afterEach(() => {
    model.dispose();
  });

  it('merges the backends and sorts newest first', async () => {
    await model.refresh();
    expect(model.jobs.map(job => job.name)).toEqual([
      'local-new',
      'sm-mid',
      'local-old'
    ]);
    expect(model.jobs.map(job => job.target)).toEqual([
      'local',
      'sagemaker',
      'local'
    ]);
  });

  it('calls list once per backend per cycle', async () => {
    await model.refresh();
    await model.refresh();
    expect(local.listCalls).toBe(2);
    expect(sagemaker.listCalls).toBe(2);
  });

  it('emits changed only when something changed', async () => {
    let emitted = 0;
    model.changed.connect(() => emitted++);
    await model.refresh();
    expect(emitted).toBe(1);
    const before = model.jobs;

    await model.refresh();
    expect(emitted).toBe(1);
    // Unchanged jobs keep their identity.
    expect(model.jobs[0]).toBe(before[0]);

    local.jobs[1] = { ...local.jobs[1], secondaryStatus: 'Uploading' };
    await model.refresh();
    expect(emitted).toBe(2);
    expect(model.jobs[0].secondaryStatus).toBe('Uploading');
    expect(model.jobs[1]).toBe(before[1]);
  });

  it('submit inserts the job at once, selects it and polls fast', async () => {
    local.jobs = [makeJob({ name: 'done', creationTime: at(1) })];
    await model.refresh();
    expect(model.poll.frequency.interval).toBe(10000);

    const selected: (string | null)[] = [];
    model.selectedChanged.connect((_, name) => selected.push(name));
    let changedBeforeSubmitResolved = false;
    model.changed.connect(() => (changedBeforeSubmitResolved = true));

    const job = await model.submit(makeSpec({ jobName: 'fresh' }));

    expect(changedBeforeSubmitResolved).toBe(true);
    expect(job.name).toBe('fresh');
    expect(model.jobs[0].name).toBe('fresh');
    expect(model.selected).toBe('fresh');
    expect(selected).toEqual(['fresh']);
    expect(model.poll.frequency.interval).toBe(1000);
  });

  it('keeps a submitted job that the listing does not show yet', async () => {
    await model.submit(makeSpec({ jobName: 'lagging' }));
    await model.refresh();
    expect(model.jobs.map(job => job.name)).toContain('lagging');
  });

  it('rejects a submit for a target without backend', async () => {
    const onlyLocal = new JobsModel({ backends: [local], autoStart: false });
    await expect(
      onlyLocal.submit(makeSpec({ target: 'sagemaker' }))
    ).rejects.toThrow(/sagemaker/);
    onlyLocal.dispose();
  });

  it('keeps the jobs of a failing backend and reports its error', async () => {
    const logged = jest.spyOn(console, 'error').mockImplementation(() => {});
    await model.refresh();
    let emitted = 0;
    model.changed.connect(() => emitted++);

    sagemaker.failure = new Error('ExpiredToken: the credentials expired');
    local.jobs.push(makeJob({ name: 'local-newest', creationTime: at(9) }));
    await model.refresh();

    expect(emitted).toBe(1);
    expect(model.errors.get('sagemaker')).toBe(
      'ExpiredToken: the credentials expired'
    );
    expect(model.errors.has('local')).toBe(false);
    expect(model.jobs.map(job => job.name)).toEqual([
      'local-newest',
      'local-new',
      'sm-mid',
      'local-old'
    ]);

    // The same failure again changes nothing.
    await model.refresh();
    expect(emitted).toBe(1);

    // Recovery clears the error and says so.
    sagemaker.failure = null;
    await model.refresh();
    expect(emitted).toBe(2);
    expect(model.errors.size).toBe(0);
    expect(logged).toHaveBeenCalled();
    logged.mockRestore();
  });

  it('finds the latest job of a cell', async () => {
    await model.refresh();
    expect(model.latestForCell('c1')?.name).toBe('local-new');
    expect(model.latestForCell('c2')?.name).toBe('sm-mid');
    expect(model.latestForCell('nope')).toBeUndefined();
  });

  it('selects and says so once', () => {
    const seen: (string | null)[] = [];
    model.selectedChanged.connect((_, name) => seen.push(name));
    model.select('a');
    model.select('a');
    model.select(null);
    expect(seen).toEqual(['a', null]);
    expect(model.selected).toBeNull();
  });

  it('polls fast while a job runs and backs off when idle', async () => {
    local.jobs = [makeJob({ name: 'running', status: 'InProgress' })];
    sagemaker.jobs = [];
    await model.refresh();
    expect(model.poll.frequency.interval).toBe(1000);

    local.jobs = [makeJob({ name: 'running', status: 'Stopping' })];
    await model.refresh();
    expect(model.poll.frequency.interval).toBe(1000);

    local.jobs = [makeJob({ name: 'running', status: 'Completed' })];
    const intervals: number[] = [];
    for (let i = 0; i < 5; i++) {
      await model.refresh();
      intervals.push(model.poll.frequency.interval);
    }
    expect(intervals).toEqual([10000, 15000, 22500, 30000, 30000]);
    // The tick after the last refresh is scheduled at the slow interval.
    expect(model.poll.state.phase).toBe('resolved');
    expect(model.poll.state.interval).toBe(30000);

    local.jobs = [makeJob({ name: 'again', status: 'InProgress' })];
    await model.refresh();
    expect(model.poll.frequency.interval).toBe(1000);
  });

  it('stop delegates to the job backend and shows Stopping at once', async () => {
    sagemaker.jobs = [
      makeJob({ name: 'sm-run', target: 'sagemaker', status: 'InProgress' })
    ];
    await model.refresh();
    await model.stop('sm-run');
    expect(sagemaker.stopped).toEqual(['sm-run']);
    expect(local.stopped).toEqual([]);
    expect(model.jobs.find(job => job.name === 'sm-run')?.status).toBe(
      'Stopping'
    );
    await expect(model.stop('unknown')).rejects.toThrow(/unknown/);
  });

  it('logs and metrics delegate to the job backend', async () => {
    await model.refresh();
    sagemaker.logPages = [
      { events: [{ timestamp: 1, message: 'hello' }], nextToken: 't1' }
    ];
    const [stream] = await model.logStreams('sm-mid');
    expect(stream).toEqual({ name: 'sm-mid/algo-1-1', host: 'algo-1' });
    const page = await model.logs('sm-mid', stream.name);
    expect(page.events[0].message).toBe('hello');
    expect(sagemaker.logCalls).toEqual([undefined]);
    expect(sagemaker.logStreamsRead).toEqual(['sm-mid/algo-1-1']);
    expect(local.logCalls).toEqual([]);
    const since = new Date(5);
    const series = await model.metrics('local-new', since);
    expect(series[0]).toMatchObject({ name: 'loss', host: 'algo-1' });
    expect(local.metricsSince).toEqual([since]);
  });

  it('dispose stops the poll', async () => {
    await model.refresh();
    model.dispose();
    expect(model.isDisposed).toBe(true);
    expect(model.poll.isDisposed).toBe(true);
    expect(model.poll.state.phase).toBe('disposed');
    const calls = local.listCalls;
    await model.refresh();
    expect(local.listCalls).toBe(calls);
  });

  it('lists a slow backend at most once per its interval, the fast one every cycle', async () => {
    const running = makeJob({ name: 'local-run', status: 'InProgress', creationTime: at(9) });
    const fast = new FakeBackend('local', [running]);
    const slow = new FakeBackend('sagemaker', []);
    slow.minListInterval = 60000;
    const polled = new JobsModel({
      backends: [fast, slow],
      frequency: { active: 10 },
      standby: 'never'
    });
    try {
      await new Promise(resolve => setTimeout(resolve, 300));
      expect(fast.listCalls).toBeGreaterThan(5);
      expect(slow.listCalls).toBe(1);
      // An explicit refresh asks every backend.
      await polled.refresh();
      expect(slow.listCalls).toBe(2);
    } finally {
      polled.dispose();
    }
  });
});
