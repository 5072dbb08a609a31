import { IMetricSeries } from '../../tokens';
import { MetricsFollower } from '../metrics';

const at = (s: number) => new Date(s * 1000);

describe('MetricsFollower', () => {
  it('asks only for the points after the newest one seen', async () => {
    const answers: IMetricSeries[][] = [
      [
        { name: 'loss', host: 'algo-1', timestamps: [at(1), at(2)], values: [0.9, 0.7] },
        { name: 'loss', host: 'algo-2', timestamps: [at(1)], values: [0.8] }
      ],
      [{ name: 'loss', host: 'algo-1', timestamps: [at(3)], values: [0.5] }],
      []
    ];
    const asked: (Date | undefined)[] = [];
    const model = {
      metrics: async (_name: string, since?: Date) => {
        asked.push(since);
        return answers.shift() ?? [];
      }
    };
    const follower = new MetricsFollower({ model, jobName: 'job' });
    await follower.read();
    await follower.read();
    await follower.read();
    expect(asked).toEqual([undefined, at(2), at(3)]);
    expect(follower.series).toEqual([
      { name: 'loss', host: 'algo-1', timestamps: [at(1), at(2), at(3)], values: [0.9, 0.7, 0.5] },
      { name: 'loss', host: 'algo-2', timestamps: [at(1)], values: [0.8] }
    ]);
    follower.dispose();
  });

  it('keeps its place after a failed read', async () => {
    let fail = false;
    const asked: (Date | undefined)[] = [];
    const model = {
      metrics: async (_name: string, since?: Date) => {
        asked.push(since);
        if (fail) {
          throw new Error('throttled');
        }
        return [{ name: 'acc', host: 'algo-1', timestamps: [at(5)], values: [0.5] }];
      }
    };
    const follower = new MetricsFollower({ model, jobName: 'job' });
    await follower.read();
    fail = true;
    await follower.read();
    expect(follower.error).toBe('throttled');
    fail = false;
    await follower.read();
    expect(asked).toEqual([undefined, at(5), at(5)]);
    expect(follower.error).toBeNull();
    follower.dispose();
  });
});
