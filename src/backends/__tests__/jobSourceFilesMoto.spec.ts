/**
 * @jest-environment ./src/aws/__tests__/jsdomWithStreams.js
 */
import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { ServerConnection } from '@jupyterlab/services';
import { createAwsClients } from '../../aws/clients';
import { createDefaultBucket, getAwsConfig, setAwsConfig } from '../../api/awsConfig';
import { ITrainingJobSpec } from '../../tokens';
import { LocalBackend } from '../local';
import { SageMakerBackend } from '../sagemaker';
import { spec } from './sagemakerFixtures';

/**
 * "The code it ran", read back through the real Jupyter server of
 * scripts/aws-stack.sh: a SageMaker job's sourcedir.tar.gz from moto's S3
 * through the signing proxy, a local job's code/ folder from the runner.
 */
const BASE_URL = process.env.SAGEMAKER_NLP_E2E_URL;
if (!BASE_URL) {
  throw new Error(
    'No Jupyter server for the end-to-end test: run jest through `make jest` or ' +
      '`bash scripts/jest.sh` (they start moto and a Jupyter server first).'
  );
}

const TRAIN = 'import os\nC = 0.25  # the value it ran with\nprint("accuracy=0.9")\n';

describe('the code a job ran', () => {
  const serverSettings = ServerConnection.makeSettings({
    baseUrl: BASE_URL ?? 'http://127.0.0.1:1/',
    token: process.env.SAGEMAKER_NLP_E2E_TOKEN ?? ''
  });

  async function sageMaker() {
    let config = await setAwsConfig(
      { roleArn: 'arn:aws:iam::123456789012:role/SageMakerRole' },
      serverSettings
    );
    if (config.bucketStatus === 'missing') {
      config = await createDefaultBucket(serverSettings);
    }
    config = await getAwsConfig({ serverSettings });
    const clients = createAwsClients({ region: config.region!, serverSettings });
    return { config, clients, backend: new SageMakerBackend({ config, clients }) };
  }

  it('reads back exactly the files a SageMaker job was submitted with', async () => {
    const { config, clients, backend } = await sageMaker();
    const jobName = `code-${Date.now()}`;
    await backend.submit(
      spec({
        jobName,
        sourceFiles: [
          { path: 'train.py', content: TRAIN },
          { path: 'requirements.txt', content: 'scikit-learn==1.2.2\n' },
          { path: 'lib/util.py', content: 'NAME = "é"\n' }
        ],
        channels: {}
      })
    );
    // A fresh backend: nothing cached, DescribeTrainingJob and GetObject over the wire.
    const fresh = new SageMakerBackend({ config, clients });
    expect(await fresh.sourceFiles(jobName)).toEqual([
      { path: 'lib/util.py', content: 'NAME = "é"\n' },
      { path: 'requirements.txt', content: 'scikit-learn==1.2.2\n' },
      { path: 'train.py', content: TRAIN }
    ]);

    // Gone from S3: the error names the object and what happened.
    const key = `${jobName}/source/sourcedir.tar.gz`;
    await clients.s3.send(new DeleteObjectCommand({ Bucket: config.bucket!, Key: key }));
    await expect(fresh.sourceFiles(jobName)).rejects.toThrow(
      `s3://${config.bucket}/${key} is not there any more`
    );

    // Not an archive: said so, with the URI.
    await clients.s3.send(
      new PutObjectCommand({ Bucket: config.bucket!, Key: key, Body: 'plain text' })
    );
    await expect(fresh.sourceFiles(jobName)).rejects.toThrow(
      `s3://${config.bucket}/${key} is not a gzip-compressed tar archive`
    );
  });

  it('reads back the files of a local job from the runner', async () => {
    const local = new LocalBackend({ serverSettings });
    const jobName = `code-local-${Date.now()}`;
    const job: ITrainingJobSpec = {
      ...spec({ jobName }),
      target: 'local',
      instanceType: 'local',
      channels: {},
      sagemaker: undefined,
      kernelName: 'python3',
      sourceFiles: [
        { path: 'train.py', content: TRAIN },
        { path: 'lib/util.py', content: 'X = 1\n' }
      ]
    };
    await local.submit(job);
    expect(await local.sourceFiles(jobName)).toEqual([
      { path: 'lib/util.py', content: 'X = 1\n' },
      { path: 'train.py', content: TRAIN }
    ]);
    await expect(local.sourceFiles('no-such-job')).rejects.toThrow(
      "No local training job named 'no-such-job'."
    );
  });
});
