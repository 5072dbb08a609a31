import { CELL_TAG, NOTEBOOK_TAG } from '../training/notebookTags';
import type { Tags } from './sagemakerListing';

/** One job's tags as kept: notebook and cell values, or 0 for a job that is not ours. */
type Kept = [string, string] | 0;

const VERSION = 1;

/**
 * Which training jobs are ours, kept in the browser's storage across
 * reloads: a job's tags never change, so after a reload ListTags is not
 * asked again for jobs already read. Only our two tags are kept, per
 * account and region; the newest `MAX_JOBS` jobs read.
 */
export class TagCache {
  constructor(
    private _storage: Pick<Storage, 'getItem' | 'setItem'> | null,
    region: string,
    account: string | null
  ) {
    this._key = `jupyterlab-sagemaker-nlp:job-tags:${account ?? 'unknown'}:${region}`;
  }

  /** Put the kept tags into `tags` (jobs already there keep theirs). */
  load(tags: Map<string, Tags>): void {
    const kept = this._read();
    for (const [name, value] of Object.entries(kept)) {
      if (!tags.has(name)) {
        tags.set(name, value === 0 ? [] : [
          { Key: NOTEBOOK_TAG, Value: value[0] },
          { Key: CELL_TAG, Value: value[1] }
        ]);
      }
    }
    this._saved = tags.size;
  }

  /** Keep what `tags` knows, when it learnt something since the last save. */
  save(tags: ReadonlyMap<string, Tags>): void {
    if (!this._storage || tags.size === this._saved) {
      return;
    }
    const entries = [...tags].slice(-TagCache.MAX_JOBS);
    const jobs: Record<string, Kept> = {};
    for (const [name, jobTags] of entries) {
      jobs[name] = kept(jobTags);
    }
    try {
      this._storage.setItem(this._key, JSON.stringify({ version: VERSION, jobs }));
      this._saved = tags.size;
    } catch (error) {
      // Full or refused storage: tags are read again after a reload.
      console.warn('sagemaker-nlp: could not keep the training jobs\' tags', error);
    }
  }

  private _read(): Record<string, Kept> {
    try {
      const text = this._storage?.getItem(this._key);
      const parsed = text ? JSON.parse(text) : null;
      return parsed?.version === VERSION && typeof parsed.jobs === 'object' ? parsed.jobs : {};
    } catch {
      return {}; // unreadable: start afresh
    }
  }

  private _key: string;
  private _saved = -1;
}

export namespace TagCache {
  /** As many jobs as the listing reads back. */
  export const MAX_JOBS = 10000;
}

function kept(tags: Tags): Kept {
  const value = (key: string) => tags.find(tag => tag.Key === key)?.Value;
  const notebook = value(NOTEBOOK_TAG);
  return notebook === undefined ? 0 : [notebook, value(CELL_TAG) ?? ''];
}
