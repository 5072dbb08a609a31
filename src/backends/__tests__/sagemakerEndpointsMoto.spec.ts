/**
 * @jest-environment ./src/aws/__tests__/jsdomWithStreams.js
 */
import { execFileSync } from 'child_process';
import { ServerConnection } from '@jupyterlab/services';
import { createAwsClients } from '../../aws/clients';
import { getAwsConfig } from '../../api/awsConfig';
import { JOB_TAG, notebookTags } from '../../training/notebookTags';
import { SageMakerEndpoints } from '../sagemakerEndpoints';

/**
 * The Endpoints sidebar's SageMaker side through the real signing proxy to
 * moto (started by scripts/aws-stack.sh): endpoints created in moto with
 * boto3, as a deploy would leave them, listed with their variants and tags,
 * then deleted with their config and model.
 */
const BASE_URL = process.env.SAGEMAKER_NLP_E2E_URL;
if (!BASE_URL) {
  throw new Error(
    'No Jupyter server for the end-to-end test: run jest through `make jest` or ' +
      '`bash scripts/jest.sh` (they start moto and a Jupyter server first).'
  );
}
const PYTHON = `${__dirname}/../../../.venv/bin/python`;

interface ISeed {
  name: string;
  serverless?: boolean;
  tags: { Key: string; Value: string }[];
}

/** Model, config and endpoint of each seed, straight in moto. */
function createEndpoints(region: string, seeds: ISeed[]): void {
  const script = `
import boto3, json, sys
region, url, seeds = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
sm = boto3.client('sagemaker', region_name=region, endpoint_url=url,
                  aws_access_key_id='testing', aws_secret_access_key='testing')
for seed in seeds:
    name = seed['name']
    tags = seed['tags'] or [{'Key': 'team', 'Value': 'other'}]
    sm.create_model(ModelName=name + '-model', ExecutionRoleArn='arn:aws:iam::123456789012:role/SageMakerRole',
                    PrimaryContainer={'Image': '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3',
                                      'ModelDataUrl': 's3://bucket/' + name + '/model.tar.gz'}, Tags=tags)
    variant = {'VariantName': 'AllTraffic', 'ModelName': name + '-model', 'InitialVariantWeight': 1.0}
    if seed.get('serverless'):
        variant['ServerlessConfig'] = {'MemorySizeInMB': 2048, 'MaxConcurrency': 5}
    else:
        variant.update(InstanceType='ml.m5.large', InitialInstanceCount=2)
    sm.create_endpoint_config(EndpointConfigName=name + '-config', ProductionVariants=[variant], Tags=tags)
    sm.create_endpoint(EndpointName=name, EndpointConfigName=name + '-config', Tags=tags)
`;
  execFileSync(PYTHON, ['-c', script, region, process.env.SAGEMAKER_NLP_E2E_MOTO!, JSON.stringify(seeds)]);
}

/** What moto still has of these names (checked behind the proxy's back). */
function leftInMoto(region: string, name: string): string[] {
  const script = `
import boto3, sys
region, url, name = sys.argv[1], sys.argv[2], sys.argv[3]
sm = boto3.client('sagemaker', region_name=region, endpoint_url=url,
                  aws_access_key_id='testing', aws_secret_access_key='testing')
left = []
if any(e['EndpointName'] == name for e in sm.list_endpoints()['Endpoints']): left.append('endpoint')
if any(c['EndpointConfigName'] == name + '-config' for c in sm.list_endpoint_configs()['EndpointConfigs']): left.append('config')
if any(m['ModelName'] == name + '-model' for m in sm.list_models()['Models']): left.append('model')
print(' '.join(left))
`;
  const out = execFileSync(PYTHON, ['-c', script, region, process.env.SAGEMAKER_NLP_E2E_MOTO!, name]);
  return out.toString().trim().split(' ').filter(Boolean);
}

describe('SageMaker endpoints through the proxy to moto', () => {
  const serverSettings = ServerConnection.makeSettings({
    baseUrl: BASE_URL ?? 'http://127.0.0.1:1/',
    token: process.env.SAGEMAKER_NLP_E2E_TOKEN ?? ''
  });

  it('lists endpoints with their variants and the job they came from, then deletes one whole', async () => {
    const config = await getAwsConfig({ serverSettings });
    const region = config.region!;
    const stamp = Date.now();
    const realtime = `ep-rt-${stamp}`;
    const serverless = `ep-sl-${stamp}`;
    createEndpoints(region, [
      {
        name: realtime,
        tags: [{ Key: JOB_TAG, Value: 'train-1' }, ...notebookTags('work/a b.ipynb', 'cell-7')]
      },
      { name: serverless, serverless: true, tags: [] }
    ]);
    const endpoints = new SageMakerEndpoints({
      sagemaker: createAwsClients({ region, serverSettings }).sagemaker,
      region
    });
    const listed = await endpoints.list();
    expect(listed.find(e => e.name === realtime)).toMatchObject({
      target: 'sagemaker',
      status: 'InService',
      configName: `${realtime}-config`,
      jobName: 'train-1',
      notebookPath: 'work/a b.ipynb',
      cellId: 'cell-7',
      variants: [
        { name: 'AllTraffic', modelName: `${realtime}-model`, instanceType: 'ml.m5.large', instanceCount: 2 }
      ]
    });
    const other = listed.find(e => e.name === serverless)!;
    expect(other.variants).toEqual([
      {
        name: 'AllTraffic',
        modelName: `${serverless}-model`,
        serverless: { memorySizeInMB: 2048, maxConcurrency: 5 }
      }
    ]);
    expect(other.jobName).toBeUndefined();
    expect(listed.findIndex(e => e.name === serverless)).toBeLessThan(
      listed.findIndex(e => e.name === realtime)
    ); // newest first

    await endpoints.delete(realtime);
    expect(leftInMoto(region, realtime)).toEqual([]);
    expect(leftInMoto(region, serverless)).toEqual(['endpoint', 'config', 'model']);
    expect((await endpoints.list()).map(e => e.name)).not.toContain(realtime);
  });

  it('says which endpoint could not be found when deleting', async () => {
    const config = await getAwsConfig({ serverSettings });
    const region = config.region!;
    const endpoints = new SageMakerEndpoints({
      sagemaker: createAwsClients({ region, serverSettings }).sagemaker,
      region
    });
    await expect(endpoints.delete('no-such-endpoint')).rejects.toThrow(
      /Reading the endpoint no-such-endpoint failed: .*no-such-endpoint/
    );
  });
});
