import { JobsModel } from '../model';
import { PollPace, ThrottleHold } from '../pace';

describe('PollPace', () => {
  it('stays fast while running jobs change, backs off while they do not', () => {
    const pace = new PollPace(JobsModel.DEFAULT_FREQUENCY);
    const running = [true, false, false, false, false, false, false, true, false];
    expect(running.map(changed => pace.next(changed, true))).toEqual([
      1000, 1500, 2250, 3375, 5063, 7595, 10000, 1000, 1500
    ]);
  });

  it('starts again from the idle interval once the last job ends', () => {
    const pace = new PollPace(JobsModel.DEFAULT_FREQUENCY);
    pace.next(true, true);
    expect(pace.next(false, false)).toBe(10000);
    expect(pace.next(false, false)).toBe(15000);
    expect(pace.next(false, true)).toBe(1000);
  });
});

describe('ThrottleHold', () => {
  it('doubles the wait at each throttled listing up to the max, and ends it at the first success', () => {
    const hold = new ThrottleHold(10000, 300000);
    const waits = Array.from({ length: 7 }, () => hold.hold('sagemaker', 0));
    expect(waits).toEqual([10000, 20000, 40000, 80000, 160000, 300000, 300000]);
    hold.hold('sagemaker', 1000);
    expect(hold.isHeld('sagemaker', 300999)).toBe(true);
    expect(hold.isHeld('sagemaker', 301000)).toBe(false);
    expect(hold.isHeld('local', 0)).toBe(false);
    expect(hold.release('sagemaker')).toBe(true);
    expect(hold.release('sagemaker')).toBe(false);
    expect(hold.waits.size).toBe(0);
    expect(hold.hold('sagemaker', 0)).toBe(10000);
  });
});

describe('JobsModel pace', () => {
  it('backs off while a job runs and nothing changes, fast again at a change', async () => {
    const { FakeBackend, makeJob } = await import('./fakes');
    const backend = new FakeBackend('local', [makeJob({ name: 'run', status: 'InProgress' })]);
    const model = new JobsModel({ backends: [backend], autoStart: false });
    const intervals: number[] = [];
    for (let cycle = 0; cycle < 4; cycle++) {
      await model.refresh();
      intervals.push(model.poll.frequency.interval);
    }
    backend.jobs = [makeJob({ name: 'run', status: 'InProgress', secondaryStatus: 'Training' })];
    await model.refresh();
    intervals.push(model.poll.frequency.interval);
    expect(intervals).toEqual([1000, 1500, 2250, 3375, 1000]);
    model.dispose();
  });
});

describe('JobsModel while the sidebar is hidden', () => {
  async function callsWhileHidden(pollHiddenWhileRunning: boolean, status: 'InProgress' | 'Completed') {
    const { FakeBackend, makeJob } = await import('./fakes');
    const backend = new FakeBackend('local', [makeJob({ name: 'run', status })]);
    const model = new JobsModel({
      backends: [backend],
      standby: 'never',
      pollHiddenWhileRunning,
      frequency: { active: 5, activeMax: 5, idle: 5, idleMax: 5 }
    });
    await new Promise(resolve => setTimeout(resolve, 30));
    model.setWatched(false);
    await new Promise(resolve => setTimeout(resolve, 20));
    const before = backend.listCalls;
    await new Promise(resolve => setTimeout(resolve, 100));
    const calls = backend.listCalls - before;
    model.dispose();
    return calls;
  }

  it('lists nothing by default', async () => {
    expect(await callsWhileHidden(false, 'InProgress')).toBe(0);
  });

  it('follows running jobs when asked to, and nothing once they end', async () => {
    expect(await callsWhileHidden(true, 'InProgress')).toBeGreaterThan(3);
    expect(await callsWhileHidden(true, 'Completed')).toBe(0);
  });
});
