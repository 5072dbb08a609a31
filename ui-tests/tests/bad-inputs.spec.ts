import { expect, test } from '@jupyterlab/galata';
import { localJobCount, openExample, trainTheTrainingCell } from './example';

const SKLEARN = 'sklearn-text-classifier.ipynb';

test.use({ autoGoto: true });


test('a local channel folder that does not exist is named, and no job is made', async ({
  page,
  tmpPath
}) => {
  const before = await localJobCount(page);
  // The notebook without its data folder: the proposed train channel is missing.
  await openExample(page, tmpPath, SKLEARN, { data: false });
  await trainTheTrainingCell(page, SKLEARN);
  const form = page.locator('.jp-Dialog .jp-SageMakerNLP-trainForm');
  await expect(form.locator('input[name="jobBaseName"]')).toBeFocused();
  await page.keyboard.press('Enter');
  const toast = page.locator('.Toastify__toast', { hasText: 'Could not start' });
  await expect(toast).toContainText("Channel 'train'");
  // The toast cuts long text; "Show" gives the whole message with its fix.
  await toast.getByRole('button', { name: 'Show' }).click();
  const dialog = page.locator('.jp-Dialog', { hasText: 'Could not start' });
  await expect(dialog).toContainText('does not exist');
  await expect(dialog).toContainText("change the channel's folder");
  await dialog.getByRole('button', { name: 'OK' }).click();
  expect(await localJobCount(page)).toBe(before);
});

test('a notebook whose kernel is not Python is told to switch kernels', async ({
  page,
  tmpPath
}) => {
  const notebook = {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      kernelspec: { name: 'ir', display_name: 'R', language: 'R' },
      language_info: { name: 'R' }
    },
    cells: [
      { cell_type: 'code', id: 'fit', metadata: {}, outputs: [], execution_count: null, source: 'fit <- lm(y ~ x)' }
    ]
  };
  await page.contents.uploadContent(JSON.stringify(notebook), 'text', `${tmpPath}/model.ipynb`);
  await page.notebook.openByPath(`${tmpPath}/model.ipynb`);
  // No R kernel here: JupyterLab asks for one; keep the notebook without.
  // (isVisible does not wait: wait for the dialog, which comes once the session is up.)
  const kernelDialog = page.locator('.jp-Dialog', { hasText: 'Select Kernel' });
  const appeared = await kernelDialog
    .waitFor({ state: 'visible', timeout: 10000 })
    .then(() => true)
    .catch(() => false);
  if (appeared) {
    await kernelDialog.getByRole('button', { name: /No Kernel|Cancel/ }).first().click();
  }
  await page.notebook.selectCells(0);
  await page.locator('.jp-NotebookPanel-toolbar [data-command="sagemaker-nlp:train-cell"]').click();
  const dialog = page.locator('.jp-Dialog', { hasText: 'Not a Python notebook' });
  await expect(dialog).toContainText('switch the notebook to a Python kernel');
  await dialog.getByRole('button', { name: 'OK' }).click();
});
