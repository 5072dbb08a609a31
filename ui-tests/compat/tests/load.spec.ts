import { expect, test } from '@playwright/test';

/**
 * The extension built here, in the old JupyterLab of .venv-compat: it loads
 * without module federation complaining, its toolbar button and its sidebar
 * are there, its server extension answers, and "Train this cell" gets as far
 * as its dialog (the lazily loaded script builder and its Python parser run
 * against the old lab's shared packages).
 */

const NOTEBOOK = 'compat-check.ipynb';
const TRAIN_BUTTON = '[data-command="sagemaker-nlp:train-cell"]';
const JOBS_PANEL_ID = 'sagemaker-nlp-jobs';

/** A one-cell notebook: enough for the toolbar, an active code cell and a
 * training script (scikit-learn, so the dialog proposes that framework). */
const notebookContent = {
  cells: [
    {
      cell_type: 'code',
      execution_count: null,
      id: 'c0mpat01',
      metadata: {},
      outputs: [],
      source: [
        '# train me\n',
        'from sklearn.linear_model import LogisticRegression\n',
        'C = 1.0\n',
        'model = LogisticRegression(C=C).fit([[0.0], [1.0]], [0, 1])\n',
        'print(f"accuracy: {model.score([[0.0], [1.0]], [0, 1])}")'
      ]
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
    text.startsWith('[pageerror]') ||
    text.includes('Unsatisfied version') ||
    /Failed to load/i.test(text) ||
    (/failed to activate/i.test(text) && text.includes('sagemaker-nlp')) ||
    (/error/i.test(text) && /jupyterlab-sagemaker-nlp|sagemaker-nlp:/.test(text))
  );
}

test('the extension loads in the old JupyterLab: no version conflicts, button, sidebar, server, Train dialog', async ({
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

    // Module federation has resolved our shared modules by now: report its
    // complaints here (softly, so the rest still runs and reports too).
    const reported = new Set(consoleLines.filter(isLoadProblem));
    expect
      .soft([...reported], `console lines saying the extension did not load as built:\n${[...reported].join('\n')}`)
      .toEqual([]);

    // No dialog: the extension's own server check (serverCheck.ts) would open
    // one if its server extension were missing or of another version.
    await page.waitForTimeout(1000);
    const dialogs = await page.locator('.jp-Dialog').allInnerTexts();
    expect(dialogs, `dialogs open:\n${dialogs.join('\n---\n')}`).toEqual([]);

    // "Train this cell": the script is built from the cell (lezer's Python
    // grammar) and the dialog opens with the framework detected. Cancel.
    await button.click();
    const form = page.locator('.jp-Dialog .jp-SageMakerNLP-trainForm');
    const pageErrors = () => consoleLines.filter(line => line.startsWith('[pageerror]'));
    await expect
      .poll(async () => (await form.isVisible()) || pageErrors().length > 0, { timeout: 30000 })
      .toBe(true);
    expect(pageErrors(), 'page errors after "Train this cell"').toEqual([]);
    await expect(form).toBeVisible();
    await expect(form.locator('select[name="framework"]')).toHaveValue('sklearn');
    await page.locator('.jp-Dialog').getByRole('button', { name: 'Cancel' }).click();
    await expect(page.locator('.jp-Dialog')).toHaveCount(0);

    await page.waitForTimeout(500);
    const later = consoleLines.filter(line => isLoadProblem(line) && !reported.has(line));
    expect(later, `console lines after loading saying something failed:\n${later.join('\n')}`).toEqual([]);
  } finally {
    await testInfo.attach('console.txt', {
      body: consoleLines.join('\n') || '(empty)',
      contentType: 'text/plain'
    });
  }
});
