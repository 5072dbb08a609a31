import { expect, test } from '@jupyterlab/galata';
import { execFileSync } from 'child_process';
import * as path from 'path';

/**
 * An endpoint seeded in moto as a deploy leaves it (CreateModel,
 * CreateEndpointConfig, CreateEndpoint, tagged with its job), shown in the
 * Endpoints sidebar, then deleted after the confirmation that names the
 * endpoint, its config and its model: all three are gone from moto.
 */
const PYTHON = path.resolve(__dirname, '..', '..', '.venv', 'bin', 'python');
const MOTO = process.env.SAGEMAKER_NLP_MOTO_URL ?? 'http://127.0.0.1:5055';
const NAME = `reviews-ep-${Date.now()}`;

const SEED = `
import boto3, sys
name, url = sys.argv[1:3]
sm = boto3.client('sagemaker', region_name='us-east-1', endpoint_url=url,
                  aws_access_key_id='testing', aws_secret_access_key='testing')
tags = [{'Key': 'sagemaker-nlp:job', 'Value': 'reviews-train-1'},
        {'Key': 'sagemaker-nlp:notebook', 'Value': 'examples/sentiment.ipynb'},
        {'Key': 'sagemaker-nlp:cell', 'Value': 'train'}]
sm.create_model(ModelName=name + '-model', ExecutionRoleArn='arn:aws:iam::123456789012:role/SageMakerRole',
                PrimaryContainer={'Image': '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3',
                                  'ModelDataUrl': 's3://sagemaker-us-east-1-123456789012/reviews/model.tar.gz'}, Tags=tags)
sm.create_endpoint_config(EndpointConfigName=name + '-config', Tags=tags, ProductionVariants=[
    {'VariantName': 'AllTraffic', 'ModelName': name + '-model', 'InstanceType': 'ml.m5.large',
     'InitialInstanceCount': 2, 'InitialVariantWeight': 1.0}])
sm.create_endpoint(EndpointName=name, EndpointConfigName=name + '-config', Tags=tags)
`;

const LEFT = `
import boto3, sys
name, url = sys.argv[1:3]
sm = boto3.client('sagemaker', region_name='us-east-1', endpoint_url=url,
                  aws_access_key_id='testing', aws_secret_access_key='testing')
left = [e['EndpointName'] for e in sm.list_endpoints()['Endpoints'] if e['EndpointName'] == name]
left += [c['EndpointConfigName'] for c in sm.list_endpoint_configs()['EndpointConfigs'] if c['EndpointConfigName'] == name + '-config']
left += [m['ModelName'] for m in sm.list_models()['Models'] if m['ModelName'] == name + '-model']
print(' '.join(left))
`;

test.use({ autoGoto: true, viewport: { width: 1280, height: 900 } });

test('an endpoint in the Endpoints sidebar: InService, then deleted with its config and model', async ({ page }) => {
  execFileSync(PYTHON, ['-c', SEED, NAME, MOTO]);
  await page.evaluate(async () => {
    await window.jupyterapp.commands.execute('sagemaker-nlp:open-endpoints');
  });
  const row = page.locator(`.jp-SageMakerNLP-endpointRow[data-endpoint-name="${NAME}"]`);
  await expect(row).toBeVisible({ timeout: 60000 });
  await expect(row).toHaveAttribute('data-status', 'InService');
  await expect(row).toContainText('In service');
  await expect(row).toContainText('ml.m5.large × 2');
  await expect(row).toContainText('from reviews-train-1');

  await row.click();
  const detail = page.locator(`.jp-SageMakerNLP-endpointDetail[data-endpoint-name="${NAME}"]`);
  await expect(detail).toContainText(`${NAME}-config`);
  await expect(detail).toContainText(`${NAME}-model`);
  await expect(detail.locator('.jp-SageMakerNLP-endpointVariants')).toContainText('AllTraffic');

  await detail.getByRole('button', { name: 'Delete' }).click();
  const dialog = page.locator('.jp-Dialog');
  await expect(dialog).toContainText(`Delete endpoint ${NAME}?`);
  await expect(dialog).toContainText(`the endpoint ${NAME}, its config ${NAME}-config, its model ${NAME}-model`);
  await dialog.getByRole('button', { name: 'Delete' }).click();

  await expect(row).toHaveCount(0, { timeout: 30000 });
  expect(execFileSync(PYTHON, ['-c', LEFT, NAME, MOTO], { encoding: 'utf-8' }).trim()).toBe('');
});
