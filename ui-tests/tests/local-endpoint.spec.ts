import { expect, test } from '@jupyterlab/galata';
import * as fs from 'fs';
import * as path from 'path';
import { EXAMPLES, exampleWithFreshCellIds, TRAIN_BUTTON, trainingCellIndex, widenRightSidebar } from './example';

const IMAGES = path.resolve(__dirname, '..', '..', 'docs', 'images');
const NOTEBOOK = 'sklearn-text-classifier.ipynb';
const FOLDER = 'reviews-endpoint';

test.use({ autoGoto: true, viewport: { width: 1280, height: 900 } });

test('a local job becomes a local endpoint that answers real predictions, then is deleted', async ({ page }) => {
  await page.contents.uploadContent(exampleWithFreshCellIds(NOTEBOOK, 'serve'), 'text', `${FOLDER}/${NOTEBOOK}`);
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

  // Deploy, from the job view: the dialog asks only for a name locally.
  const detail = page.locator(`.jp-SageMakerNLP-jobDetail[data-job-name="${jobName}"]`);
  await detail.getByRole('button', { name: 'Deploy' }).click();
  const dialog = page.locator('.jp-Dialog');
  await expect(dialog.locator('input[name="endpointName"]')).toHaveValue(`${jobName}-ep`);
  await expect(dialog.locator('input[name="instanceType"]')).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Deploy' }).click();

  const endpoint = page.locator(`.jp-SageMakerNLP-endpointDetail[data-endpoint-name="${jobName}-ep"]`);
  await expect(endpoint).toBeVisible({ timeout: 30000 });
  const row = page.locator(`.jp-SageMakerNLP-endpointRow[data-endpoint-name="${jobName}-ep"]`);
  await expect(row).toHaveAttribute('data-status', 'InService', { timeout: 60000 });

  // Try it: real predictions from the example's classifier.
  const input = endpoint.getByRole('textbox', { name: 'Input for the endpoint' });
  const answer = endpoint.locator('.jp-SageMakerNLP-tryItAnswer');
  await input.fill('Great kettle, works perfectly and boils fast. Love it!');
  await endpoint.getByRole('button', { name: 'Send' }).click();
  await expect(answer).toContainText('positive');
  await expect(endpoint.locator('.jp-SageMakerNLP-tryItLatency')).toHaveText(/^\d+ ms$/);
  await input.fill('Broke after two days. Terrible, waste of money.');
  await endpoint.getByRole('button', { name: 'Send' }).click();
  await expect(answer).toContainText('negative');

  await widenRightSidebar(page, 200);
  fs.mkdirSync(IMAGES, { recursive: true });
  await page.locator('#sagemaker-nlp-endpoints').screenshot({ path: path.join(IMAGES, 'endpoint-try-it.png') });

  // Delete: the confirmation names the endpoint; the row goes.
  await endpoint.getByRole('button', { name: 'Delete' }).click();
  await expect(page.locator('.jp-Dialog')).toContainText(`${jobName}-ep`);
  await page.locator('.jp-Dialog').getByRole('button', { name: /Delete/ }).click();
  await expect(row).toHaveCount(0, { timeout: 30000 });
});
