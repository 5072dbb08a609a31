import { HistoryPages, IHistoryPage } from '../historyPages';

interface ISummary {
  name: string;
  created: number;
}

/** A region's history of `count` items, newest first, served `size` a page; tokens are offsets. */
function region(count: number, size: number) {
  let items: ISummary[] = Array.from({ length: count }, (_, i) => ({
    name: `job-${count - i}`,
    created: count - i
  }));
  const asked: (string | undefined)[] = [];
  const refusals: Error[] = [];
  const forgotten: string[] = [];
  const fetch = async (token: string | undefined): Promise<IHistoryPage<ISummary>> => {
    asked.push(token);
    const refusal = refusals.shift();
    if (refusal) {
      throw refusal;
    }
    const start = token === undefined ? 0 : Number(token);
    const end = start + size;
    return {
      summaries: items.slice(start, end),
      ...(end < items.length && { nextToken: String(end) })
    };
  };
  const pages = (maxItems = Infinity) =>
    new HistoryPages<ISummary>({
      fetch,
      name: s => s.name,
      created: s => s.created,
      maxItems,
      forget: name => forgotten.push(name)
    });
  return {
    pages,
    asked,
    refusals,
    forgotten,
    remove: (name: string) => (items = items.filter(item => item.name !== name))
  };
}

async function readTimes(pages: HistoryPages<ISummary>, times: number): Promise<void> {
  for (let i = 0; i < times; i++) {
    await pages.read();
  }
}

describe('HistoryPages', () => {
  it('reads the newest page each cycle and, every other cycle, the next older one', async () => {
    const { pages, asked } = region(5, 2);
    const history = pages();
    await readTimes(history, 6);
    expect(asked).toEqual([undefined, '2', undefined, '4', undefined, undefined]);
    expect(history.newestFirst().map(s => s.name)).toEqual(['job-5', 'job-4', 'job-3', 'job-2', 'job-1']);
  });

  it("walks the history again from the newest page when an older page's token expired", async () => {
    const { pages, asked, refusals } = region(7, 2);
    const history = pages();
    await readTimes(history, 3);
    refusals.push(Object.assign(new Error('The token is invalid'), { name: 'ValidationException' }));
    await expect(history.read()).rejects.toThrow('The token is invalid');
    await readTimes(history, 6);
    expect(asked).toEqual([undefined, '2', undefined, '4', undefined, '2', undefined, '4', undefined, '6']);
  });

  it('keeps its place in the history when AWS throttles an older page', async () => {
    const { pages, asked, refusals } = region(7, 2);
    const history = pages();
    await readTimes(history, 3);
    refusals.push(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    await expect(history.read()).rejects.toThrow('Rate exceeded');
    await readTimes(history, 4);
    expect(asked).toEqual([undefined, '2', undefined, '4', undefined, '4', undefined, '6']);
    // A throttled newest page forgets nothing.
    refusals.push(Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' }));
    await expect(history.read()).rejects.toThrow('Rate exceeded');
    expect(history.summaries.size).toBe(7);
  });

  it('reads the history back `maxItems` at most', async () => {
    const { pages, asked } = region(10, 2);
    const history = pages(4);
    await readTimes(history, 6);
    expect(asked).toEqual([undefined, '2', undefined, undefined, undefined, undefined]);
    expect(history.summaries.size).toBe(4);
  });

  it('forgets what the newest page should show but does not, and nothing older', async () => {
    const { pages, forgotten, remove } = region(5, 2);
    const history = pages();
    await readTimes(history, 4); // every item read
    remove('job-4'); // within the newest page's time span
    remove('job-1'); // older than the newest page: unknown whether it is gone
    await history.read();
    expect(forgotten).toEqual(['job-4']);
    expect(history.newestFirst().map(s => s.name)).toEqual(['job-5', 'job-3', 'job-2', 'job-1']);
  });

  it('forgets every missing item when the newest page is all there is', async () => {
    const { pages, forgotten, remove } = region(3, 5);
    const history = pages();
    await history.read();
    remove('job-1');
    await history.read();
    expect(forgotten).toEqual(['job-1']);
  });

  it('starts from the newest page after clear()', async () => {
    const { pages, asked } = region(5, 2);
    const history = pages();
    await readTimes(history, 2);
    history.clear();
    expect(history.summaries.size).toBe(0);
    await readTimes(history, 2);
    expect(asked).toEqual([undefined, '2', undefined, '2']);
  });

  it('drops one deleted summary at once, without calling forget', async () => {
    const { pages, forgotten } = region(3, 5);
    const history = pages();
    await history.read();
    history.delete('job-2');
    expect(history.newestFirst().map(s => s.name)).toEqual(['job-3', 'job-1']);
    expect(forgotten).toEqual([]);
  });
});
