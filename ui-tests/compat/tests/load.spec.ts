import { expect, test } from '@playwright/test';

/**
 * The extension built here, in the old JupyterLab of .venv-compat: it loads
 * without module federation complaining, its toolbar button and its sidebar
 * are there, and its server extension answers.
 */

const NOTEBOOK = 'compat-check.ipynb';
const TRAIN_BUTTON = '[data-command="sagemaker-nlp:train-cell"]';
const JOBS_PANEL_ID = 'sagemaker-nlp-jobs';

/** A one-cell notebook: enough for the toolbar and an active code cell. */
const notebookContent = {
  cells: [
    {
      cell_type: 'code',
      execution_count: null,
      id: 'c0mpat01',
      metadata: {},
      outputs: [],
      source: ['print("train me")']
    }
  ],
  metadata: {
    kernelspec: { name: 'python3', display_name: 'Python 3 (ipykernel)', language: 'python' },
    language_info: { name: 'python' }
  },
  nbformat: 4,
  nbformat_minor: 5
};

/** A console line that means the extension did not load as built. */
function isLoadProblem(text: string): boolean {
  return (
    text.includes('Unsatisfied version') ||
    /Failed to load/i.test(text) ||
    (/failed to activate/i.test(text) && text.includes('sagemaker-nlp')) ||
    (/error/i.test(text) && /jupyterlab-sagemaker-nlp|sagemaker-nlp:/.test(text))
  );
}

test('the extension loads in the old JupyterLab: no version conflicts, button, sidebar, server', async ({
  page,
  request
}, testInfo) => {
  const consoleLines: string[] = [];
  page.on('console', msg => consoleLines.push(`[${msg.type()}] ${msg.text()}`));
  page.on('pageerror', err => consoleLines.push(`[pageerror] ${err.message}`));

  try {
    // The server side first: the server extension of the installed wheel.
    const health = await request.get('/sagemaker-nlp/health');
    expect(health.status(), await health.text()).toBe(200);

    const put = await request.put(`/api/contents/${NOTEBOOK}`, {
      data: { type: 'notebook', format: 'json', content: notebookContent }
    });
    expect([200, 201], await put.text()).toContain(put.status());

    await page.goto(`/lab/tree/${NOTEBOOK}`);
    await expect(page.locator('#jupyterlab-splash')).toHaveCount(0, { timeout: 60000 });

    // The lab that answers is the old one, not the project's 4.6.
    const appVersion = await page.evaluate(() => {
      const el = document.getElementById('jupyter-config-data');
      return el ? (JSON.parse(el.textContent || '{}').appVersion as string) : '';
    });
    testInfo.annotations.push({ type: 'JupyterLab', description: appVersion });
    if (process.env.COMPAT_JUPYTERLAB_VERSION) {
      expect(appVersion).toBe(process.env.COMPAT_JUPYTERLAB_VERSION);
    }
    expect(appVersion).toMatch(/^4\./);

    // The notebook opens with our button in its toolbar (from the settings'
    // jupyter.lab.toolbars), and the button follows the active code cell.
    const panel = page.locator('.jp-NotebookPanel').filter({ hasText: 'train me' });
    await expect(panel).toBeVisible();
    const button = panel.locator(`.jp-NotebookPanel-toolbar ${TRAIN_BUTTON}`);
    await expect(button).toBeVisible();
    await panel.locator('.jp-Cell.jp-CodeCell .jp-InputArea-editor').first().click();
    // data-command sits on the <button> itself in 4.0 and on a wrapper of it in
    // later versions; either way no aria-disabled="true" once a code cell with
    // source is active.
    await expect
      .poll(() =>
        button.evaluate(el => {
          const b = el.matches('button') ? el : el.querySelector('button') ?? el;
          return b.getAttribute('aria-disabled') === 'true' || b.hasAttribute('disabled');
        })
      )
      .toBe(false);

    // The Training jobs sidebar: a tab in the right side bar, and it opens.
    const tab = page.locator(`.jp-SideBar.jp-mod-right .lm-TabBar-tab[data-id="${JOBS_PANEL_ID}"]`);
    await expect(tab).toHaveCount(1);
    await tab.click();
    await expect(page.locator(`#${JOBS_PANEL_ID}`)).toBeVisible();

    // No dialog: the extension's own server check (serverCheck.ts) would open
    // one if its server extension were missing or of another version.
    await page.waitForTimeout(1000);
    const dialogs = await page.locator('.jp-Dialog').allInnerTexts();
    expect(dialogs, `dialogs open:\n${dialogs.join('\n---\n')}`).toEqual([]);
  } finally {
    await testInfo.attach('console.txt', {
      body: consoleLines.join('\n') || '(empty)',
      contentType: 'text/plain'
    });
  }
  const problems = consoleLines.filter(isLoadProblem);
  expect(problems, `console lines saying the extension did not load as built:\n${problems.join('\n')}`).toEqual([]);
});
