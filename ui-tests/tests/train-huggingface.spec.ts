import { expect, test } from '@jupyterlab/galata';
import { openExample, trainTheTrainingCell } from './example';

const NOTEBOOK = 'huggingface-tiny-bert.ipynb';

test.use({ autoGoto: true });

test('the tiny-BERT example trains locally and its Trainer loss becomes metrics', async ({
  page,
  tmpPath
}) => {
  test.setTimeout(300000);
  await openExample(page, tmpPath, NOTEBOOK);
  await trainTheTrainingCell(page, NOTEBOOK);
  const form = page.locator('.jp-Dialog .jp-SageMakerNLP-trainForm');
  await expect(form.locator('select[name="framework"]')).toHaveValue(
    'huggingface'
  );
  // Enter submits once the dialog holds the focus.
  await expect(form.locator('input[name="jobBaseName"]')).toBeFocused();
  await page.keyboard.press('Enter');

  const row = page.locator('.jp-SageMakerNLP-jobRow').first();
  await expect(row).toHaveAttribute('data-status', 'Completed', {
    timeout: 240000
  });
  const jobName = (await row.getAttribute('data-job-name'))!;
  const metrics = await (
    await page.request.get(`/sagemaker-nlp/local/jobs/${jobName}/metrics`)
  ).json();
  const loss = metrics.MetricDataResults.find(
    (m: { Label: string }) => m.Label === 'loss'
  );
  // One `{'loss': …}` line per logging step: a curve, not a single value.
  expect(loss.Values.length).toBeGreaterThan(3);
  expect(loss.Values.every((v: number) => v > 0 && v < 5)).toBe(true);
  await expect(
    page.locator('.jp-SageMakerNLP-finalMetrics')
  ).toContainText('eval_accuracy');
});
