import { compareFiles } from '../compare';
import { cellsOfNotebookJson } from '../cellNow';
import { buildTrainingScript } from '../../../script';

describe('compareFiles', () => {
  it('compares what the cell builds; the other files of the job are listed apart', () => {
    const { compared, notCompared } = compareFiles(
      [
        { path: 'train.py', content: 'C = 1\n' },
        { path: 'requirements.txt', content: 'scikit-learn\n' },
        { path: 'vocab.txt', content: 'a\n' }
      ],
      [{ path: 'train.py', content: 'C = 2\n' }]
    );
    expect(compared).toEqual([
      { path: 'train.py', ran: 'C = 1\n', now: 'C = 2\n', same: false },
      // The cell no longer asks for it: a change, not a file to ignore.
      { path: 'requirements.txt', ran: 'scikit-learn\n', now: undefined, same: false }
    ]);
    expect(notCompared).toEqual(['vocab.txt']);
  });

  it('is the same when nothing changed', () => {
    const files = [{ path: 'train.py', content: 'print(1)\n' }];
    expect(compareFiles(files, files).compared.every(file => file.same)).toBe(true);
  });
});

describe('cellsOfNotebookJson', () => {
  it('reads a notebook file as the script builder reads an open notebook', () => {
    const cells = cellsOfNotebookJson({
      cells: [
        { id: 'a', cell_type: 'code', source: ['x = 1\n', 'y = 2\n'], metadata: { tags: ['parameters'] } },
        { id: 'b', cell_type: 'code', source: 'print(x + y)', metadata: {} }
      ]
    });
    expect(cells).toEqual([
      { id: 'a', cellType: 'code', source: 'x = 1\ny = 2\n', tags: ['parameters'] },
      { id: 'b', cellType: 'code', source: 'print(x + y)', tags: [] }
    ]);
    expect(buildTrainingScript(cells, 1).script).toContain('print(x + y)');
  });
});
