import {
  CreateEndpointCommand,
  CreateEndpointConfigCommand,
  CreateModelCommand,
  DeleteEndpointConfigCommand,
  DeleteModelCommand,
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  DescribeTrainingJobCommand,
  SageMakerClient
} from '@aws-sdk/client-sagemaker';
import type { S3Client } from '@aws-sdk/client-s3';
import { IDeployPlan, planDeploy } from '../endpoints/deployPlan';
import { IDeployChoices, IEndpoint, ITrainingJob } from '../tokens';
import { buildSourceArchive } from '../training/sourceArchive';
import { repackModel } from './modelRepack';
import { explainAwsError, IErrorContext, SageMakerError } from './sagemakerErrors';
import { deleteSourceArchive, IUploadedSource, uploadSourceArchive } from './sagemakerUpload';

/** Where and as whom the model is deployed. */
export interface IDeployTarget {
  sagemaker: SageMakerClient;
  s3: S3Client;
  region: string;
  roleArn: string;
  bucket: string;
  /** The caller's account: ExpectedBucketOwner on the default bucket. */
  account?: string | null;
  /** The clock of the model's name. */
  now?: Date;
}

/**
 * Deploys a completed SageMaker job's model: its training image (from
 * DescribeTrainingJob) picks the inference image, then the inference
 * script's upload (scikit-learn) or the model's repack with it (PyTorch,
 * MXNet, TensorFlow, Hugging Face), CreateModel, CreateEndpointConfig,
 * CreateEndpoint. If a
 * step fails, what the earlier ones made is deleted, newest first, and the
 * step's error (naming its fix) is thrown: nothing is left half-created.
 * The endpoint is answered as SageMaker has just accepted it: Creating.
 */
export async function deployJob(
  target: IDeployTarget,
  job: ITrainingJob,
  choices: IDeployChoices
): Promise<IEndpoint> {
  const send = sender(target.region, choices);
  const description = await send(
    'sagemaker:DescribeTrainingJob',
    { jobName: job.name },
    () => target.sagemaker.send(new DescribeTrainingJobCommand({ TrainingJobName: job.name }))
  );
  const plan = planDeploy(job, choices, {
    region: target.region,
    roleArn: target.roleArn,
    bucket: target.bucket,
    trainingImage: description.AlgorithmSpecification?.TrainingImage ?? '',
    now: target.now
  });

  await checkNameFree(target.sagemaker, plan, send);

  const undo: (() => Promise<void>)[] = [];
  try {
    if (plan.codeUpload) {
      const uploaded = await uploadCode(target, plan.codeUpload);
      undo.push(() => deleteSourceArchive(target.s3, uploaded));
    }
    if (plan.repack) {
      const repacked = await repackModel(target.s3, plan.repack, {
        serverSideEncryption: 'aws:kms',
        ...(isDefaultBucket(target, plan.repack.bucket) && { expectedBucketOwner: target.account! })
      });
      undo.push(() => deleteSourceArchive(target.s3, repacked));
    }
    await send('sagemaker:CreateModel', { jobName: job.name }, () =>
      target.sagemaker.send(new CreateModelCommand(plan.createModel))
    );
    undo.push(() => removeQuietly(target.sagemaker, new DeleteModelCommand({ ModelName: plan.modelName })));
    await send('sagemaker:CreateEndpointConfig', {}, () =>
      target.sagemaker.send(new CreateEndpointConfigCommand(plan.createEndpointConfig))
    );
    undo.push(() =>
      removeQuietly(
        target.sagemaker,
        new DeleteEndpointConfigCommand({ EndpointConfigName: plan.endpointConfigName })
      )
    );
    const created = await send('sagemaker:CreateEndpoint', {}, () =>
      target.sagemaker.send(new CreateEndpointCommand(plan.createEndpoint))
    );
    return endpointOf(plan, job, choices, created.EndpointArn);
  } catch (error) {
    for (const step of undo.reverse()) {
      await step();
    }
    throw error;
  }
}

/**
 * Refuses a name an endpoint or endpoint config already has, before
 * anything is made: SageMaker would refuse it only at the second or third
 * step (and moto not at all, overwriting the old one).
 */
async function checkNameFree(
  sagemaker: SageMakerClient,
  plan: IDeployPlan,
  send: ReturnType<typeof sender>
): Promise<void> {
  const exists = (action: string, call: () => Promise<unknown>) =>
    send(action, {}, () =>
      call().then(
        () => true,
        error => {
          if (isNotFound(error)) {
            return false;
          }
          throw error;
        }
      )
    );
  const [endpoint, config] = await Promise.all([
    exists('sagemaker:DescribeEndpoint', () =>
      sagemaker.send(new DescribeEndpointCommand({ EndpointName: plan.endpointName }))
    ),
    exists('sagemaker:DescribeEndpointConfig', () =>
      sagemaker.send(
        new DescribeEndpointConfigCommand({ EndpointConfigName: plan.endpointConfigName })
      )
    )
  ]);
  if (endpoint || config) {
    const what = endpoint ? 'An endpoint' : 'An endpoint config';
    throw new SageMakerError(
      `${what} named "${plan.endpointName}" already exists: choose another endpoint name, or delete the old endpoint first.`,
      'ResourceInUse',
      endpoint ? 'sagemaker:DescribeEndpoint' : 'sagemaker:DescribeEndpointConfig'
    );
  }
}

/** SageMaker's answer for a missing endpoint or config: a ValidationException "Could not find …". */
function isNotFound(error: unknown): boolean {
  const e = (error ?? {}) as { name?: string; message?: string };
  return (
    (e.name === 'ValidationException' || e.name === 'ValidationError') &&
    /could not find/i.test(e.message ?? '')
  );
}

/**
 * A call whose failure becomes a SageMakerError naming the fix, with the
 * messages training's explanations would get wrong for endpoints.
 */
function sender(region: string, choices: IDeployChoices) {
  return async <T>(
    action: string,
    context: Omit<IErrorContext, 'action' | 'region'>,
    call: () => Promise<T>
  ): Promise<T> => {
    try {
      return await call();
    } catch (error) {
      throw endpointError(error, action, choices) ?? explainAwsError(error, { action, region, ...context });
    }
  };
}

function endpointError(
  error: unknown,
  action: string,
  choices: IDeployChoices
): SageMakerError | null {
  const e = (error ?? {}) as { name?: string; message?: string };
  const code = e.name ?? 'Error';
  const message = (e.message ?? '').trim();
  if (code === 'ResourceLimitExceeded') {
    const fix =
      choices.mode === 'serverless'
        ? 'request an increase in Service Quotas (Amazon SageMaker → "Maximum total concurrency that can be allocated across all serverless endpoints") or lower the max concurrency.'
        : `request an increase in Service Quotas (Amazon SageMaker → "${choices.instanceType} for endpoint usage") or pick another instance type.`;
    return new SageMakerError(
      `The account quota for endpoints is reached (${message}): ${fix}`,
      code,
      action,
      error
    );
  }
  const taken = /already exist/i.test(message) || code === 'ResourceInUse';
  if (taken && action !== 'sagemaker:DescribeTrainingJob') {
    const what = action === 'sagemaker:CreateModel' ? 'A model' : 'An endpoint';
    return new SageMakerError(
      `${what} named like this one already exists (${message}): choose another endpoint name, or delete the old endpoint first.`,
      code,
      action,
      error
    );
  }
  return null;
}

async function uploadCode(
  target: IDeployTarget,
  upload: NonNullable<IDeployPlan['codeUpload']>
): Promise<IUploadedSource> {
  const archive = await buildSourceArchive(upload.files);
  return uploadSourceArchive(
    target.s3,
    {
      bucket: upload.bucket,
      key: upload.key,
      serverSideEncryption: 'aws:kms',
      ...(isDefaultBucket(target, upload.bucket) && { expectedBucketOwner: target.account! })
    },
    archive
  );
}

/** The SDK's own default bucket, whose owner it asserts against bucket squatting. */
function isDefaultBucket(target: IDeployTarget, bucket: string): boolean {
  return !!target.account && bucket === `sagemaker-${target.region}-${target.account}`;
}

/** Best effort: a clean-up that fails is logged, the first error is what the user sees. */
async function removeQuietly(
  sagemaker: SageMakerClient,
  command: DeleteModelCommand | DeleteEndpointConfigCommand
): Promise<void> {
  try {
    await sagemaker.send(command as DeleteModelCommand);
  } catch (error) {
    console.error('sagemaker-nlp: could not undo a deploy step', command.input, error);
  }
}

function endpointOf(
  plan: IDeployPlan,
  job: ITrainingJob,
  choices: IDeployChoices,
  arn: string | undefined
): IEndpoint {
  const variant =
    choices.mode === 'serverless'
      ? {
          name: 'AllTraffic',
          serverless: {
            memorySizeInMB: choices.memorySizeInMB!,
            maxConcurrency: choices.maxConcurrency!
          }
        }
      : {
          name: 'AllTraffic',
          instanceType: choices.instanceType,
          instanceCount: choices.instanceCount
        };
  return {
    name: plan.endpointName,
    target: 'sagemaker',
    ...(arn && { arn }),
    status: 'Creating',
    creationTime: new Date(),
    configName: plan.endpointConfigName,
    variants: [variant],
    jobName: job.name,
    ...(job.notebookPath !== undefined && { notebookPath: job.notebookPath }),
    ...(job.cellId !== undefined && { cellId: job.cellId }),
    ...(job.framework && { framework: job.framework })
  };
}
