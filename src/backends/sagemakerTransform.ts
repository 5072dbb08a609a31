import {
  CreateModelCommand,
  CreateTransformJobCommand,
  DeleteModelCommand,
  DescribeModelCommand,
  DescribeTrainingJobCommand,
  DescribeTransformJobCommand,
  DescribeTransformJobCommandOutput,
  SageMakerClient
} from '@aws-sdk/client-sagemaker';
import { DeployPlanError } from '../endpoints/deployPlan';
import {
  ITransformChoices,
  ITransformPlan,
  planTransform,
  transformChoices,
  TransformModel,
  transformProblems
} from '../endpoints/transformPlan';
import { ITransformJob, ITransformRequest, TransformSplitType, TransformStatus } from '../tokens';
import { CELL_TAG, decodeTagValue, JOB_TAG, NOTEBOOK_TAG } from '../training/notebookTags';
import { explainAwsError, SageMakerError } from './sagemakerErrors';
import type { Tags } from './sagemakerListing';

/** Where and as whom the transform runs. */
export interface ITransformTarget {
  sagemaker: SageMakerClient;
  region: string;
  roleArn: string;
  /** The session's default bucket: the default output location. */
  bucket: string;
  /** The clock of the model's and the job's names. */
  now?: Date;
}

/**
 * Starts a batch transform: from a completed job (its training image, from
 * DescribeTrainingJob, picks the inference image; the model is created as
 * a deploy creates it), or on an existing model (DescribeModel names the
 * job after its image, as the SDK does). If SageMaker refuses the transform,
 * the model made for it is deleted and the refusal (naming its fix) thrown.
 * The job is answered as SageMaker has just accepted it: InProgress.
 */
export async function startTransform(
  target: ITransformTarget,
  model: TransformModel,
  request: ITransformRequest
): Promise<ITransformJob> {
  const choices = transformChoices(request);
  const problems = transformProblems(choices);
  if (problems.length) {
    throw new DeployPlanError(problems);
  }
  const send = sender(target.region, choices);
  const plan = planTransform(await withImage(target, model, send), choices, {
    region: target.region,
    roleArn: target.roleArn,
    bucket: target.bucket,
    trainingImage: 'modelName' in model ? '' : await trainingImage(target, model.job.name, send),
    now: target.now
  });
  if (plan.createModel) {
    await send('sagemaker:CreateModel', () =>
      target.sagemaker.send(new CreateModelCommand(plan.createModel!))
    );
  }
  try {
    const created = await send('sagemaker:CreateTransformJob', () =>
      target.sagemaker.send(new CreateTransformJobCommand(plan.createTransformJob))
    );
    return jobOf(plan, choices, created.TransformJobArn, model.job);
  } catch (error) {
    if (plan.createModel) {
      await removeModel(target.sagemaker, plan.modelName);
    }
    throw error;
  }
}

/** The transform job now: status, why it failed, where its outputs are. */
export async function describeTransform(
  sagemaker: SageMakerClient,
  region: string,
  name: string
): Promise<ITransformJob> {
  const described = await sender(region, undefined, name)('sagemaker:DescribeTransformJob', () =>
    sagemaker.send(new DescribeTransformJobCommand({ TransformJobName: name }))
  );
  return fromDescription(described);
}

/** DescribeTransformJob's answer (or a summary's fields of it), with our tags when read. */
export function fromDescription(
  d: Partial<DescribeTransformJobCommandOutput>,
  tags?: Tags
): ITransformJob {
  const tag = (key: string) => {
    const value = tags?.find(t => t.Key === key)?.Value;
    return value ? decodeTagValue(value) : undefined;
  };
  const jobName = tag(JOB_TAG);
  const notebookPath = tag(NOTEBOOK_TAG);
  const cellId = tag(CELL_TAG);
  return {
    name: d.TransformJobName ?? '',
    target: 'sagemaker',
    ...(d.TransformJobArn && { arn: d.TransformJobArn }),
    status: (d.TransformJobStatus ?? 'InProgress') as TransformStatus,
    ...(d.FailureReason && { failureReason: d.FailureReason }),
    ...(d.ModelName && { modelName: d.ModelName }),
    ...(jobName && { jobName }),
    ...(d.TransformInput?.DataSource?.S3DataSource?.S3Uri && {
      input: d.TransformInput.DataSource.S3DataSource.S3Uri
    }),
    ...(d.TransformOutput?.S3OutputPath && { output: d.TransformOutput.S3OutputPath }),
    ...(d.TransformInput?.ContentType && { contentType: d.TransformInput.ContentType }),
    ...(d.TransformInput?.SplitType && { splitType: d.TransformInput.SplitType as TransformSplitType }),
    ...(d.TransformResources?.InstanceType && { instanceType: d.TransformResources.InstanceType }),
    ...(d.TransformResources?.InstanceCount !== undefined && {
      instanceCount: d.TransformResources.InstanceCount
    }),
    creationTime: d.CreationTime ? new Date(d.CreationTime) : new Date(0),
    ...(d.TransformStartTime && { startTime: new Date(d.TransformStartTime) }),
    ...(d.TransformEndTime && { endTime: new Date(d.TransformEndTime) }),
    ...(notebookPath && { notebookPath }),
    ...(cellId && { cellId })
  };
}

type Send = ReturnType<typeof sender>;

async function trainingImage(target: ITransformTarget, jobName: string, send: Send): Promise<string> {
  const description = await send('sagemaker:DescribeTrainingJob', () =>
    target.sagemaker.send(new DescribeTrainingJobCommand({ TrainingJobName: jobName }))
  );
  return description.AlgorithmSpecification?.TrainingImage ?? '';
}

/** An existing model without its image gets it from DescribeModel: the job's name comes from it. */
async function withImage(target: ITransformTarget, model: TransformModel, send: Send): Promise<TransformModel> {
  if (!('modelName' in model) || model.image) {
    return model;
  }
  const described = await send('sagemaker:DescribeModel', () =>
    target.sagemaker.send(new DescribeModelCommand({ ModelName: model.modelName }))
  );
  const image = described.PrimaryContainer?.Image ?? described.Containers?.[0]?.Image;
  return { ...model, ...(image && { image }) };
}

/** A call whose failure becomes a SageMakerError naming the fix. */
export function sender(region: string, choices?: ITransformChoices, transformJobName?: string) {
  return async <T>(action: string, call: () => Promise<T>): Promise<T> => {
    try {
      return await call();
    } catch (error) {
      const e = (error ?? {}) as { name?: string; message?: string };
      if (e.name === 'ResourceLimitExceeded' && action === 'sagemaker:CreateTransformJob') {
        throw new SageMakerError(
          `The account quota for batch transform is reached (${(e.message ?? '').trim()}): request an increase in Service Quotas (Amazon SageMaker → "${choices?.instanceType} for transform job usage") or pick another instance type or a lower count.`,
          e.name,
          action,
          error
        );
      }
      const missing =
        e.name === 'ResourceNotFound' ||
        (/^Validation/.test(e.name ?? '') && /could not find|not found/i.test(e.message ?? ''));
      if (missing && transformJobName && action === 'sagemaker:DescribeTransformJob') {
        throw new SageMakerError(
          `There is no transform job named "${transformJobName}" in ${region}: check its name and region (Settings → SageMaker NLP training), or start it again.`,
          e.name ?? 'ResourceNotFound',
          action,
          error
        );
      }
      throw explainAwsError(error, { action, region, instanceType: choices?.instanceType });
    }
  };
}

/** Best effort: a clean-up that fails is logged, the first error is what the user sees. */
async function removeModel(sagemaker: SageMakerClient, modelName: string): Promise<void> {
  try {
    await sagemaker.send(new DeleteModelCommand({ ModelName: modelName }));
  } catch (error) {
    console.error('sagemaker-nlp: could not delete the model of a refused transform', modelName, error);
  }
}

function jobOf(
  plan: ITransformPlan,
  choices: ITransformChoices,
  arn: string | undefined,
  job: TransformModel['job']
): ITransformJob {
  return {
    name: plan.transformJobName,
    target: 'sagemaker',
    ...(arn && { arn }),
    status: 'InProgress',
    modelName: plan.modelName,
    ...(job && { jobName: job.name }),
    input: choices.inputS3Uri,
    output: plan.outputS3Uri,
    contentType: choices.contentType,
    splitType: choices.splitType,
    instanceType: choices.instanceType,
    instanceCount: choices.instanceCount,
    creationTime: new Date(),
    ...(job?.notebookPath !== undefined && job.cellId !== undefined && {
      notebookPath: job.notebookPath,
      cellId: job.cellId
    })
  };
}
