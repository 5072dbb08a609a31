/** `fn` over the items, at most `limit` at a time; the first failure stops new ones. */
export async function mapLimit<T>(
  items: T[],
  limit: number,
  fn: (item: T) => Promise<unknown>
): Promise<void> {
  let next = 0;
  let failed = false;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (!failed && next < items.length) {
      try {
        await fn(items[next++]);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  });
  const results = await Promise.allSettled(workers);
  const rejected = results.find(r => r.status === 'rejected');
  if (rejected) {
    throw (rejected as PromiseRejectedResult).reason;
  }
}
