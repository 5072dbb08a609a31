import { ILogPage, ILogStream } from '../../tokens';
import { LogBook, LogFollower } from '../logs';

type Pages = Record<string, ILogPage[]>;

/**
 * A log source: each stream answers its pages in order, then its last
 * token forever with no events, as GetLogEvents does at a stream's end.
 */
function source(pages: Pages, streams?: ILogStream[]) {
  const calls: [string, string | undefined][] = [];
  const listed = { count: 0, streams: streams ?? hostStreams(Object.keys(pages)) };
  return {
    calls,
    listed,
    logStreams: async () => {
      listed.count++;
      return listed.streams;
    },
    logs: async (_name: string, stream: string, nextToken?: string): Promise<ILogPage> => {
      calls.push([stream, nextToken]);
      return pages[stream]?.shift() ?? { events: [], nextToken: nextToken ?? '' };
    }
  };
}

function hostStreams(names: string[]): ILogStream[] {
  return names.map(name => ({ name, host: /algo-\d+/.exec(name)![0] }));
}

const line = (timestamp: number, text = `line ${timestamp}`) => ({
  timestamp,
  message: `${text}\n`
});
const texts = (lines: ReadonlyArray<{ message: string }>) => lines.map(l => l.message.trim());

const ONE = 'job/algo-1-1';
const TWO = 'job/algo-2-1';

describe('LogFollower', () => {
  it('reads every host and merges them by time, each host in its own order', async () => {
    const model = source({
      [ONE]: [
        { events: [line(10, 'a1'), line(30, 'a3')], nextToken: '1a' },
        { events: [line(50, 'a5')], nextToken: '1b' }
      ],
      [TWO]: [{ events: [line(20, 'b2'), line(40, 'b4')], nextToken: '2a' }]
    });
    const follower = new LogFollower({ model, jobName: 'job' });
    await follower.read();
    expect(texts(follower.book.lines())).toEqual(['a1', 'b2', 'a3', 'b4', 'a5']);
    expect(texts(follower.book.lines('algo-1'))).toEqual(['a1', 'a3', 'a5']);
    expect(texts(follower.book.lines('algo-2'))).toEqual(['b2', 'b4']);
    expect(follower.book.hosts).toEqual(['algo-1', 'algo-2']);
    expect(follower.waiting).toBe(false);
    follower.dispose();
  });

  it('takes in a late host’s earlier lines where their time puts them', async () => {
    const model = source({
      [ONE]: [
        { events: [line(10, 'a1'), line(30, 'a3')], nextToken: '1a' },
        { events: [], nextToken: '1a' },
        { events: [line(60, 'a6')], nextToken: '1b' }
      ],
      [TWO]: [
        { events: [], nextToken: '2-' },
        { events: [], nextToken: '2-' },
        { events: [line(20, 'b2'), line(70, 'b7')], nextToken: '2a' }
      ]
    });
    const follower = new LogFollower({ model, jobName: 'job' });
    await follower.read();
    expect(texts(follower.book.lines())).toEqual(['a1', 'a3']);
    await follower.read();
    expect(texts(follower.book.lines())).toEqual(['a1', 'b2', 'a3', 'a6', 'b7']);
    follower.dispose();
  });

  it('pages each stream with its forward token and stops when a page repeats its token', async () => {
    const model = source({
      [ONE]: [
        { events: [line(1)], nextToken: 'a' },
        { events: [line(2)], nextToken: 'b' },
        { events: [], nextToken: 'b' }
      ],
      [TWO]: [{ events: [line(3)], nextToken: 'x' }]
    });
    const follower = new LogFollower({ model, jobName: 'job' });
    let changed = 0;
    follower.changed.connect(() => changed++);
    await follower.read();
    expect(model.calls).toEqual([
      [ONE, undefined],
      [TWO, undefined],
      [ONE, 'a'],
      [TWO, 'x'],
      [ONE, 'b']
    ]);
    expect(changed).toBe(1);
    // Caught up: the next read asks each stream once, from its last token.
    await follower.read();
    expect(model.calls.slice(5)).toEqual([
      [ONE, 'b'],
      [TWO, 'x']
    ]);
    expect(changed).toBe(1);
    follower.dispose();
  });

  it('reads a bounded number of pages when a stream never repeats its token', async () => {
    let n = 0;
    const model = {
      logStreams: async () => hostStreams([ONE]),
      logs: async (): Promise<ILogPage> => ({ events: [line(n)], nextToken: `t${n++}` })
    };
    const follower = new LogFollower({ model, jobName: 'job' });
    await follower.read();
    expect(n).toBe(20);
    follower.dispose();
  });

  it('waits for the instances while the log group or the streams do not exist', async () => {
    const model = source({}, []);
    const follower = new LogFollower({ model, jobName: 'job' });
    await follower.read();
    expect(follower.waiting).toBe(true);
    expect(follower.error).toBeNull();
    expect(model.calls).toEqual([]);

    // Listed, but not created yet: GetLogEvents says ResourceNotFoundException.
    const missing = {
      logStreams: async () => hostStreams([ONE]),
      logs: async (): Promise<ILogPage> => {
        throw Object.assign(new Error('The specified log stream does not exist.'), {
          code: 'ResourceNotFoundException'
        });
      }
    };
    const early = new LogFollower({ model: missing, jobName: 'job' });
    await early.read();
    expect(early.error).toBeNull();
    expect(early.book.lines()).toEqual([]);
    follower.dispose();
    early.dispose();
  });

  it('reports other failures and recovers', async () => {
    let fail = true;
    const model = {
      logStreams: async () => hostStreams([ONE]),
      logs: async (_name: string, _stream: string, token?: string): Promise<ILogPage> => {
        if (fail) {
          throw Object.assign(new Error('Rate exceeded'), { code: 'ThrottlingException' });
        }
        return { events: token ? [] : [line(1)], nextToken: 'x' };
      }
    };
    const follower = new LogFollower({ model, jobName: 'job' });
    await follower.read();
    expect(follower.error).toBe('Rate exceeded');
    fail = false;
    await follower.read();
    expect(follower.error).toBeNull();
    expect(follower.book.lines()).toHaveLength(1);
    follower.dispose();
  });

  it('follows while running, lists streams sparingly, and reads once more at the end', async () => {
    jest.useFakeTimers();
    try {
      const model = source({
        [ONE]: [
          { events: [line(1)], nextToken: 'a' },
          { events: [], nextToken: 'a' },
          { events: [line(2)], nextToken: 'b' },
          { events: [], nextToken: 'b' }
        ],
        [TWO]: [{ events: [line(3)], nextToken: 'c' }]
      });
      model.listed.streams = hostStreams([ONE]); // the second host has not logged yet
      const follower = new LogFollower({
        model,
        jobName: 'job',
        interval: 1000,
        listInterval: 10000
      });
      follower.follow(true);
      await jest.advanceTimersByTimeAsync(0);
      expect(texts(follower.book.lines())).toEqual(['line 1']);
      await jest.advanceTimersByTimeAsync(3000);
      expect(texts(follower.book.lines())).toEqual(['line 1', 'line 2']);
      expect(model.listed.count).toBe(1);

      model.listed.streams = hostStreams([ONE, TWO]);
      follower.follow(false);
      await jest.advanceTimersByTimeAsync(0);
      // The last read lists the streams again and finds the second host.
      expect(model.listed.count).toBe(2);
      expect(texts(follower.book.lines())).toEqual(['line 1', 'line 2', 'line 3']);
      const calls = model.calls.length;
      await jest.advanceTimersByTimeAsync(30000);
      expect(model.calls.length).toBe(calls);
      follower.dispose();
    } finally {
      jest.useRealTimers();
    }
  });

  it('lets many hosts take turns while following, and reads them all at the end', async () => {
    const names = Array.from({ length: 6 }, (_, i) => `job/algo-${i + 1}-1`);
    const model = source(Object.fromEntries(names.map(name => [name, []])));
    const follower = new LogFollower({ model, jobName: 'job', streamsPerRead: 4 });
    await follower.read(); // the first read: every host
    const streamsOf = (from: number) => model.calls.slice(from).map(([stream]) => stream.slice(4, 10));
    expect(streamsOf(0)).toEqual(['algo-1', 'algo-2', 'algo-3', 'algo-4', 'algo-5', 'algo-6']);
    await follower.read();
    expect(streamsOf(6)).toEqual(['algo-1', 'algo-2', 'algo-3', 'algo-4']);
    await follower.read();
    expect(streamsOf(10)).toEqual(['algo-5', 'algo-6', 'algo-1', 'algo-2']);
    follower.follow(true);
    follower.follow(false);
    await new Promise(resolve => setTimeout(resolve, 50));
    expect(streamsOf(14).slice(-6)).toEqual(['algo-1', 'algo-2', 'algo-3', 'algo-4', 'algo-5', 'algo-6']);
    follower.dispose();
  });

  it('keeps only the last lines, in the book too', async () => {
    const model = source({
      [ONE]: [{ events: Array.from({ length: 30 }, (_, i) => line(i * 2)), nextToken: 'a' }],
      [TWO]: [{ events: Array.from({ length: 30 }, (_, i) => line(i * 2 + 1)), nextToken: 'b' }]
    });
    const follower = new LogFollower({ model, jobName: 'job', maxLines: 10 });
    await follower.read();
    expect(follower.truncated).toBe(true);
    // The last ten read: algo-2's, which came after algo-1's.
    expect(follower.book.lines().map(l => l.timestamp)).toEqual([
      41, 43, 45, 47, 49, 51, 53, 55, 57, 59
    ]);
    expect(follower.book.lines('algo-1')).toEqual([]);
    follower.dispose();
  });
});

describe('LogBook', () => {
  it('merges lines that come in any order of hosts, keeping ties in reading order', () => {
    const book = new LogBook();
    let seq = 0;
    const add = (host: string, ...times: number[]) =>
      book.add(times.map(timestamp => ({ host, timestamp, message: `${host}@${timestamp}`, seq: seq++ })));
    add('algo-1', 1, 5, 5, 9);
    add('algo-2', 0, 5, 10);
    add('algo-3', 7);
    expect(book.lines().map(l => l.message)).toEqual([
      'algo-2@0',
      'algo-1@1',
      'algo-1@5',
      'algo-1@5',
      'algo-2@5',
      'algo-3@7',
      'algo-1@9',
      'algo-2@10'
    ]);
    expect(book.firstSeq).toBe(0);
    expect(book.lastSeq).toBe(7);
  });
});
