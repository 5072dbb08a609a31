import { INotebookCell } from '../types';

/** Code cells from sources; a leading `#tags: a, b` line sets the tags. */
export function notebook(...sources: Array<string | INotebookCell>): INotebookCell[] {
  return sources.map((source, index) => {
    if (typeof source !== 'string') {
      return source;
    }
    const tagLine = /^#tags:(.*)\n/.exec(source);
    return {
      id: `cell-${index + 1}`,
      cellType: 'code',
      source: tagLine ? source.slice(tagLine[0].length) : source,
      tags: tagLine ? tagLine[1].split(',').map(tag => tag.trim()) : []
    };
  });
}

export function markdown(source: string): INotebookCell {
  return { id: 'md', cellType: 'markdown', source, tags: [] };
}
