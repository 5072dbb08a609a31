import { expect, test } from '@jupyterlab/galata';
import { TRAIN_BUTTON } from './example';

const NOTEBOOK = 'long-training.ipynb';

/** A notebook whose training cell runs until it is stopped. */
const notebook = {
  nbformat: 4,
  nbformat_minor: 5,
  metadata: {
    kernelspec: { name: 'python3', display_name: 'Python 3 (ipykernel)', language: 'python' },
    language_info: { name: 'python' }
  },
  cells: [
    { cell_type: 'code', id: 'setup', metadata: {}, outputs: [], execution_count: null, source: 'import time' },
    {
      cell_type: 'code',
      id: 'train',
      metadata: {},
      outputs: [],
      execution_count: null,
      source: 'print("epoch 1 started", flush=True)\ntime.sleep(600)'
    }
  ]
};

test.use({ autoGoto: true });

test('Stop ends a running local job: Stopped in the sidebar and on the badge', async ({
  page,
  tmpPath
}) => {
  await page.contents.uploadContent(
    JSON.stringify(notebook),
    'text',
    `${tmpPath}/${NOTEBOOK}`
  );
  await page.notebook.openByPath(`${tmpPath}/${NOTEBOOK}`);
  await page.notebook.activate(NOTEBOOK);
  await page.notebook.selectCells(1);
  await page.locator(TRAIN_BUTTON).click();
  const form = page.locator('.jp-Dialog .jp-SageMakerNLP-trainForm');
  await expect(form.locator('input[name="jobBaseName"]')).toBeFocused();
  await page.keyboard.press('Enter');

  const row = page.locator('.jp-SageMakerNLP-jobRow[data-job-name^="long-training-"]');
  await expect(row).toHaveAttribute('data-status', 'InProgress', { timeout: 30000 });
  const detail = page.locator('.jp-SageMakerNLP-jobDetail');
  await expect(detail.locator('.jp-SageMakerNLP-logTail')).toContainText(
    'epoch 1 started',
    { timeout: 30000 }
  );
  // The status bar counts the running job, and shows nothing once none runs.
  const running = page.locator('#jp-main-statusbar .jp-SageMakerNLP-runningJobs');
  await expect(running).toHaveText('1 training job running');
  await detail.locator('.jp-SageMakerNLP-stopButton').click();
  await expect(row).toHaveAttribute('data-status', 'Stopped', { timeout: 30000 });
  await expect(running).toBeHidden();
  await expect(detail.locator('.jp-SageMakerNLP-stopButton')).toHaveCount(0);
  const cell = await page.notebook.getCellLocator(1);
  await expect(
    cell!.locator('.jp-SageMakerNLP-cellBadge[data-status="Stopped"]')
  ).toBeVisible();
});
