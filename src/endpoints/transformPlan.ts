import type {
  CreateModelCommandInput,
  CreateTransformJobCommandInput,
  TransformInstanceType
} from '@aws-sdk/client-sagemaker';
import { TRANSFORM_INSTANCE_TYPES } from '../catalog/data/transformInstanceTypes';
import { ITag, ITrainingJob, ITransformRequest } from '../tokens';
import { makeJobName } from '../training/jobName';
import { encodeTagValue, JOB_TAG, notebookTags } from '../training/notebookTags';
import { DeployPlanError, IDeployContext, planDeploy } from './deployPlan';

export const SPLIT_TYPES = ['None', 'Line', 'RecordIO', 'TFRecord'] as const;
export const BATCH_STRATEGIES = ['SingleRecord', 'MultiRecord'] as const;
export const ASSEMBLE_WITH = ['None', 'Line'] as const;
/** SageMaker's bounds on MaxPayloadInMB. */
export const MAX_PAYLOAD_IN_MB = 100;

/** What a batch transform needs beyond its model. */
export interface ITransformChoices {
  /** The input: every object under this S3 prefix. */
  inputS3Uri: string;
  contentType: string;
  splitType: (typeof SPLIT_TYPES)[number];
  instanceType: string;
  instanceCount: number;
  /** Where the outputs go; by default, as the SDK: `s3://<bucket>/<transform job name>`. */
  outputS3Uri?: string;
  maxPayloadInMB?: number;
  strategy?: (typeof BATCH_STRATEGIES)[number];
  assembleWith?: (typeof ASSEMBLE_WITH)[number];
  /** The content type the answers are asked in (TransformOutput.Accept). */
  accept?: string;
  /** Hugging Face: the pipeline task of the model made from the job (its `HF_TASK`); an existing model keeps its own. */
  hfTask?: string;
}

/** The model a transform runs: made from a completed job, or one an endpoint already serves. */
export type TransformModel =
  | { job: ITrainingJob }
  | {
      /** The existing model's name (an endpoint variant's modelName). */
      modelName: string;
      /** Its PrimaryContainer.Image: names the transform job as the SDK does. */
      image?: string;
      /** The job it was trained by, for the tags. */
      job?: ITrainingJob;
    };

/** The requests of a transform, in order: the model (unless it exists), then the job. */
export interface ITransformPlan {
  transformJobName: string;
  modelName: string;
  /** Absent when the transform reuses an existing model. */
  createModel?: CreateModelCommandInput;
  createTransformJob: CreateTransformJobCommandInput;
  /** Where the outputs will be (`<input object name>.out` under it). */
  outputS3Uri: string;
}

/** The request as the plan takes it: an empty output means the default one. */
export function transformChoices(request: ITransformRequest): ITransformChoices {
  return {
    inputS3Uri: request.input,
    contentType: request.contentType,
    splitType: request.splitType,
    instanceType: request.instanceType ?? '',
    instanceCount: request.instanceCount ?? 1,
    ...(request.output?.trim() && { outputS3Uri: request.output.trim() }),
    ...(request.maxPayloadInMB !== undefined && { maxPayloadInMB: request.maxPayloadInMB }),
    ...(request.strategy && { strategy: request.strategy }),
    ...(request.assembleWith && { assembleWith: request.assembleWith }),
    ...(request.accept?.trim() && { accept: request.accept.trim() }),
    ...(request.hfTask && { hfTask: request.hfTask })
  };
}

const S3_URI = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])(\/.*)?$/;

/** Everything wrong with the choices, each naming its fix. */
export function transformProblems(choices: ITransformChoices): string[] {
  const problems: string[] = [];
  const input = choices.inputS3Uri ?? '';
  if (!S3_URI.exec(input)) {
    problems.push(
      `The input "${input}" is not an S3 URI: write it as s3://<bucket>/<prefix>, e.g. s3://my-bucket/reviews/input/.`
    );
  }
  if (choices.outputS3Uri !== undefined && !S3_URI.exec(choices.outputS3Uri)) {
    problems.push(
      `The output path "${choices.outputS3Uri}" is not an S3 URI: write it as s3://<bucket>/<prefix>, or leave it empty for the default bucket.`
    );
  }
  if (!choices.contentType?.trim()) {
    problems.push('No content type for the input: give its MIME type, e.g. text/csv or application/jsonlines.');
  }
  if (!SPLIT_TYPES.includes(choices.splitType)) {
    problems.push(`Split type "${choices.splitType}" is not known: choose one of ${SPLIT_TYPES.join(', ')}.`);
  }
  if (!TRANSFORM_INSTANCE_TYPES.includes(choices.instanceType ?? '')) {
    problems.push(
      `${choices.instanceType || 'No instance type'} is not an instance type for batch transform: choose one like ml.m5.large or ml.c5.xlarge (SageMaker's TransformInstanceType list).`
    );
  }
  const count = choices.instanceCount;
  if (!Number.isInteger(count) || count < 1) {
    problems.push('The instance count must be a whole number of 1 or more.');
  }
  const payload = choices.maxPayloadInMB;
  if (payload !== undefined && (!Number.isInteger(payload) || payload < 0 || payload > MAX_PAYLOAD_IN_MB)) {
    problems.push(`The max payload must be a whole number of MB from 0 to ${MAX_PAYLOAD_IN_MB}.`);
  }
  if (choices.strategy !== undefined && !BATCH_STRATEGIES.includes(choices.strategy)) {
    problems.push(`Batch strategy "${choices.strategy}" is not known: choose SingleRecord or MultiRecord.`);
  }
  if (choices.assembleWith !== undefined && !ASSEMBLE_WITH.includes(choices.assembleWith)) {
    problems.push(`Assemble with "${choices.assembleWith}" is not known: choose None or Line.`);
  }
  return problems;
}

/**
 * The CreateModel (for a job) and CreateTransformJob requests the SDK v2
 * sends for `estimator.transformer(...).transform(...)`, or for
 * `Transformer(model_name, ...).transform(...)` on an existing model. The
 * model is the one a deploy would make (planDeploy's), on the transform's
 * instance type.
 */
export function planTransform(
  model: TransformModel,
  choices: ITransformChoices,
  context: IDeployContext
): ITransformPlan {
  const problems = transformProblems(choices);
  if (problems.length) {
    throw new DeployPlanError(problems);
  }
  let modelName: string;
  let image: string | undefined;
  let createModel: CreateModelCommandInput | undefined;
  if ('modelName' in model) {
    modelName = model.modelName;
    image = model.image;
  } else {
    // The endpoint name is planDeploy's only; the model does not carry it.
    const deploy = planDeploy(
      model.job,
      {
        endpointName: 'transform',
        mode: 'realtime',
        instanceType: choices.instanceType,
        instanceCount: choices.instanceCount,
        ...(choices.hfTask && { hfTask: choices.hfTask })
      },
      context
    );
    modelName = deploy.modelName;
    createModel = deploy.createModel;
    image = deploy.createModel.PrimaryContainer?.Image;
  }
  const transformJobName = makeJobName(image ? baseNameFromImage(image) : modelName, context.now);
  const outputS3Uri = choices.outputS3Uri ?? `s3://${context.bucket}/${transformJobName}`;
  const tags = model.job ? transformTags(model.job) : undefined;
  return {
    transformJobName,
    modelName,
    ...(createModel && { createModel }),
    outputS3Uri,
    createTransformJob: {
      TransformJobName: transformJobName,
      ModelName: modelName,
      TransformInput: {
        DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: choices.inputS3Uri } },
        ContentType: choices.contentType,
        SplitType: choices.splitType
      },
      TransformOutput: {
        S3OutputPath: outputS3Uri,
        ...(choices.accept && { Accept: choices.accept }),
        ...(choices.assembleWith && { AssembleWith: choices.assembleWith })
      },
      TransformResources: {
        InstanceCount: choices.instanceCount,
        InstanceType: choices.instanceType as TransformInstanceType
      },
      ...(choices.strategy && { BatchStrategy: choices.strategy }),
      ...(choices.maxPayloadInMB !== undefined && { MaxPayloadInMB: choices.maxPayloadInMB }),
      Environment: {},
      ...(tags && { Tags: tags })
    }
  };
}

/** The SDK's `base_name_from_image`: the repository, e.g. `sagemaker-scikit-learn`. */
function baseNameFromImage(image: string): string {
  return /\/([^/:]+)(?::[^/]*)?$/.exec(image)?.[1] ?? image;
}

function transformTags(job: ITrainingJob): ITag[] {
  const tags =
    job.notebookPath !== undefined && job.cellId !== undefined
      ? notebookTags(job.notebookPath, job.cellId)
      : [];
  return [...tags, { Key: JOB_TAG, Value: encodeTagValue(job.name) }];
}
