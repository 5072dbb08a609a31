import { DescribeTrainingJobCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { ServerConnection } from '@jupyterlab/services';
import { createTarPacker, TarHeader } from 'modern-tar';
import { createDefaultBucket, getAwsConfig, setAwsConfig } from '../../api/awsConfig';
import { createAwsClients } from '../../aws/clients';
import { IAwsClients, IAwsConfig, ITrainingJob, ITrainingJobSpec } from '../../tokens';
import { notebookTags } from '../../training/notebookTags';
import { SageMakerBackend } from '../sagemaker';
import { jobFromDescription } from '../sagemakerJob';
import { spec } from './sagemakerFixtures';

/**
 * What the moto specs (through the Jupyter server's signing proxy, see
 * e2eServer) start from: a configured session, jobs moto completed, model
 * archives in S3, and the refusals moto never answers with.
 */

export interface IMotoAws {
  config: IAwsConfig;
  clients: IAwsClients;
}

/**
 * The server's configuration with an execution role and the default bucket
 * (made if missing), and clients through its proxy.
 */
export async function configuredAws(serverSettings: ServerConnection.ISettings): Promise<IMotoAws> {
  const first = await setAwsConfig(
    { roleArn: 'arn:aws:iam::123456789012:role/SageMakerRole' },
    serverSettings
  );
  if (first.bucketStatus === 'missing') {
    await createDefaultBucket(serverSettings);
  }
  const config = await getAwsConfig({ serverSettings });
  return { config, clients: createAwsClients({ region: config.region!, serverSettings }) };
}

/** A scikit-learn job's choices, on an instance type moto accepts. */
export const SKLEARN_JOB: Partial<ITrainingJobSpec> = {
  framework: 'sklearn',
  frameworkVersion: '1.2-1',
  pyVersion: 'py3',
  instanceType: 'ml.m5.xlarge',
  channels: {}
};

/**
 * A job submitted as the backend does, which moto completes at once; moto
 * writes no model.tar.gz where it says the model is (see `putModel`).
 */
export async function completedJob(
  { config, clients }: IMotoAws,
  overrides: Partial<ITrainingJobSpec>
): Promise<ITrainingJob> {
  const trained = spec(overrides);
  await new SageMakerBackend({ config, clients }).submit(trained);
  const description = await clients.sagemaker.send(
    new DescribeTrainingJobCommand({ TrainingJobName: trained.jobName })
  );
  return jobFromDescription(description, notebookTags(trained.notebookPath, trained.cellId));
}

export interface IModelEntry {
  name: string;
  type?: TarHeader['type'];
  /** Text, or a generator of `size` bytes in chunks. */
  body?: string | { size: number; chunks: () => AsyncIterable<Uint8Array> };
}

/** Uploads a model.tar.gz built as a stream from `entries`; its s3:// URI. */
export async function putModel(
  s3: S3Client,
  bucket: string,
  key: string,
  entries: IModelEntry[]
): Promise<string> {
  const { readable, controller } = createTarPacker();
  const packing = (async () => {
    for (const entry of entries) {
      const body = entry.body;
      const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : undefined;
      const size = bytes?.length ?? (typeof body === 'object' ? body.size : 0);
      const writer = controller
        .add({ name: entry.name, size, type: entry.type ?? 'file', mtime: new Date(0) })
        .getWriter();
      if (bytes) {
        await writer.write(bytes);
      } else if (typeof body === 'object') {
        for await (const chunk of body.chunks()) {
          await writer.write(chunk);
        }
      }
      await writer.close();
    }
    controller.finalize();
  })();
  await new Upload({
    client: s3,
    params: { Bucket: bucket, Key: key, Body: readable.pipeThrough(new CompressionStream('gzip')) },
    queueSize: 1
  }).done();
  await packing;
  return `s3://${bucket}/${key}`;
}

/** Whether S3 has the object; any other error than NotFound fails the test. */
export async function objectExists(s3: S3Client, bucket: string, key: string): Promise<boolean> {
  try {
    await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    return true;
  } catch (error) {
    expect(error).toMatchObject({ name: 'NotFound' });
    return false;
  }
}

/** Makes the client throw `error()` for `commandName` (e.g. 'CreateEndpointCommand') instead of sending it. */
export function refuse(
  client: SageMakerClient | S3Client,
  commandName: string,
  error: () => Error
): void {
  // The two clients' stacks differ only in their input and output types.
  (client as SageMakerClient).middlewareStack.add(
    (next, context) => async args => {
      if (context.commandName === commandName) {
        throw error();
      }
      return next(args);
    },
    { step: 'initialize', name: `refuse${commandName}` }
  );
}

/** SageMaker's refusal when the account's instance quota is reached. */
export function quotaReached(): Error {
  return Object.assign(new Error('The account-level service limit is 0 Instances'), {
    name: 'ResourceLimitExceeded'
  });
}

/** A client's options to talk to moto directly, for what the proxy does not allow. */
export function motoDirect(region: string, motoUrl: string) {
  return {
    region,
    endpoint: motoUrl,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' }
  };
}
