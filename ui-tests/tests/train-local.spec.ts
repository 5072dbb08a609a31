import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import * as fs from 'fs';
import * as path from 'path';
import {
  localJobCount,
  openExample,
  widenRightSidebar,
  TRAIN_BUTTON,
  trainingCellIndex
} from './example';

const IMAGES = path.resolve(__dirname, '..', '..', 'docs', 'images');
const NOTEBOOK = 'sklearn-text-classifier.ipynb';

test.use({ autoGoto: true, viewport: { width: 1280, height: 800 } });

test.describe('Train this cell, locally', () => {
  // A folder named as a user would name it: the README's screenshots show its path.
  test.beforeEach(async ({ page }) => {
    await openExample(page, 'examples', NOTEBOOK);
  });

  test('the sklearn example trains to Completed with logs, metrics and a badge', async ({
    page
  }) => {
    const index = trainingCellIndex(NOTEBOOK);
    await page.notebook.selectCells(index);
    const button = page.locator(TRAIN_BUTTON);
    await expect(button).toBeEnabled();
    await button.click();

    const dialog = page.locator('.jp-Dialog .jp-SageMakerNLP-trainForm');
    await expect(dialog).toBeVisible();
    await expect(dialog.locator('select[name="framework"]')).toHaveValue(
      'sklearn'
    );
    // The parameters cell's values are the job's hyperparameters.
    await expect(dialog.locator('input[name^="hp-"]').first()).toBeVisible();
    fs.mkdirSync(IMAGES, { recursive: true });
    await page
      .locator('.jp-Dialog-content')
      .screenshot({ path: path.join(IMAGES, 'train-dialog.png') });
    // Enter submits once the dialog holds the focus.
    await expect(dialog.locator('input[name="jobBaseName"]')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(dialog).toHaveCount(0);

    const row = page.locator('.jp-SageMakerNLP-jobRow').first();
    await expect(row).toBeVisible();
    await expect(row).toHaveAttribute('data-status', 'Completed', {
      timeout: 90000
    });
    // A job seen running tells when it ends; "Open" shows it.
    const done = page.locator('.Toastify__toast', { hasText: 'completed.' });
    await expect(done).toContainText(/Training job sklearn-text-classifier-[\d-]+ completed\./);
    await done.getByRole('button', { name: 'Open' }).click();
    await expect(page.locator('.jp-SageMakerNLP-jobDetail')).toHaveAttribute(
      'data-job-name',
      (await row.getAttribute('data-job-name'))!
    );
    const detail = page.locator('.jp-SageMakerNLP-jobDetail');
    await expect(detail.locator('.jp-SageMakerNLP-logTail')).toContainText(
      'validation_accuracy=',
      { timeout: 30000 }
    );
    // The generic definitions name validation metrics `val_*`.
    await expect(detail.locator('.jp-SageMakerNLP-finalMetrics')).toContainText(
      'val_accuracy'
    );
    await widenRightSidebar(page, 200);
    await expect(page.locator('.Toastify__toast')).toHaveCount(0, {
      timeout: 10000
    });
    await page
      .locator('#sagemaker-nlp-jobs')
      .screenshot({ path: path.join(IMAGES, 'jobs-sidebar.png') });

    const cell = await page.notebook.getCellLocator(index);
    const badge = cell!.locator('.jp-SageMakerNLP-cellBadge[data-status="Completed"]');
    await expect(badge).toBeVisible();
    // The badge covers nothing: not the cell toolbar (top right of the active cell), not the code.
    await page.notebook.selectCells(index);
    for (const dark of [false, true]) {
      await (dark ? page.theme.setDarkTheme() : page.theme.setLightTheme());
      const toolbar = cell!.locator('.jp-cell-toolbar');
      const covered = [cell!.locator('.jp-InputArea-editor'), cell!.locator('.jp-OutputArea')];
      if (await toolbar.isVisible()) {
        covered.push(toolbar);
      }
      const box = (await badge.boundingBox())!;
      for (const other of covered) {
        const area = await other.boundingBox();
        if (area) {
          const overlaps =
            box.x < area.x + area.width &&
            area.x < box.x + box.width &&
            box.y < area.y + area.height &&
            area.y < box.y + box.height;
          expect(overlaps).toBe(false);
        }
      }
      // Legible in both themes: its text colour is not its background's.
      const [color, background] = await badge.evaluate(node => {
        const style = getComputedStyle(node);
        return [style.color, style.backgroundColor];
      });
      expect(color).not.toBe(background);
    }
    await page.theme.setLightTheme();
  });

  test('a markdown cell cannot be trained, and the button says why', async ({
    page
  }) => {
    await page.notebook.selectCells(0);
    const button = page.locator(TRAIN_BUTTON);
    await expect(button).toHaveAttribute('aria-disabled', 'true');
    await expect(button).toHaveAttribute('title', /markdown or raw/);
  });

  test('a syntax error is reported with its cell before anything runs', async ({
    page
  }) => {
    const before = await localJobCount(page);
    const index = trainingCellIndex(NOTEBOOK);
    await page.notebook.setCell(index, 'code', 'model = (\nprint(model)');
    await page.notebook.selectCells(index);
    await page.locator(TRAIN_BUTTON).click();
    const dialog = page.locator('.jp-Dialog');
    await expect(dialog).toContainText('cannot be built');
    await expect(dialog).toContainText(`cell ${index + 1}`, {
      ignoreCase: true
    });
    await dialog.getByRole('button', { name: 'OK' }).click();
    expect(await localJobCount(page)).toBe(before);
  });
});
