import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import * as fs from 'fs';
import * as path from 'path';
import { EXAMPLES, exampleWithFreshCellIds, TRAIN_BUTTON, trainingCellIndex } from './example';

const IMAGES = path.resolve(__dirname, '..', '..', 'docs', 'images');
const NOTEBOOK = 'sklearn-text-classifier.ipynb';
const FOLDER = 'examples';

/** A metric value as the table writes it (`formatMetric`). */
const shown = (value: number) => String(Number(value.toPrecision(6)));

/** Trains the selected training cell with `C` set in the dialog; waits until it completed. */
async function trainWithC(page: IJupyterLabPageFixture, index: number, c: string, runs: number) {
  await page.notebook.selectCells(index);
  await page.locator(TRAIN_BUTTON).click();
  const form = page.locator('.jp-Dialog .jp-SageMakerNLP-trainForm');
  await expect(form).toBeVisible();
  await form.locator('input[name="hp-C"]').fill(c);
  await page.locator('.jp-Dialog').getByRole('button', { name: 'Start training' }).click();
  await expect(form).toHaveCount(0);
  const cell = (await page.notebook.getCellLocator(index))!;
  if (runs >= 2) {
    await expect(cell.locator('.jp-SageMakerNLP-cellCompare')).toHaveAttribute(
      'data-runs',
      String(runs),
      { timeout: 30000 }
    );
  }
  await expect(cell.locator('.jp-SageMakerNLP-cellBadge')).toHaveAttribute(
    'data-status',
    'Completed',
    { timeout: 90000 }
  );
}

test.use({ autoGoto: true, viewport: { width: 1280, height: 800 } });

test('compare runs of a cell: two local runs of the sklearn example side by side', async ({
  page
}) => {
  await page.contents.uploadContent(exampleWithFreshCellIds(NOTEBOOK, 'compare'), 'text', `${FOLDER}/${NOTEBOOK}`);
  await page.contents.uploadDirectory(path.join(EXAMPLES, 'data'), `${FOLDER}/data`);
  await page.notebook.openByPath(`${FOLDER}/${NOTEBOOK}`);
  await page.notebook.activate(NOTEBOOK);
  const index = trainingCellIndex(NOTEBOOK);
  const cell = (await page.notebook.getCellLocator(index))!;

  await trainWithC(page, index, '1.0', 1);
  // One run: nothing to compare yet, and the command says why.
  await expect(cell.locator('.jp-SageMakerNLP-cellCompare')).toHaveCount(0);
  const caption = await page.evaluate(
    id => window.jupyterapp.commands.caption(id),
    'sagemaker-nlp:compare-cell-runs'
  );
  expect(caption).toContain('train it again');

  await trainWithC(page, index, '0.05', 2);
  const compare = cell.getByRole('button', { name: 'Compare the 2 runs of this cell side by side' });
  await expect(compare).toHaveText('Compare 2 runs');
  // Beside the badge, the button covers neither the code nor the outputs.
  const box = (await compare.boundingBox())!;
  for (const other of [cell.locator('.jp-InputArea-editor'), cell.locator('.jp-OutputArea')]) {
    const area = await other.boundingBox();
    if (area) {
      expect(
        box.x < area.x + area.width &&
          area.x < box.x + box.width &&
          box.y < area.y + area.height &&
          area.y < box.y + box.height
      ).toBe(false);
    }
  }
  await compare.click();

  const view = page.locator('.jp-SageMakerNLP-compareRuns');
  await expect(view).toBeVisible();
  await expect(
    page.getByRole('tab', { name: `Runs of cell ${index + 1} — ${NOTEBOOK}` })
  ).toHaveAttribute('aria-selected', 'true');

  // The server's own record of the two runs, newest first.
  const answer = await page.request.get('/sagemaker-nlp/local/jobs');
  const cellId = await view.getAttribute('data-cell-id');
  const jobs: {
    TrainingJobName: string;
    FinalMetricDataList: { MetricName: string; Value: number }[];
    Tags: { Key: string; Value: string }[];
  }[] = (await answer.json()).jobs.filter((job: { Tags?: { Key: string; Value: string }[] }) =>
    (job.Tags ?? []).some(tag => tag.Key === 'sagemaker-nlp:cell' && tag.Value === cellId)
  );
  expect(jobs).toHaveLength(2);

  const table = view.locator('.jp-SageMakerNLP-compareTable');
  const headers = table.locator('thead th[data-job-name]');
  await expect(headers).toHaveCount(2);
  expect(await headers.evaluateAll(ths => ths.map(th => th.getAttribute('data-job-name')))).toEqual(
    jobs.map(job => job.TrainingJobName)
  );
  // The hyperparameter that differs, with both values, newest first.
  const cRow = table.locator('tr', { has: page.locator('th', { hasText: /^C$/ }) });
  await expect(cRow.locator('td')).toHaveText(['0.05', '1.0']);
  await expect(table).toContainText('hyperparameters are the same in every run');
  // Every final metric of both runs, in its run's column.
  for (const [column, job] of jobs.entries()) {
    expect(job.FinalMetricDataList.length).toBeGreaterThan(0);
    for (const metric of job.FinalMetricDataList) {
      const row = table.locator('tr', {
        has: page.locator('th', { hasText: new RegExp(`^${metric.MetricName}$`) })
      });
      await expect(row.locator('td').nth(column)).toHaveText(shown(metric.Value));
    }
  }
  await expect(table).toContainText('free (local)');

  // The curves overlaid: one chart per metric, a line per run.
  const chart = view.locator('.jp-SageMakerNLP-compareChart[data-metric="val_accuracy"]');
  await expect(chart).toHaveAttribute(
    'data-runs',
    jobs.map(job => job.TrainingJobName).join(' '),
    { timeout: 30000 }
  );
  await expect(chart.locator('canvas')).toBeVisible();
  await expect(chart.locator('.u-legend .u-series')).toHaveCount(3); // the x axis, then Run 2, Run 1

  // Unticking a run leaves one: nothing to compare, and the view says so.
  await view.getByRole('checkbox').first().uncheck();
  await expect(view).toContainText('Tick at least two runs');
  await view.getByRole('checkbox').first().check();
  await expect(headers).toHaveCount(2);

  await expect(page.locator('.Toastify__toast')).toHaveCount(0, { timeout: 15000 });
  await page.sidebar.close('left');
  await page.sidebar.close('right');
  fs.mkdirSync(IMAGES, { recursive: true });
  await page.locator('.jp-SageMakerNLP-compareWidget').screenshot({
    path: path.join(IMAGES, 'compare-runs.png')
  });
});
