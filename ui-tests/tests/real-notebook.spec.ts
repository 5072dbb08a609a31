import { expect, test } from '@jupyterlab/galata';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { TRAIN_BUTTON } from './example';

const IMAGES = path.resolve(__dirname, '..', '..', 'docs', 'images');

/**
 * A notebook written the way people write them: a cell writes the data file
 * the training cell reads, a cell only looks at the data, a word list sits
 * next to the notebook, a float is written `1.`, and the model is saved to
 * a folder of its own rather than to SM_MODEL_DIR.
 */
const CELLS = [
  'import csv\nimport os\nimport joblib\nfrom IPython.display import display\n' +
    'from sklearn.feature_extraction.text import TfidfVectorizer\n' +
    'from sklearn.linear_model import LogisticRegression\nfrom sklearn.pipeline import make_pipeline',
  'rows = [("great kettle, works well", "positive"), ("broke within a week", "negative")] * 20\n' +
    'with open("prepared.csv", "w", newline="") as f:\n    csv.writer(f).writerows(rows)',
  'display(rows[:3])',
  'with open("prepared.csv", newline="") as f:\n    texts, labels = zip(*csv.reader(f))\n' +
    'stop_words = open("stopwords.txt").read().split()\n' +
    'model = make_pipeline(TfidfVectorizer(stop_words=stop_words), LogisticRegression(C=1., max_iter=200))\n' +
    'model.fit(texts, labels)\nprint(f"train_accuracy={model.score(texts, labels):.4f}")\n' +
    'os.makedirs("artifacts", exist_ok=True)\njoblib.dump(model, "artifacts/model.joblib")'
];

function notebookJson(): string {
  return JSON.stringify({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' },
      language_info: { name: 'python' }
    },
    cells: CELLS.map((source, i) => ({
      cell_type: 'code',
      id: `cell-${i + 1}`,
      metadata: {},
      outputs: [],
      execution_count: null,
      source
    }))
  });
}

test.use({ autoGoto: true, viewport: { width: 1280, height: 900 } });

test('a real notebook: the writer cell is taken, the word list shipped, the model kept', async ({
  page,
  tmpPath
}) => {
  await page.contents.uploadContent(notebookJson(), 'text', `${tmpPath}/reviews.ipynb`);
  await page.contents.uploadContent('the\na\nand\n', 'text', `${tmpPath}/stopwords.txt`);
  await page.notebook.openByPath(`${tmpPath}/reviews.ipynb`);
  await page.notebook.activate('reviews.ipynb');
  await page.notebook.selectCells(3);
  await page.locator(TRAIN_BUTTON).click();

  const form = page.locator('.jp-Dialog .jp-SageMakerNLP-trainForm');
  await expect(form).toBeVisible();
  // The file beside the notebook is offered, ticked; the model's folder is named.
  await expect(form.locator(`input[name="need-${tmpPath}/stopwords.txt"]`)).toBeChecked();
  await expect(form.locator('.jp-SageMakerNLP-modelSaves')).toContainText(
    'The model will be saved from `artifacts/model.joblib`'
  );
  // Notebook-only code is named with its cell and line.
  await expect(form.locator('.jp-SageMakerNLP-warnings')).toContainText('cell 1 line 4');
  // The writer of prepared.csv is taken; the cell that only displays is not.
  await form.locator('summary', { hasText: /^Script \(/ }).click();
  await expect(form.locator('.jp-SageMakerNLP-cells li')).toHaveText([
    /^Cell 1: /,
    /^Cell 2: /,
    /^Cell 4: training/
  ]);
  fs.mkdirSync(IMAGES, { recursive: true });
  await page.locator('.jp-Dialog-content').screenshot({ path: path.join(IMAGES, 'train-dialog-notes.png') });

  await form.locator('input[name="jobBaseName"]').focus();
  await page.keyboard.press('Enter');
  await expect(form).toHaveCount(0);
  const row = page.locator('.jp-SageMakerNLP-jobRow').first();
  await expect(row).toHaveAttribute('data-status', 'Completed', { timeout: 90000 });

  // The model saved to ./artifacts is in the job's model artifact.
  const jobs = (await (await page.request.get('/sagemaker-nlp/local/jobs')).json()).jobs;
  const job = jobs.find((j: { TrainingJobName: string }) => j.TrainingJobName.startsWith('reviews-'));
  const described = await (
    await page.request.get(`/sagemaker-nlp/local/jobs/${job.TrainingJobName}`)
  ).json();
  const tarball = described.ModelArtifacts.S3ModelArtifacts.replace(/^file:\/\//, '');
  const members = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf-8' }).split('\n');
  expect(members.map(m => m.replace(/^\.\//, ''))).toContain('model.joblib');
});
