import { expect, test } from '@jupyterlab/galata';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/**
 * Deploy from a completed SageMaker job seeded in moto: the endpoint comes up
 * InService in the Endpoints sidebar, and "Try it" shows the answer queued in
 * moto (`/moto-api/static/sagemaker/endpoint-results`), all through the proxy.
 */
const PYTHON = path.resolve(__dirname, '..', '..', '.venv', 'bin', 'python');
const MOTO = process.env.SAGEMAKER_NLP_MOTO_URL ?? 'http://127.0.0.1:5055';
/** A name as the extension gives a job: `<base>-<UTC time to the millisecond>`. */
const jobName = (base: string) => `${base}-${new Date().toISOString().slice(0, 23).replace(/[:.T]/g, '-')}`;
const JOB = jobName('reviews-sklearn');
const ANSWER = '["positive"]';
const IMAGES = path.resolve(__dirname, '..', '..', 'docs', 'images');

const SEED = `
import boto3, json, sys, urllib.request
job, url, answer = sys.argv[1:4]
kw = dict(region_name='us-east-1', endpoint_url=url, aws_access_key_id='testing', aws_secret_access_key='testing')
sm = boto3.client('sagemaker', **kw)
bucket = 'sagemaker-us-east-1-123456789012'
sm.create_training_job(
    TrainingJobName=job,
    AlgorithmSpecification={'TrainingImage': '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3',
                            'TrainingInputMode': 'File'},
    RoleArn='arn:aws:iam::123456789012:role/SageMakerRole',
    HyperParameters={'sagemaker_program': '"train.py"',
                     'sagemaker_submit_directory': json.dumps(f's3://{bucket}/{job}/source/sourcedir.tar.gz'),
                     'sagemaker_container_log_level': '20'},
    OutputDataConfig={'S3OutputPath': f's3://{bucket}/'},
    ResourceConfig={'InstanceType': 'ml.m5.large', 'InstanceCount': 1, 'VolumeSizeInGB': 30},
    StoppingCondition={'MaxRuntimeInSeconds': 3600},
    Tags=[{'Key': 'sagemaker-nlp:notebook', 'Value': 'examples/sklearn-text-classifier.ipynb'},
          {'Key': 'sagemaker-nlp:cell', 'Value': 'train'}])
request = urllib.request.Request(url + '/moto-api/static/sagemaker/endpoint-results', method='POST',
    data=json.dumps({'region': 'us-east-1', 'results': [{'Body': answer, 'ContentType': 'application/json'}]}).encode())
urllib.request.urlopen(request).read()
`;

test.use({ autoGoto: true, viewport: { width: 1280, height: 900 } });

test('a completed SageMaker job is deployed, comes up InService and answers in "Try it"', async ({ page }) => {
  execFileSync(PYTHON, ['-c', SEED, JOB, MOTO, ANSWER]);
  await page.evaluate(name => window.jupyterapp.commands.execute('sagemaker-nlp:open-job', { name }), JOB);
  const detail = page.locator(`.jp-SageMakerNLP-jobDetail[data-job-name="${JOB}"]`);
  await expect(detail).toHaveAttribute('data-status', 'Completed', { timeout: 60000 });

  await detail.getByRole('button', { name: 'Deploy' }).click();
  const dialog = page.locator('.jp-Dialog');
  await expect(dialog.locator('input[name="endpointName"]')).toHaveValue(`${JOB}-ep`);
  await expect(dialog.locator('input[name="instanceType"]')).toHaveValue('ml.m5.large');
  fs.mkdirSync(IMAGES, { recursive: true });
  await dialog.locator('.jp-Dialog-content').screenshot({ path: path.join(IMAGES, 'deploy-dialog.png') });
  await dialog.getByRole('button', { name: 'Deploy' }).click();

  const row = page.locator(`.jp-SageMakerNLP-endpointRow[data-endpoint-name="${JOB}-ep"]`);
  await expect(row).toHaveAttribute('data-status', 'InService', { timeout: 60000 });
  await expect(row).toContainText(`from ${JOB}`);
  const endpoint = page.locator(`.jp-SageMakerNLP-endpointDetail[data-endpoint-name="${JOB}-ep"]`);
  await endpoint.getByRole('textbox', { name: 'Input for the endpoint' }).fill('Great kettle!');
  await endpoint.getByRole('button', { name: 'Send' }).click();
  await expect(endpoint.locator('.jp-SageMakerNLP-tryItAnswer')).toHaveText('[\n  "positive"\n]');
  await expect(endpoint.locator('.jp-SageMakerNLP-autoscaling')).toContainText('Off: the endpoint keeps 1 instance(s).');
});

test('a completed SageMaker job runs a batch transform over an S3 prefix, listed with its output', async ({ page }) => {
  const job = jobName('reviews-scoring');
  execFileSync(PYTHON, ['-c', SEED, job, MOTO, ANSWER]);
  await page.evaluate(name => window.jupyterapp.commands.execute('sagemaker-nlp:open-job', { name }), job);
  const detail = page.locator(`.jp-SageMakerNLP-jobDetail[data-job-name="${job}"]`);
  await expect(detail).toHaveAttribute('data-status', 'Completed', { timeout: 60000 });

  // A prefix that is not an S3 URI comes back with the fix named, then the right one starts.
  await detail.getByRole('button', { name: 'Batch transform' }).click();
  const dialog = page.locator('.jp-Dialog');
  await expect(dialog.locator('input[name="instanceType"]')).toHaveValue('ml.m5.large');
  await dialog.locator('input[name="input"]').fill('reviews/to-score');
  await dialog.getByRole('button', { name: 'Start' }).click();
  await expect(dialog.locator('[role="alert"]')).toContainText('is not an S3 URI');
  await dialog.locator('input[name="input"]').fill('s3://sagemaker-us-east-1-123456789012/reviews/to-score/');
  await dialog.getByRole('button', { name: 'Start' }).click();

  const transform = page.locator('.jp-SageMakerNLP-transformDetail');
  await expect(transform).toHaveAttribute('data-status', 'Completed', { timeout: 60000 });
  const name = (await transform.getAttribute('data-transform-name'))!;
  expect(name).toMatch(/^sagemaker-scikit-learn-\d{4}-\d{2}-\d{2}-/);
  await expect(transform.locator('.jp-SageMakerNLP-transformOutput a')).toHaveText(
    `s3://sagemaker-us-east-1-123456789012/${name}`
  );
  await expect(transform).toContainText('ml.m5.large × 1');
  await expect(transform.getByRole('button', { name: job })).toBeVisible();
});
