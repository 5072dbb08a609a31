import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import type { Locator } from '@playwright/test';
import * as fs from 'fs';
import * as path from 'path';
import { EXAMPLES, exampleWithFreshCellIds, TRAIN_BUTTON, trainingCellIndex } from './example';

const IMAGES = path.resolve(__dirname, '..', '..', 'docs', 'images');
const NOTEBOOK = 'sklearn-text-classifier.ipynb';
const FOLDER = 'code-runs';
const OLD = 'max_iter=1000';
const NEW = 'max_iter=250';

/** Trains the training cell (dialog as it comes) and waits until the run completed. */
async function train(page: IJupyterLabPageFixture, index: number): Promise<void> {
  await page.notebook.selectCells(index);
  await page.locator(TRAIN_BUTTON).click();
  const form = page.locator('.jp-Dialog .jp-SageMakerNLP-trainForm');
  await expect(form).toBeVisible();
  await page.locator('.jp-Dialog').getByRole('button', { name: 'Start training' }).click();
  await expect(form).toHaveCount(0);
  const cell = (await page.notebook.getCellLocator(index))!;
  await expect(cell.locator('.jp-SageMakerNLP-cellBadge')).toHaveAttribute(
    'data-status',
    'Completed',
    { timeout: 90000 }
  );
}

/** The local jobs of a cell, oldest first (the runner tags each with its cell). */
async function jobsOfCell(page: IJupyterLabPageFixture, cellId: string): Promise<string[]> {
  const answer = await page.request.get('/sagemaker-nlp/local/jobs');
  const jobs: { TrainingJobName: string; Tags: { Key: string; Value: string }[] }[] = (
    await answer.json()
  ).jobs;
  return jobs
    .filter(job => job.Tags.some(tag => tag.Key === 'sagemaker-nlp:cell' && tag.Value === cellId))
    .map(job => job.TrainingJobName)
    .reverse();
}

/** The editor's line holding `text`, scrolled into view (CodeMirror draws only what is near the viewport). */
async function scrolledTo(editor: Locator, text: string): Promise<Locator> {
  const line = editor.locator('.cm-line', { hasText: text });
  for (let step = 0; step < 30 && (await line.count()) === 0; step++) {
    await editor.locator('.cm-scroller').evaluate(node => node.scrollBy(0, node.clientHeight * 0.8));
    await editor.page().waitForTimeout(50);
  }
  return line.first();
}

async function openJob(page: IJupyterLabPageFixture, name: string) {
  await page.evaluate(n => window.jupyterapp.commands.execute('sagemaker-nlp:open-job', { name: n }), name);
  const detail = page.locator(`.jp-SageMakerNLP-jobDetail[data-job-name="${name}"]`);
  await expect(detail).toBeVisible();
  return detail;
}

test.use({ autoGoto: true, viewport: { width: 1280, height: 800 } });

test('the code a run ran, and its diff with the cell after an edit', async ({ page }) => {
  const pageErrors: string[] = [];
  page.on('pageerror', error => pageErrors.push(String(error)));
  const uploaded = exampleWithFreshCellIds(NOTEBOOK, 'code');
  await page.contents.uploadContent(uploaded, 'text', `${FOLDER}/${NOTEBOOK}`);
  await page.contents.uploadDirectory(path.join(EXAMPLES, 'data'), `${FOLDER}/data`);
  await page.notebook.openByPath(`${FOLDER}/${NOTEBOOK}`);
  await page.notebook.activate(NOTEBOOK);
  const index = trainingCellIndex(NOTEBOOK);

  await train(page, index);
  // Change a literal of an earlier cell the script takes (build_pipeline), then train again.
  const source = JSON.parse(fs.readFileSync(path.join(EXAMPLES, NOTEBOOK), 'utf-8')).cells;
  const pipelineCell = source.findIndex((c: { source: string[] }) => c.source.join('').includes(OLD));
  // Set in the model, not typed: typing re-indents the lines.
  await page.evaluate(
    ([i, text]) => {
      const panel = window.jupyterapp.shell.currentWidget as any;
      panel.content.model.cells.get(i).sharedModel.setSource(text);
    },
    [pipelineCell, source[pipelineCell].source.join('').replace(OLD, NEW)] as [number, string]
  );
  await train(page, index);

  const [first, second] = await jobsOfCell(page, JSON.parse(uploaded).cells[index].id);
  expect(second).toBeTruthy();

  // The first run's code: train.py, read only, with the old value.
  const detail = await openJob(page, first);
  await detail.getByRole('button', { name: 'The code it ran' }).click();
  const codeTab = page.locator('.jp-MainAreaWidget', { has: page.locator('.jp-SageMakerNLP-jobCode') });
  await expect(page.locator('.lm-TabBar-tab', { hasText: `Code of ${first}` })).toBeVisible();
  const trainPy = codeTab.locator('.jp-SageMakerNLP-codeFile[data-path="train.py"]');
  await expect(trainPy.locator('.cm-content')).toHaveAttribute('aria-readonly', 'true');
  await expect(await scrolledTo(trainPy, `LogisticRegression(C=C, ${OLD}`)).toBeVisible();
  // Highlighted as Python: keywords get their own span.
  await expect(trainPy.locator('.cm-content span', { hasText: /^def$/ }).first()).toBeVisible();

  // Its diff with the cell now: the old line on the left, the new one on the right.
  await detail.getByRole('button', { name: 'Compare with the cell now' }).click();
  const diff = page.locator('.jp-SageMakerNLP-fileDiff[data-path="train.py"]');
  await expect(diff.locator('.jp-SageMakerNLP-fileDiffHeading')).toHaveText('train.py: changed');
  // Exactly one line changed on each side: the edited one.
  await expect(diff.locator('.cm-merge-a .cm-changedLine')).toHaveCount(1);
  await expect(diff.locator('.cm-merge-a .cm-changedLine')).toContainText(OLD);
  await expect(diff.locator('.cm-merge-b .cm-changedLine')).toHaveCount(1);
  await expect(diff.locator('.cm-merge-b .cm-changedLine')).toContainText(NEW);
  await expect(diff.locator('.cm-merge-a')).not.toContainText(NEW);
  await expect(diff.locator('.cm-merge-b')).not.toContainText(OLD);
  await expect(page.locator('.Toastify__toast')).toHaveCount(0, { timeout: 15000 });
  fs.mkdirSync(IMAGES, { recursive: true });
  await page
    .locator('.jp-MainAreaWidget', { has: page.locator('.jp-SageMakerNLP-codeDiff') })
    .screenshot({ path: path.join(IMAGES, 'job-code-diff.png') });

  // The second run is what the cell builds now: said plainly.
  const secondDetail = await openJob(page, second);
  await secondDetail.getByRole('button', { name: 'Compare with the cell now' }).click();
  await expect(page.locator('.jp-SageMakerNLP-codeDiffSame')).toContainText(
    `Identical: the cell builds exactly the code job ${second} ran (train.py)`
  );

  // The cell deleted: a message, not a diff.
  await page.notebook.selectCells(index);
  await page.evaluate(() => window.jupyterapp.commands.execute('notebook:delete-cell'));
  await secondDetail.getByRole('button', { name: 'Compare with the cell now' }).click();
  await expect(page.locator('.jp-SageMakerNLP-codeDiffProblem')).toContainText(
    `is no longer in ${FOLDER}/${NOTEBOOK}`
  );
  expect(pageErrors).toEqual([]);
});
