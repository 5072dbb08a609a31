import { IMetricSeries } from '../../tokens';
import { MetricsFollower, ReadSpacing } from '../metrics';

const at = (s: number) => new Date(s * 1000);
const loss = (host: string, seconds: number[], values: number[]): IMetricSeries => ({
  name: 'loss',
  host,
  timestamps: seconds.map(at),
  values
});

/** A model whose metrics() answers the scripted series, one answer per call. */
function scripted(answers: IMetricSeries[][]) {
  const calls: { since?: Date; at: number }[] = [];
  return {
    calls,
    model: {
      metrics: async (_name: string, since?: Date) => {
        calls.push({ since, at: Date.now() });
        return answers.shift() ?? [];
      }
    }
  };
}

describe('MetricsFollower merging', () => {
  it('keeps each point once, in time order, when reads overlap or come late', async () => {
    const { model } = scripted([
      [loss('algo-1', [1, 2], [0.9, 0.7]), loss('algo-2', [1], [0.8])],
      // The last point again, a point of algo-2 that came late, a new one.
      [loss('algo-1', [2, 3], [0.7, 0.5]), loss('algo-2', [2, 1], [0.75, 0.8])],
      [loss('algo-1', [3], [0.5])]
    ]);
    const follower = new MetricsFollower({ model, jobName: 'job' });
    await follower.read();
    const revision = follower.revision;
    await follower.read();
    expect(follower.lines).toEqual([
      { name: 'loss', host: 'algo-1', times: [1000, 2000, 3000], values: [0.9, 0.7, 0.5] },
      { name: 'loss', host: 'algo-2', times: [1000, 2000], values: [0.8, 0.75] }
    ]);
    expect(follower.revision).toBe(revision + 1);
    // Only what was new is reported as read.
    expect(follower.items.map(p => [p.host, p.time.getTime() / 1000])).toEqual([
      ['algo-1', 1],
      ['algo-2', 1],
      ['algo-1', 2],
      ['algo-2', 2],
      ['algo-1', 3]
    ]);
    // Nothing new: no redraw.
    await follower.read();
    expect(follower.revision).toBe(revision + 1);
    follower.dispose();
  });

  it('takes a revised value of a minute already seen', async () => {
    const { model } = scripted([
      [loss('algo-1', [60], [0.9])],
      [loss('algo-1', [60, 120], [0.8, 0.6])]
    ]);
    const follower = new MetricsFollower({ model, jobName: 'job' });
    await follower.read();
    await follower.read();
    expect(follower.lines[0]).toMatchObject({ times: [60000, 120000], values: [0.8, 0.6] });
    follower.dispose();
  });

  it('keeps the newest points of a line within maxPoints', async () => {
    const { model } = scripted([[loss('algo-1', [1, 2, 3, 4], [4, 3, 2, 1])]]);
    const follower = new MetricsFollower({ model, jobName: 'job', maxPoints: 2 });
    await follower.read();
    expect(follower.lines[0]).toMatchObject({ times: [3000, 4000], values: [2, 1] });
    follower.dispose();
  });
});

describe('MetricsFollower timing', () => {
  beforeEach(() => jest.useFakeTimers({ now: new Date('2026-12-01T12:00:00Z') }));
  afterEach(() => jest.useRealTimers());

  it('reads a running SageMaker job at most once a minute', async () => {
    const { model, calls } = scripted([]);
    const follower = new MetricsFollower({
      model,
      jobName: 'job',
      spacing: new ReadSpacing(),
      ...MetricsFollower.timingFor('sagemaker')
    });
    follower.follow(true);
    await jest.advanceTimersByTimeAsync(10 * 60000);
    expect(calls.length).toBeGreaterThanOrEqual(9);
    expect(calls.length).toBeLessThanOrEqual(11);
    const gaps = calls.slice(1).map((call, i) => call.at - calls[i].at);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(60000);
    follower.dispose();
  });

  it('keeps the minute when the job is opened again, or read by hand', async () => {
    const spacing = new ReadSpacing();
    const { model, calls } = scripted([]);
    const timing = MetricsFollower.timingFor('sagemaker');
    const first = new MetricsFollower({ model, jobName: 'job', spacing, ...timing });
    await first.read();
    first.dispose();
    // The user goes back to the job 10 s later: a new follower, same minute.
    await jest.advanceTimersByTimeAsync(10000);
    const second = new MetricsFollower({ model, jobName: 'job', spacing, ...timing });
    const reading = second.read();
    void second.read();
    await jest.advanceTimersByTimeAsync(49000);
    expect(calls).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(1000);
    await reading;
    expect(calls).toHaveLength(2);
    expect(calls[1].at - calls[0].at).toBe(60000);
    // Another job has its own minute.
    const other = new MetricsFollower({ model, jobName: 'other', spacing, ...timing });
    await other.read();
    expect(calls).toHaveLength(3);
    second.dispose();
    other.dispose();
  });

  it('reads a local job at every poll', async () => {
    const { model, calls } = scripted([]);
    const follower = new MetricsFollower({
      model,
      jobName: 'job',
      spacing: new ReadSpacing(),
      ...MetricsFollower.timingFor('local')
    });
    follower.follow(true);
    await jest.advanceTimersByTimeAsync(60000);
    expect(calls.length).toBeGreaterThanOrEqual(20);
    follower.dispose();
  });
});
