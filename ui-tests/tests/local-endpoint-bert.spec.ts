import { expect, test } from '@jupyterlab/galata';
import * as fs from 'fs';
import * as path from 'path';
import { EXAMPLES, exampleWithFreshCellIds, TRAIN_BUTTON, trainingCellIndex } from './example';

const NOTEBOOK = 'huggingface-tiny-bert.ipynb';
const FOLDER = 'serving-bert';
// The example names its labels (`LABELS = [...]`, the config's id2label): the answers must use them.
const LABELS: string[] = (() => {
  const notebook = JSON.parse(fs.readFileSync(path.join(EXAMPLES, NOTEBOOK), 'utf-8'));
  const code = notebook.cells.map((cell: { source: string[] }) => cell.source.join('')).join('\n');
  return JSON.parse(/^LABELS = (\[.*\])$/m.exec(code)![1]);
})();

test.use({ autoGoto: true, viewport: { width: 1280, height: 900 } });

test('the tiny-BERT job becomes a local endpoint whose pipeline answers real predictions', async ({ page }) => {
  test.setTimeout(420000);
  expect(LABELS).toEqual(['negative', 'positive']);
  await page.contents.uploadContent(exampleWithFreshCellIds(NOTEBOOK, 'serve-bert'), 'text', `${FOLDER}/${NOTEBOOK}`);
  await page.contents.uploadDirectory(path.join(EXAMPLES, 'data'), `${FOLDER}/data`);
  await page.notebook.openByPath(`${FOLDER}/${NOTEBOOK}`);
  await page.notebook.activate(NOTEBOOK);
  const index = trainingCellIndex(NOTEBOOK);

  await page.notebook.selectCells(index);
  await page.locator(TRAIN_BUTTON).click();
  await expect(page.locator('.jp-Dialog select[name="framework"]')).toHaveValue('huggingface');
  await page.locator('.jp-Dialog').getByRole('button', { name: 'Start training' }).click();
  const badge = (await page.notebook.getCellLocator(index))!.locator('.jp-SageMakerNLP-cellBadge');
  await expect(badge).toHaveAttribute('data-status', 'Completed', { timeout: 240000 });
  const jobName = (await badge.getAttribute('data-job-name'))!;
  await badge.click();

  // Deploy from the job view: a Hugging Face job is served by a pipeline whose task the dialog asks for.
  const detail = page.locator(`.jp-SageMakerNLP-jobDetail[data-job-name="${jobName}"]`);
  await detail.getByRole('button', { name: 'Deploy' }).click();
  const dialog = page.locator('.jp-Dialog');
  await expect(dialog.locator('input[name="endpointName"]')).toHaveValue(`${jobName}-ep`);
  await expect(dialog.locator('select[name="hfTask"]')).toHaveValue('text-classification');
  await expect(dialog.locator('.jp-SageMakerNLP-hfTaskSource')).toHaveText(/^from config\.json: \w+ForSequenceClassification$/);
  await dialog.getByRole('button', { name: 'Deploy' }).click();

  const endpoint = page.locator(`.jp-SageMakerNLP-endpointDetail[data-endpoint-name="${jobName}-ep"]`);
  await expect(endpoint).toBeVisible({ timeout: 30000 });
  const row = page.locator(`.jp-SageMakerNLP-endpointRow[data-endpoint-name="${jobName}-ep"]`);
  await expect(row).toHaveAttribute('data-status', 'InService', { timeout: 120000 });

  // Try it: the answer is the text-classification pipeline's, with the example's labels.
  const input = endpoint.getByRole('textbox', { name: 'Input for the endpoint' });
  const answer = endpoint.locator('.jp-SageMakerNLP-tryItAnswer');
  const predict = async (text: string): Promise<{ label: string; score: number }> => {
    const before = (await answer.count()) ? await answer.textContent() : null;
    await input.fill(text);
    await endpoint.getByRole('button', { name: 'Send' }).click();
    // Each text gives a new answer: wait for it to replace the one before.
    await expect.poll(async () => ((await answer.count()) ? answer.textContent() : null), { timeout: 30000 }).not.toBe(before);
    await expect(endpoint.locator('.jp-SageMakerNLP-tryItLatency')).toHaveText(/^\d+ ms$/);
    const predictions = JSON.parse((await answer.textContent())!);
    expect(predictions).toHaveLength(1);
    expect(LABELS).toContain(predictions[0].label);
    expect(predictions[0].score).toBeGreaterThanOrEqual(0);
    expect(predictions[0].score).toBeLessThanOrEqual(1);
    return predictions[0];
  };
  // The example validates at about 0.94: clear reviews get their label.
  expect((await predict('This kettle is wonderful: it is quiet and easy to clean.')).label).toBe('positive');
  expect((await predict('I want my money back, this kettle broke after two days!')).label).toBe('negative');

  // Delete: the confirmation names the endpoint; the row goes.
  await endpoint.getByRole('button', { name: 'Delete' }).click();
  await expect(page.locator('.jp-Dialog')).toContainText(`${jobName}-ep`);
  await page.locator('.jp-Dialog').getByRole('button', { name: /Delete/ }).click();
  await expect(row).toHaveCount(0, { timeout: 30000 });
});
