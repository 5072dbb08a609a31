/**
 * @jest-environment ./src/aws/__tests__/jsdomWithStreams.js
 */
import { execFileSync } from 'child_process';
import { ServerConnection } from '@jupyterlab/services';
import { createAwsClients } from '../../aws/clients';
import { getAwsConfig } from '../../api/awsConfig';
import { readSystemMetrics } from '../sagemakerSystemMetrics';

/**
 * System metrics through the real signing proxy to moto, both started by
 * scripts/aws-stack.sh (see sagemakerMoto.spec.ts); `bash scripts/jest.sh`
 * does that.
 */
const BASE_URL = process.env.SAGEMAKER_NLP_E2E_URL;
const MOTO = process.env.SAGEMAKER_NLP_E2E_MOTO;
if (!BASE_URL || !MOTO) {
  throw new Error(
    'No Jupyter server and moto for the end-to-end test: run jest through `make jest` or ' +
      '`bash scripts/jest.sh` (they start moto and a Jupyter server first).'
  );
}
const PYTHON = `${__dirname}/../../../.venv/bin/python`;

/** What SageMaker publishes for each instance: % used, a point a minute. */
function seedSystemMetrics(jobName: string, region: string, minutesAgo: number): void {
  const script = `
import boto3, datetime, sys
job, region, url, minutes = sys.argv[1:5]
cw = boto3.client('cloudwatch', region_name=region, endpoint_url=url,
                  aws_access_key_id='testing', aws_secret_access_key='testing')
when = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(minutes=int(minutes))
def put(name, host, value):
    cw.put_metric_data(Namespace='/aws/sagemaker/TrainingJobs', MetricData=[{
        'MetricName': name, 'Value': value, 'Timestamp': when, 'Unit': 'Percent',
        'Dimensions': [{'Name': 'Host', 'Value': f'{job}/{host}'}]}])
put('CPUUtilization', 'algo-1', 91.5)
put('CPUUtilization', 'algo-2', 47.0)
put('MemoryUtilization', 'algo-1', 33.0)
# Another job's instance, which must not show.
cw.put_metric_data(Namespace='/aws/sagemaker/TrainingJobs', MetricData=[{
    'MetricName': 'CPUUtilization', 'Value': 5.0, 'Timestamp': when,
    'Dimensions': [{'Name': 'Host', 'Value': f'{job}-other/algo-1'}]}])
`;
  execFileSync(PYTHON, ['-c', script, jobName, region, MOTO!, String(minutesAgo)]);
}

describe('readSystemMetrics through the real proxy to moto', () => {
  const serverSettings = ServerConnection.makeSettings({
    baseUrl: BASE_URL,
    token: process.env.SAGEMAKER_NLP_E2E_TOKEN ?? ''
  });

  it('reads each instance of the job, and only what is new with since', async () => {
    const config = await getAwsConfig({ serverSettings });
    const region = config.region!;
    const jobName = `sys-${Date.now()}`;
    seedSystemMetrics(jobName, region, 3);
    const { cloudwatch } = createAwsClients({ region, serverSettings });
    const desc = {
      TrainingJobName: jobName,
      ResourceConfig: { InstanceCount: 2, InstanceType: 'ml.m5.xlarge' as const, VolumeSizeInGB: 30 },
      CreationTime: new Date(Date.now() - 10 * 60000),
      TrainingStartTime: new Date(Date.now() - 9 * 60000)
    };
    const series = await readSystemMetrics({ cloudwatch, region }, desc);
    const seen = series
      .filter(s => s.values.length > 0)
      .map(s => [s.host, s.name, s.values]);
    expect(seen).toEqual([
      ['algo-1', 'CPUUtilization', [91.5]],
      ['algo-1', 'MemoryUtilization', [33]],
      ['algo-2', 'CPUUtilization', [47]]
    ]);
    // Every metric of every host is asked for, GPU ones too (empty on CPU instances).
    expect(series.map(s => `${s.host} ${s.name}`)).toContain('algo-2 GPUMemoryUtilization');
    const since = series[0].timestamps[0];
    const again = await readSystemMetrics({ cloudwatch, region }, desc, since);
    expect(again.every(s => s.values.length === 0)).toBe(true);
  });
});
