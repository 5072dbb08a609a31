import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import * as fs from 'fs';
import * as path from 'path';
import { EXAMPLES, exampleWithFreshCellIds, TRAIN_BUTTON, trainingCellIndex, widenRightSidebar } from './example';

const IMAGES = path.resolve(__dirname, '..', '..', 'docs', 'images');
const NOTEBOOK = 'sklearn-text-classifier.ipynb';
const FOLDER = 'batch-scoring';

test.use({ autoGoto: true, viewport: { width: 1280, height: 1000 } });

test('a local job scores a folder of reviews as a batch transform, listed with its log and output', async ({
  page
}) => {
  await page.contents.uploadContent(exampleWithFreshCellIds(NOTEBOOK, 'score'), 'text', `${FOLDER}/${NOTEBOOK}`);
  await page.contents.uploadDirectory(path.join(EXAMPLES, 'data'), `${FOLDER}/data`);
  await page.notebook.openByPath(`${FOLDER}/${NOTEBOOK}`);
  await page.notebook.activate(NOTEBOOK);
  const index = trainingCellIndex(NOTEBOOK);

  await page.notebook.selectCells(index);
  await page.locator(TRAIN_BUTTON).click();
  await page.locator('.jp-Dialog').getByRole('button', { name: 'Start training' }).click();
  const badge = (await page.notebook.getCellLocator(index))!.locator('.jp-SageMakerNLP-cellBadge');
  await expect(badge).toHaveAttribute('data-status', 'Completed', { timeout: 90000 });
  const jobName = (await badge.getAttribute('data-job-name'))!;
  await badge.click();
  const detail = page.locator(`.jp-SageMakerNLP-jobDetail[data-job-name="${jobName}"]`);

  // A folder that is not there: the server's message names it, and nothing is made.
  const before = await localTransformCount(page);
  await detail.getByRole('button', { name: 'Batch transform' }).click();
  const dialog = page.locator('.jp-Dialog');
  await expect(dialog.locator('input[name="instanceType"]')).toHaveCount(0);
  await dialog.locator('input[name="input"]').fill(`${FOLDER}/data/missing`);
  await dialog.getByRole('button', { name: 'Start' }).click();
  const refused = page.locator('.Toastify__toast', { hasText: 'Could not start a batch transform' });
  await expect(refused).toContainText(`The input folder "${FOLDER}/data/missing" does`, { timeout: 15000 });

  expect(await localTransformCount(page)).toBe(before);

  // The example's folder of reviews to score, a record per line, an answer per line.
  await detail.getByRole('button', { name: 'Batch transform' }).click();
  await expect(dialog.locator('select[name="contentType"]')).toHaveValue('text/csv');
  await expect(dialog.locator('select[name="splitType"]')).toHaveValue('Line');
  await dialog.locator('input[name="input"]').fill(`${FOLDER}/data/score`);
  await dialog.getByRole('button', { name: 'Start' }).click();

  const transform = page.locator('.jp-SageMakerNLP-transformDetail');
  await expect(transform).toHaveAttribute('data-status', 'Completed', { timeout: 60000 });
  const name = (await transform.getAttribute('data-transform-name'))!;
  const output = `${FOLDER}/data/transform-output/${name}`;
  await expect(transform.locator('.jp-SageMakerNLP-transformOutput')).toContainText(output);
  await expect(transform.getByRole('button', { name: jobName })).toBeVisible();
  await expect(transform.locator('.jp-SageMakerNLP-logRow', { hasText: 'records' }).first()).toBeVisible({
    timeout: 15000
  });

  // The answers are the classifier's, one line per review, in order.
  const answer = await page.request.get(`/api/contents/${output}/reviews.csv.out?content=1&type=file&format=text`);
  expect(answer.ok()).toBe(true);
  const lines = ((await answer.json()).content as string).trimEnd().split('\n');
  expect(lines).toHaveLength(6);
  expect(lines[0]).toContain('positive');
  expect(lines[1]).toContain('negative');

  // The screenshot shows the jobs and the transform, not the job's details or the toasts.
  await expect(async () => {
    for (const close of await page.getByRole('button', { name: 'Hide notification' }).all()) {
      await close.click({ force: true, timeout: 1000 }).catch(() => undefined);
    }
    await expect(page.locator('.Toastify__toast')).toHaveCount(0, { timeout: 1000 });
  }).toPass({ timeout: 15000 });
  await page.locator('#sagemaker-nlp-jobs .lm-AccordionPanel-title', { hasText: 'Details' }).click();
  await widenRightSidebar(page, 200);
  fs.mkdirSync(IMAGES, { recursive: true });
  await page.locator('#sagemaker-nlp-jobs').screenshot({ path: path.join(IMAGES, 'batch-transform.png') });

  // The same output folder again: refused, nothing the first run wrote is overwritten.
  await page.locator('#sagemaker-nlp-jobs .lm-AccordionPanel-title', { hasText: 'Details' }).click();
  await detail.getByRole('button', { name: 'Batch transform' }).click();
  await dialog.locator('input[name="input"]').fill(`${FOLDER}/data/score`);
  await dialog.locator('input[name="output"]').fill(output);
  await dialog.getByRole('button', { name: 'Start' }).click();
  await expect(page.locator('.Toastify__toast', { hasText: 'The output folder' })).toBeVisible({ timeout: 15000 });
  const again = await page.request.get(`/api/contents/${output}/reviews.csv.out?content=1&type=file&format=text`);
  expect(((await again.json()).content as string).trimEnd().split('\n')).toEqual(lines);
});

/** How many local transforms the server knows (other specs' runs included). */
async function localTransformCount(page: IJupyterLabPageFixture): Promise<number> {
  const answer = await page.request.get('/sagemaker-nlp/local/transforms');
  return (await answer.json()).transformJobs.length;
}
