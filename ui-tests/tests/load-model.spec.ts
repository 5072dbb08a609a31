import { expect, test } from '@jupyterlab/galata';
import * as path from 'path';
import { EXAMPLES, exampleWithFreshCellIds, TRAIN_BUTTON, trainingCellIndex } from './example';

const NOTEBOOK = 'sklearn-text-classifier.ipynb';
const FOLDER = 'trained';

test.use({ autoGoto: true, viewport: { width: 1280, height: 800 } });

test('a completed local job loads its model into the notebook, below its cell', async ({ page }) => {
  await page.contents.uploadContent(exampleWithFreshCellIds(NOTEBOOK, 'load'), 'text', `${FOLDER}/${NOTEBOOK}`);
  await page.contents.uploadDirectory(path.join(EXAMPLES, 'data'), `${FOLDER}/data`);
  await page.notebook.openByPath(`${FOLDER}/${NOTEBOOK}`);
  await page.notebook.activate(NOTEBOOK);
  const index = trainingCellIndex(NOTEBOOK);
  const cellsBefore = await page.notebook.getCellCount();

  await page.notebook.selectCells(index);
  await page.locator(TRAIN_BUTTON).click();
  await page.locator('.jp-Dialog').getByRole('button', { name: 'Start training' }).click();
  const badge = (await page.notebook.getCellLocator(index))!.locator('.jp-SageMakerNLP-cellBadge');
  await expect(badge).toHaveAttribute('data-status', 'Completed', { timeout: 90000 });
  await badge.click();

  const detail = page.locator('.jp-SageMakerNLP-jobDetail[data-status="Completed"]');
  const load = detail.getByRole('button', { name: 'Load the model in the notebook' });
  await expect(load).toBeEnabled();
  await load.click();

  // A new code cell right below the training cell, which the kernel runs.
  await expect.poll(() => page.notebook.getCellCount()).toBe(cellsBefore + 1);
  const inserted = (await page.notebook.getCellLocator(index + 1))!;
  await expect(inserted).toContainText('joblib.load(model_file(".joblib", ".pkl", ".pickle"))');
  // Typed in, the code would be re-indented by the editor: add the check through the model.
  await page.evaluate(
    ([i, extra]) => {
      const panel = window.jupyterapp.shell.currentWidget as any;
      const cell = panel.content.model.cells.get(i).sharedModel;
      cell.setSource(cell.getSource() + extra);
    },
    [
      index + 1,
      '\nprint("loaded", type(model).__name__, model.predict(["Great kettle, works perfectly!"])[0])'
    ] as [number, string]
  );
  await page.notebook.runCell(index + 1);
  await expect(inserted.locator('.jp-OutputArea-output').last()).toContainText(
    /loaded Pipeline (positive|negative)/,
    { timeout: 60000 }
  );
});
