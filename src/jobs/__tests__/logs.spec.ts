import { ILogPage } from '../../tokens';
import { LogFollower } from '../logs';

/** A log source of one stream answering pages in order, then the same token forever. */
function source(pages: ILogPage[]) {
  const calls: (string | undefined)[] = [];
  const streams: string[] = [];
  return {
    calls,
    streams,
    logStreams: async (name: string) => [
      { name: `${name}/algo-1-1`, host: 'algo-1' },
      { name: `${name}/algo-2-1`, host: 'algo-2' }
    ],
    logs: async (_name: string, stream: string, nextToken?: string): Promise<ILogPage> => {
      calls.push(nextToken);
      streams.push(stream);
      return pages.shift() ?? { events: [], nextToken: nextToken ?? '' };
    }
  };
}

const line = (n: number) => ({ timestamp: n, message: `line ${n}\n` });

describe('LogFollower', () => {
  it('reads pages until caught up, passing the token back', async () => {
    const model = source([
      { events: [line(1), line(2)], nextToken: 'a' },
      { events: [line(3)], nextToken: 'b' },
      { events: [], nextToken: 'b' }
    ]);
    const follower = new LogFollower({ model, jobName: 'job' });
    let changed = 0;
    follower.changed.connect(() => changed++);
    await follower.read();
    expect(follower.events.map(e => e.timestamp)).toEqual([1, 2, 3]);
    expect(model.calls).toEqual([undefined, 'a', 'b']);
    expect(changed).toBe(1);

    await follower.read();
    expect(model.calls).toEqual([undefined, 'a', 'b', 'b']);
    expect(changed).toBe(1);
    follower.dispose();
  });

  it('keeps only the last lines', async () => {
    const events = Array.from({ length: 30 }, (_, i) => line(i));
    const model = source([{ events, nextToken: 'end' }]);
    const follower = new LogFollower({ model, jobName: 'job', maxLines: 10 });
    await follower.read();
    expect(follower.events).toHaveLength(10);
    expect(follower.events[0].timestamp).toBe(20);
    expect(follower.truncated).toBe(true);
    follower.dispose();
  });

  it('reports a failed read and recovers', async () => {
    let fail = true;
    const model = {
      logStreams: async () => [{ name: 'job/algo-1-1', host: 'algo-1' }],
      logs: async (_name: string, _stream: string, token?: string): Promise<ILogPage> => {
        if (fail) {
          throw new Error('log group not found');
        }
        return { events: token ? [] : [line(1)], nextToken: 'x' };
      }
    };
    const follower = new LogFollower({ model, jobName: 'job' });
    await follower.read();
    expect(follower.error).toBe('log group not found');
    fail = false;
    await follower.read();
    expect(follower.error).toBeNull();
    expect(follower.events).toHaveLength(1);
    follower.dispose();
  });

  it('follows while running, then reads once more and stops', async () => {
    jest.useFakeTimers();
    try {
      const model = source([
        { events: [line(1)], nextToken: 'a' },
        { events: [], nextToken: 'a' },
        { events: [line(2)], nextToken: 'b' },
        { events: [], nextToken: 'b' },
        { events: [line(3)], nextToken: 'c' }
      ]);
      const follower = new LogFollower({ model, jobName: 'job', interval: 1000 });
      follower.follow(true);
      await jest.advanceTimersByTimeAsync(0);
      expect(follower.events).toHaveLength(1);
      await jest.advanceTimersByTimeAsync(1000);
      expect(follower.events).toHaveLength(2);

      follower.follow(false);
      await jest.advanceTimersByTimeAsync(0);
      expect(follower.events).toHaveLength(3);
      const calls = model.calls.length;
      await jest.advanceTimersByTimeAsync(5000);
      expect(model.calls.length).toBe(calls);
      follower.dispose();
    } finally {
      jest.useRealTimers();
    }
  });

  it("follows the first host's stream unless told another", async () => {
    const first = source([{ events: [line(1)], nextToken: 'a' }]);
    const follower = new LogFollower({ model: first, jobName: 'job' });
    await follower.read();
    expect(first.streams[0]).toBe('job/algo-1-1');
    follower.dispose();
    const second = source([{ events: [line(1)], nextToken: 'a' }]);
    const other = new LogFollower({ model: second, jobName: 'job', stream: 'job/algo-2-1' });
    await other.read();
    expect(second.streams[0]).toBe('job/algo-2-1');
    other.dispose();
  });

  it('waits for a stream while the job has none', async () => {
    const model = { ...source([]), logStreams: async () => [] };
    const follower = new LogFollower({ model, jobName: 'job' });
    await follower.read();
    expect(model.calls).toEqual([]);
    expect(follower.events).toEqual([]);
    follower.dispose();
  });
});
