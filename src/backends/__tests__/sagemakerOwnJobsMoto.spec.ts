/**
 * @jest-environment ./src/aws/__tests__/jsdomWithStreams.js
 */
import { execFileSync } from 'child_process';
import { ServerConnection } from '@jupyterlab/services';
import { createAwsClients } from '../../aws/clients';
import { getAwsConfig } from '../../api/awsConfig';
import { notebookTags } from '../../training/notebookTags';
import { SageMakerBackend } from '../sagemaker';

/**
 * The jobs list's scopes through the real signing proxy to moto (started by
 * scripts/aws-stack.sh, see sagemakerMoto.spec.ts): own jobs are found by
 * their tags (ListTags, read once per job), every job with the toggle.
 */
const BASE_URL = process.env.SAGEMAKER_NLP_E2E_URL;
if (!BASE_URL) {
  throw new Error(
    'No Jupyter server for the end-to-end test: run jest through `make jest` or ' +
      '`bash scripts/jest.sh` (they start moto and a Jupyter server first).'
  );
}
const PYTHON = `${__dirname}/../../../.venv/bin/python`;

/** Training jobs created in moto directly, as another tool would: with tags or without. */
function createJobs(region: string, jobs: { name: string; tags: { Key: string; Value: string }[] }[]): void {
  const script = `
import boto3, json, sys
region, url, jobs = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
sm = boto3.client('sagemaker', region_name=region, endpoint_url=url,
                  aws_access_key_id='testing', aws_secret_access_key='testing')
for job in jobs:
    sm.create_training_job(
        TrainingJobName=job['name'],
        AlgorithmSpecification={'TrainingImage': '763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-training:2.1-cpu-py310',
                                'TrainingInputMode': 'File'},
        RoleArn='arn:aws:iam::123456789012:role/SageMakerRole',
        OutputDataConfig={'S3OutputPath': 's3://sagemaker-us-east-1-123456789012/'},
        ResourceConfig={'InstanceType': 'ml.m5.xlarge', 'InstanceCount': 1, 'VolumeSizeInGB': 1},
        StoppingCondition={'MaxRuntimeInSeconds': 60},
        Tags=job['tags'] or [{'Key': 'team', 'Value': 'other'}])
`;
  execFileSync(PYTHON, ['-c', script, region, process.env.SAGEMAKER_NLP_E2E_MOTO!, JSON.stringify(jobs)]);
}

describe('own jobs and every job, through the proxy to moto', () => {
  const serverSettings = ServerConnection.makeSettings({
    baseUrl: BASE_URL ?? 'http://127.0.0.1:1/',
    token: process.env.SAGEMAKER_NLP_E2E_TOKEN ?? ''
  });

  it('lists only the jobs tagged by the extension, unless asked for all', async () => {
    const config = await getAwsConfig({ serverSettings });
    const region = config.region!;
    const stamp = Date.now();
    const ours = `own-${stamp}`;
    const theirs = `theirs-${stamp}`;
    createJobs(region, [
      { name: ours, tags: notebookTags('work/a b.ipynb', 'cell-7') },
      { name: theirs, tags: [] }
    ]);
    const backend = new SageMakerBackend({
      config,
      clients: createAwsClients({ region, serverSettings })
    });
    const own = await backend.list({ scope: 'own', onScreen: new Set() });
    const names = own.map(job => job.name);
    expect(names).toContain(ours);
    expect(names).not.toContain(theirs);
    expect(own.find(job => job.name === ours)).toMatchObject({
      notebookPath: 'work/a b.ipynb',
      cellId: 'cell-7'
    });

    const all = await backend.list({ scope: 'all', onScreen: new Set([theirs]) });
    expect(all.map(job => job.name)).toEqual(expect.arrayContaining([ours, theirs]));
    // On screen: described, so its framework is known.
    expect(all.find(job => job.name === theirs)?.framework).toBe('pytorch');
  });
});
