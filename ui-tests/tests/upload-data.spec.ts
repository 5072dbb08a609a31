import { expect, IJupyterLabPageFixture, test } from '@jupyterlab/galata';
import * as fs from 'fs';
import * as path from 'path';
import { EXAMPLES, openExample, trainTheTrainingCell } from './example';

/**
 * The scikit-learn example reads its `train` channel from `data/train`
 * next to the notebook: on SageMaker (moto behind the signing proxy) the
 * folder is uploaded to the job's base name, once; the second click on the
 * same cell uploads nothing.
 */
const NOTEBOOK = 'sklearn-text-classifier.ipynb';
const BUCKET = 'sagemaker-us-east-1-123456789012';
// A base name of its own: other tests submit this example to the same moto.
const BASE_NAME = `reviews-upload-${Date.now()}`;
const PREFIX = `${BASE_NAME}/input/train/`;

test.use({ autoGoto: true, viewport: { width: 1280, height: 900 } });

/** The objects under a prefix, through the proxy (ListObjectsV2's XML). */
async function listObjects(page: IJupyterLabPageFixture, prefix: string) {
  const response = await page.request.get(
    `/sagemaker-nlp/aws/s3/${BUCKET}?list-type=2&prefix=${encodeURIComponent(prefix)}`
  );
  expect(response.status()).toBe(200);
  const xml = await response.text();
  return [...xml.matchAll(/<Contents>(.*?)<\/Contents>/gs)].map(([, c]) => ({
    key: /<Key>(.*?)<\/Key>/.exec(c)![1],
    etag: /<ETag>(.*?)<\/ETag>/.exec(c)![1].replace(/&quot;|&#34;/g, '"'),
    size: Number(/<Size>(.*?)<\/Size>/.exec(c)![1]),
    lastModified: /<LastModified>(.*?)<\/LastModified>/.exec(c)![1]
  }));
}

async function submitToSageMaker(page: IJupyterLabPageFixture) {
  await trainTheTrainingCell(page, NOTEBOOK);
  const form = page.locator('.jp-Dialog .jp-SageMakerNLP-trainForm');
  await expect(form).toBeVisible();
  await form.locator('input[name="target"][value="sagemaker"]').check();
  await form.locator('input[name="jobBaseName"]').fill(BASE_NAME);
  // The Local channel's folder is the SageMaker channel's default, and the dialog says where it goes.
  await expect(form.locator('input[name="channel-train"]')).toHaveValue(/data\/train$/);
  await expect(form.locator('.jp-SageMakerNLP-hint[data-channel="train"]')).toContainText(
    `will be uploaded to s3://${BUCKET}/${PREFIX}`
  );
  await page.getByRole('button', { name: 'Start training' }).click();
}

test('the example data is uploaded on the first click, and not again on the second', async ({
  page,
  tmpPath
}) => {
  await openExample(page, tmpPath, NOTEBOOK);
  await submitToSageMaker(page);
  // The bucket exists if another test made it already.
  const bucketDialog = page.locator('.jp-Dialog', { hasText: 'Create the SageMaker bucket?' });
  const uploaded = page.locator('.Toastify__toast', { hasText: 'uploaded 1 of 1 file,' });
  await expect(bucketDialog.or(uploaded).first()).toBeVisible({ timeout: 60000 });
  if (await bucketDialog.isVisible()) {
    await bucketDialog.getByRole('button', { name: 'Create bucket' }).click();
  }
  await expect(uploaded).toBeVisible({ timeout: 60000 });
  const rows = page.locator(
    `.jp-SageMakerNLP-jobRow[data-job-name^="${BASE_NAME}-"]`
  );
  await expect(rows).toHaveCount(1, { timeout: 60000 });

  const local = fs.readFileSync(path.join(EXAMPLES, 'data', 'train', 'reviews.csv'));
  const first = await listObjects(page, PREFIX);
  expect(first.map(o => [o.key, o.size])).toEqual([[`${PREFIX}reviews.csv`, local.length]]);
  const name = (await rows.first().getAttribute('data-job-name'))!;
  const job = await page.request.post('/sagemaker-nlp/aws/sagemaker/', {
    headers: {
      'Content-Type': 'application/x-amz-json-1.1',
      'X-Amz-Target': 'SageMaker.DescribeTrainingJob'
    },
    data: JSON.stringify({ TrainingJobName: name })
  });
  expect((await job.json()).InputDataConfig[0].DataSource.S3DataSource.S3Uri).toBe(
    `s3://${BUCKET}/${PREFIX}`
  );

  await submitToSageMaker(page);
  await expect(
    page.locator('.Toastify__toast', {
      hasText: 'the data is already in S3 (1 file unchanged): nothing to upload'
    })
  ).toBeVisible({ timeout: 60000 });
  await expect(rows).toHaveCount(2, { timeout: 60000 });
  // The object is the first click's: same ETag, never written again.
  expect(await listObjects(page, PREFIX)).toEqual(first);
});
