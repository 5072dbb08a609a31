import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import * as path from 'path';
import * as zlib from 'zlib';
import { openExample, trainTheTrainingCell } from './example';

/**
 * "Train this cell" on SageMaker, with a moto server standing in for AWS,
 * reached through the extension's signing proxy (see playwright.config.js
 * and jupyter_server_test_config.py).
 */
const NOTEBOOK = 'sklearn-text-classifier.ipynb';
const ACCOUNT = '123456789012';
const BUCKET = `sagemaker-us-east-1-${ACCOUNT}`;
const ROLE = `arn:aws:iam::${ACCOUNT}:role/SageMakerRole`;

test.use({ autoGoto: true, viewport: { width: 1280, height: 900 } });

/** Files of a .tar.gz, by name (ustar; PAX records skipped). */
function untar(gzipped: Buffer): Map<string, string> {
  const tar = zlib.gunzipSync(gzipped);
  const files = new Map<string, string>();
  for (let at = 0; at + 512 <= tar.length; ) {
    const header = tar.subarray(at, at + 512);
    const name = header.toString('utf-8', 0, 100).replace(/\0.*$/s, '');
    if (!name) break;
    const size = parseInt(header.toString('ascii', 124, 136).trim(), 8) || 0;
    const type = String.fromCharCode(header[156]);
    if (type === '0' || type === '\0') {
      files.set(name, tar.toString('utf-8', at + 512, at + 512 + size));
    }
    at += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

async function describeTrainingJob(page: IJupyterLabPageFixture, name: string) {
  const response = await page.request.post('/sagemaker-nlp/aws/sagemaker/', {
    headers: {
      'Content-Type': 'application/x-amz-json-1.1',
      'X-Amz-Target': 'SageMaker.DescribeTrainingJob'
    },
    data: JSON.stringify({ TrainingJobName: name })
  });
  expect(response.status()).toBe(200);
  return response.json();
}

async function openTrainDialog(page: IJupyterLabPageFixture, tmpPath: string) {
  await openExample(page, tmpPath, NOTEBOOK, { data: false });
  await trainTheTrainingCell(page, NOTEBOOK);
  const form = page.locator('.jp-Dialog .jp-SageMakerNLP-trainForm');
  await expect(form).toBeVisible();
  await form.locator('input[name="target"][value="sagemaker"]').check();
  await expect(form.locator('select[name="sm-instanceType"]')).toBeVisible();
  return form;
}

test('the sklearn example becomes a SageMaker training job in moto, as the SDK would send it', async ({
  page,
  tmpPath
}) => {
  const form = await openTrainDialog(page, tmpPath);
  const version = await form
    .locator('select[name="sm-frameworkVersion"]')
    .inputValue();
  await expect(form.locator('select[name="sm-instanceType"]')).toHaveValue(
    'ml.m5.xlarge'
  );
  await form.getByRole('button', { name: 'Add channel' }).click();
  await form.getByLabel('Channel name').last().fill('train');
  await form
    .locator('input[name="channel-train"]')
    .fill(`s3://${BUCKET}/data/train`);
  await page.locator('.jp-Dialog-content').screenshot({
    path: path.resolve(__dirname, '..', '..', 'docs', 'images', 'train-dialog-sagemaker.png')
  });
  await page.getByRole('button', { name: 'Start training' }).click();

  // moto starts empty: the default bucket is created once the user agrees.
  const bucketDialog = page.locator('.jp-Dialog', {
    hasText: 'Create the SageMaker bucket?'
  });
  await expect(bucketDialog).toContainText(BUCKET);
  await bucketDialog.getByRole('button', { name: 'Create bucket' }).click();

  const row = page.locator(
    '.jp-SageMakerNLP-jobRow[data-job-name^="sklearn-text-classifier-"]',
    { hasText: 'SageMaker' }
  );
  await expect(row.first()).toBeVisible({ timeout: 60000 });
  const name = (await row.first().getAttribute('data-job-name'))!;

  // What was uploaded: sourcedir.tar.gz with train.py at its root.
  const key = `${name}/source/sourcedir.tar.gz`;
  const object = await page.request.get(
    `/sagemaker-nlp/aws/s3/${BUCKET}/${key}`
  );
  expect(object.status()).toBe(200);
  const files = untar(await object.body());
  expect([...files.keys()]).toEqual(['train.py']);
  expect(files.get('train.py')).toContain('build_pipeline(');
  expect(files.get('train.py')).toContain('SM_HPS');

  // What CreateTrainingJob carried, read back from moto.
  const job = await describeTrainingJob(page, name);
  expect(job.AlgorithmSpecification.TrainingImage).toBe(
    `683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:${version}-cpu-py3`
  );
  expect(job.AlgorithmSpecification.TrainingInputMode).toBe('File');
  expect(job.RoleArn).toBe(ROLE);
  expect(job.HyperParameters).toEqual({
    sagemaker_program: '"train.py"',
    sagemaker_submit_directory: `"s3://${BUCKET}/${key}"`,
    sagemaker_container_log_level: '20',
    sagemaker_job_name: `"${name}"`,
    sagemaker_region: '"us-east-1"',
    max_features: '5000',
    ngram_max: '2',
    C: '1.0', // the notebook's `C = 1.0`, as the SDK's json.dumps writes it
    validation_fraction: '0.2',
    seed: '42',
    curve_steps: '10'
  });
  expect(job.ResourceConfig).toEqual({
    InstanceType: 'ml.m5.xlarge',
    InstanceCount: 1,
    VolumeSizeInGB: 30
  });
  expect(job.StoppingCondition).toEqual({ MaxRuntimeInSeconds: 86400 });
  expect(job.OutputDataConfig.S3OutputPath).toBe(`s3://${BUCKET}/`);
  expect(job.InputDataConfig).toEqual([
    {
      ChannelName: 'train',
      DataSource: {
        S3DataSource: {
          S3DataType: 'S3Prefix',
          S3Uri: `s3://${BUCKET}/data/train`,
          S3DataDistributionType: 'FullyReplicated'
        }
      }
    }
  ]);
  // moto finishes a job at once; the sidebar follows it.
  await expect(row.first()).toHaveAttribute('data-status', 'Completed', {
    timeout: 30000
  });
});

test('a malformed S3 channel is refused in the dialog, before anything reaches AWS', async ({
  page,
  tmpPath
}) => {
  const form = await openTrainDialog(page, tmpPath);
  await form.getByRole('button', { name: 'Add channel' }).click();
  await form.getByLabel('Channel name').last().fill('train');
  await form.locator('input[name="channel-train"]').fill('/home/me/data');
  await page.getByRole('button', { name: 'Start training' }).click();
  const problems = page.locator('.jp-Dialog .jp-SageMakerNLP-problems');
  await expect(problems).toContainText('is not an S3 URI');
  await expect(problems).toContainText('s3://');
  // Still the Train dialog, with the user's value kept.
  await expect(page.locator('input[name="channel-train"]')).toHaveValue(
    '/home/me/data'
  );
  await page.getByRole('button', { name: 'Cancel' }).click();
});

test('the dialog shows the maximum cost, "price unknown" when the Price List API cannot answer', async ({
  page,
  tmpPath
}) => {
  // moto has no Price List API: GetProducts goes through the proxy and fails there.
  const form = await openTrainDialog(page, tmpPath);
  const line = form.locator('.jp-SageMakerNLP-maxCost');
  await expect(line).toHaveText(
    'Maximum cost: price unknown (1 × ml.m5.xlarge for up to 24 h)',
    { timeout: 30000 }
  );
  await expect(line).toHaveAttribute('title', /Price List API could not be asked/);
  await form.locator('input[name="sm-instanceCount"]').fill('2');
  await expect(line).toHaveText(
    'Maximum cost: price unknown (2 × ml.m5.xlarge for up to 24 h)'
  );
  await page.getByRole('button', { name: 'Cancel' }).click();
});
