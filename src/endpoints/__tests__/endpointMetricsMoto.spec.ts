/**
 * @jest-environment ./src/aws/__tests__/jsdomWithStreams.js
 */
import { execFileSync } from 'child_process';
import { getAwsConfig } from '../../api/awsConfig';
import { createAwsClients } from '../../aws/clients';
import { e2eServer } from '../../aws/__tests__/e2eServer';
import { IEndpoint } from '../../tokens';
import { readEndpointMetrics } from '../endpointMetrics';

/** An endpoint's metrics as SageMaker writes them, read through the real proxy from moto. */
const PYTHON = `${__dirname}/../../../.venv/bin/python`;
const { serverSettings, motoUrl: MOTO } = e2eServer();

describe('endpoint metrics through the proxy', () => {
  it('reads invocations, latency and instance use per variant', async () => {
    const config = await getAwsConfig({ serverSettings });
    const region = config.region!;
    const name = `metrics-${Date.now()}`;
    execFileSync(PYTHON, [
      '-c',
      `
import boto3, sys, datetime
name, region, url = sys.argv[1:4]
cw = boto3.client('cloudwatch', region_name=region, endpoint_url=url, aws_access_key_id='testing', aws_secret_access_key='testing')
dims = [{'Name': 'EndpointName', 'Value': name}, {'Name': 'VariantName', 'Value': 'AllTraffic'}]
now = datetime.datetime.now(datetime.timezone.utc)
cw.put_metric_data(Namespace='AWS/SageMaker', MetricData=[
    {'MetricName': 'Invocations', 'Value': 12, 'Dimensions': dims, 'Timestamp': now},
    {'MetricName': 'ModelLatency', 'Value': 3400, 'Dimensions': dims, 'Timestamp': now}])
cw.put_metric_data(Namespace='/aws/sagemaker/Endpoints', MetricData=[
    {'MetricName': 'CPUUtilization', 'Value': 37.5, 'Dimensions': dims, 'Timestamp': now}])
`,
      name,
      region,
      MOTO
    ]);
    const { cloudwatch } = createAwsClients({ region, serverSettings });
    const endpoint: IEndpoint = {
      name,
      target: 'sagemaker',
      status: 'InService',
      creationTime: new Date(Date.now() - 60000),
      variants: [{ name: 'AllTraffic', instanceType: 'ml.m5.large', instanceCount: 1 }]
    };
    const series = await readEndpointMetrics({ cloudwatch, region }, endpoint, undefined, new Date(Date.now() + 120000));
    const values = Object.fromEntries(series.map(s => [s.name, s.values]));
    expect(series.every(s => s.host === 'AllTraffic')).toBe(true);
    expect(values.Invocations).toEqual([12]);
    expect(values.ModelLatency).toEqual([3400]);
    expect(values.CPUUtilization).toEqual([37.5]);
    expect(values.Invocation5XXErrors).toEqual([]);

    const serverless = await readEndpointMetrics(
      { cloudwatch, region },
      { ...endpoint, variants: [{ name: 'AllTraffic', serverless: { memorySizeInMB: 2048, maxConcurrency: 5 } }] },
      undefined,
      new Date(Date.now() + 120000)
    );
    expect(serverless.map(s => s.name)).not.toContain('CPUUtilization');
  });
});
