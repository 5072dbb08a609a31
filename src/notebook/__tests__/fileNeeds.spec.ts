/**
 * Files the script reads, looked up through a real Jupyter server's
 * contents API (scripts/jest.sh starts it): found or not, text or not, and
 * read for the job's source without dropping a chosen file unsaid.
 */
import { ContentsManager, ServerConnection } from '@jupyterlab/services';
import { fileNeedWarnings, findFileNeeds, shippable } from '../fileNeeds';
import { NotTextFileError, readFiles } from '../files';

const BASE_URL = process.env.SAGEMAKER_NLP_E2E_URL;
const serverIt = BASE_URL ? it : it.skip;
const serverSettings = ServerConnection.makeSettings({
  baseUrl: BASE_URL ?? 'http://127.0.0.1:1/',
  token: process.env.SAGEMAKER_NLP_E2E_TOKEN ?? ''
});

describe('files the script reads, beside a notebook on a real server', () => {
  const contents = new ContentsManager({ serverSettings });
  const dir = `needs-${Date.now()}`;
  const need = (path: string, cellIndex = 2, line = 1) => ({ path, cellIndex, line });

  beforeAll(async () => {
    if (!BASE_URL) {
      return;
    }
    await contents.save(dir, { type: 'directory' });
    await contents.save(`${dir}/corpus`, { type: 'directory' });
    await contents.save(`${dir}/labels.txt`, { type: 'file', format: 'text', content: 'a\nb\n' });
    await contents.save(`${dir}/corpus/part.csv`, { type: 'file', format: 'text', content: 'x,y\n' });
    // Not text: a parquet file and an image (its type from its name), one in the folder.
    await contents.save(`${dir}/train.parquet`, { type: 'file', format: 'base64', content: 'UEFSMf/+AA==' });
    await contents.save(`${dir}/logo.png`, { type: 'file', format: 'base64', content: 'iVBORw0K' });
    await contents.save(`${dir}/corpus/logo.png`, { type: 'file', format: 'base64', content: 'iVBORw0K' });
  });

  serverIt('finds files and folders beside the notebook, and tells text from binary', async () => {
    const found = await findFileNeeds(contents, `${dir}/train.ipynb`, [
      need('./labels.txt'),
      need('corpus'),
      need('train.parquet'),
      need('logo.png'),
      need('missing.json', 3, 4),
      need('../../outside.csv'),
      need('/etc/hosts')
    ]);
    expect(found.map(n => [n.found, n.kind, n.binary])).toEqual([
      [`${dir}/labels.txt`, 'file', false],
      [`${dir}/corpus`, 'directory', false],
      [`${dir}/train.parquet`, 'file', true],
      [`${dir}/logo.png`, 'file', true],
      [null, null, false],
      [null, null, false],
      [null, null, false]
    ]);
    expect(shippable(found).map(n => n.path)).toEqual(['./labels.txt', 'corpus']);
    const warnings = fileNeedWarnings(found);
    expect(warnings).toHaveLength(5);
    expect(warnings[0]).toMatch(/^cell 4 line 4: the script reads `missing.json`, which no cell before it writes/);
    expect(warnings[3]).toContain('`train.parquet`, which is not a text file');
  });

  serverIt('reads chosen text files and folders, leaves binary files in folders out, refuses a chosen binary file', async () => {
    const files = await readFiles(contents, [`${dir}/labels.txt`, `${dir}/corpus`], dir);
    expect(files).toEqual([
      { path: 'labels.txt', content: 'a\nb\n' },
      { path: 'corpus/part.csv', content: 'x,y\n' }
    ]);
    await expect(readFiles(contents, [`${dir}/train.parquet`], dir)).rejects.toThrow(NotTextFileError);
    await expect(readFiles(contents, [`${dir}/train.parquet`], dir)).rejects.toThrow(
      `${dir}/train.parquet is not a text file`
    );
  });
});
