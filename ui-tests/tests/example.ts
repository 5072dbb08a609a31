import { IJupyterLabPageFixture } from '@jupyterlab/galata';
import * as fs from 'fs';
import * as path from 'path';

/** What the UI tests share: the example notebooks and the Train button. */
export const EXAMPLES = path.resolve(__dirname, '..', '..', 'examples');
export const TRAIN_BUTTON =
  '.jp-NotebookPanel-toolbar [data-command="sagemaker-nlp:train-cell"]';

/** An example's training cell: its last code cell. */
export function trainingCellIndex(notebook: string): number {
  const cells: { cell_type: string }[] = JSON.parse(
    fs.readFileSync(path.join(EXAMPLES, notebook), 'utf-8')
  ).cells;
  return cells.map(c => c.cell_type).lastIndexOf('code');
}

/** Uploads an example (and the data it trains on) and opens it. */
export async function openExample(
  page: IJupyterLabPageFixture,
  tmpPath: string,
  notebook: string,
  options: { data: boolean } = { data: true }
): Promise<void> {
  await page.contents.uploadFile(
    path.join(EXAMPLES, notebook),
    `${tmpPath}/${notebook}`
  );
  if (options.data) {
    await page.contents.uploadDirectory(
      path.join(EXAMPLES, 'data'),
      `${tmpPath}/data`
    );
  }
  await page.notebook.openByPath(`${tmpPath}/${notebook}`);
  await page.notebook.activate(notebook);
}

/** Selects the example's training cell and clicks "Train this cell". */
export async function trainTheTrainingCell(
  page: IJupyterLabPageFixture,
  notebook: string
): Promise<void> {
  await page.notebook.selectCells(trainingCellIndex(notebook));
  await page.locator(TRAIN_BUTTON).click();
}

/** How many local jobs the server knows. */
export async function localJobCount(
  page: IJupyterLabPageFixture
): Promise<number> {
  const answer = await page.request.get('/sagemaker-nlp/local/jobs');
  return (await answer.json()).jobs.length;
}

/** Drags the right sidebar's edge so screenshots show it at a useful width. */
export async function widenRightSidebar(
  page: IJupyterLabPageFixture,
  by: number
): Promise<void> {
  const handle = page
    .locator('#jp-main-split-panel > .lm-SplitPanel-handle:not(.lm-mod-hidden)')
    .last();
  const box = (await handle.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x - by, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
}

/**
 * An example notebook with cell ids of its own (`<prefix>-<time>-<i>`): runs
 * are found by cell id, and other specs train the same example on the same server.
 */
export function exampleWithFreshCellIds(notebookName: string, prefix: string): string {
  const notebook = JSON.parse(fs.readFileSync(path.join(EXAMPLES, notebookName), 'utf-8'));
  const suffix = Date.now().toString(36);
  notebook.cells.forEach((cell: { id?: string }, i: number) => {
    cell.id = `${prefix}-${suffix}-${i}`;
  });
  return JSON.stringify(notebook);
}
