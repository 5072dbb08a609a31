import { expect, test } from '@jupyterlab/galata';
import { execFileSync } from 'child_process';
import * as path from 'path';

/**
 * A SageMaker job with two instances, seeded in moto through the AWS APIs
 * SageMaker itself writes with (CreateTrainingJob, PutLogEvents for each
 * host, PutMetricData), then watched in the Training jobs sidebar: the log
 * of both hosts in time order, and the metric chart with both hosts' points.
 */
const PYTHON = path.resolve(__dirname, '..', '..', '.venv', 'bin', 'python');
const MOTO = process.env.SAGEMAKER_NLP_MOTO_URL ?? 'http://127.0.0.1:5055';
const JOB = `sentiment-bert-${Date.now()}`;

const SEED = `
import boto3, sys, time
job, url = sys.argv[1:3]
kw = dict(region_name='us-east-1', endpoint_url=url, aws_access_key_id='testing', aws_secret_access_key='testing')
sm = boto3.client('sagemaker', **kw)
sm.create_training_job(
    TrainingJobName=job,
    AlgorithmSpecification={
        'TrainingImage': '763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-training:2.5-cpu-py311',
        'TrainingInputMode': 'File',
        'MetricDefinitions': [{'Name': 'loss', 'Regex': "'loss': ([0-9.]+)"}]},
    RoleArn='arn:aws:iam::123456789012:role/SageMakerRole',
    OutputDataConfig={'S3OutputPath': 's3://sagemaker-us-east-1-123456789012/'},
    ResourceConfig={'InstanceType': 'ml.m5.xlarge', 'InstanceCount': 2, 'VolumeSizeInGB': 30},
    StoppingCondition={'MaxRuntimeInSeconds': 3600},
    Tags=[{'Key': 'sagemaker-nlp:notebook', 'Value': 'examples/sentiment.ipynb'},
          {'Key': 'sagemaker-nlp:cell', 'Value': 'train'}])
logs = boto3.client('logs', **kw)
group = '/aws/sagemaker/TrainingJobs'
try:
    logs.create_log_group(logGroupName=group)
except logs.exceptions.ResourceAlreadyExistsException:
    pass
start = int(time.time() * 1000) - 120000
for host, offset in (('algo-1', 0), ('algo-2', 500)):
    stream = f'{job}/{host}-1764237600'
    logs.create_log_stream(logGroupName=group, logStreamName=stream)
    logs.put_log_events(logGroupName=group, logStreamName=stream, logEvents=[
        {'timestamp': start + offset + 1000 * i, 'message': f'{host} step {i}'} for i in range(3)])
# The metric as the job's description names it (moto answers with a definition of its own).
metric = sm.describe_training_job(TrainingJobName=job)['AlgorithmSpecification']['MetricDefinitions'][0]['Name']
cw = boto3.client('cloudwatch', **kw)
now = time.time()
for host, base in (('algo-1', 0.9), ('algo-2', 0.8)):
    cw.put_metric_data(Namespace=group, MetricData=[
        {'MetricName': metric, 'Value': base - 0.1 * i, 'Timestamp': now - 45 + 90 * i,
         'Dimensions': [{'Name': 'Host', 'Value': f'{job}/{host}'}]} for i in range(2)])
print(metric)
`;

test.use({ autoGoto: true, viewport: { width: 1280, height: 900 } });

test('a two-instance SageMaker job: the logs of both hosts in time order and their metric points', async ({ page }) => {
  const metric = execFileSync(PYTHON, ['-c', SEED, JOB, MOTO], { encoding: 'utf-8' }).trim();
  await page.evaluate(async () => {
    await window.jupyterapp.commands.execute('sagemaker-nlp:open-jobs');
  });
  const row = page.locator(`.jp-SageMakerNLP-jobRow[data-job-name="${JOB}"]`);
  await expect(row).toBeVisible({ timeout: 60000 });
  await row.click();
  const detail = page.locator(`.jp-SageMakerNLP-jobDetail[data-job-name="${JOB}"]`);
  await expect(detail).toBeVisible();

  // The merged view: every line of both hosts, ordered by time.
  const log = detail.locator('.jp-SageMakerNLP-logTail');
  await expect(log).toContainText('algo-2 step 2', { timeout: 60000 });
  const text = (await log.innerText()).split('\n').filter(line => /algo-\d step \d/.test(line));
  const order = text.map(line => /(algo-\d step \d)/.exec(line)![1]);
  expect(order).toEqual([
    'algo-1 step 0', 'algo-2 step 0', 'algo-1 step 1', 'algo-2 step 1', 'algo-1 step 2', 'algo-2 step 2'
  ]);
  // One tab per host.
  await detail.getByRole('tab', { name: 'algo-2' }).click();
  await expect(log).not.toContainText('algo-1 step');
  await expect(log).toContainText('algo-2 step 0');

  // The metric chart: both hosts, their 4 seeded points (moto's job ends as it starts, so the
  // points lie a minute either side of it, in two different minutes: SageMaker's resolution).
  const chart = detail.locator(`.jp-SageMakerNLP-metricChart[data-metric="${metric}"]`);
  await expect(chart).toHaveAttribute('data-points', '4', { timeout: 60000 });
  await expect(chart).toHaveAttribute('data-hosts', 'algo-1 algo-2');
  await expect(chart.locator('canvas')).toBeVisible();
});
