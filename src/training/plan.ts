import { trainingImageUri } from '../catalog';
import type { ITrainingImageRequest } from '../catalog';
import { errorMessage } from '../errorMessage';
import { Distribution, ITrainingJobSpec, ISageMakerOptions } from '../tokens';
import { checkJobDefinition } from './definition';
import { buildCreateTrainingJobRequest, ICreateTrainingJobRequest } from './request';
import { checkSageMakerChoices } from './sagemakerChecks';
import { channelS3Uri, sourceDirS3Uri } from './sagemakerOptions';

/** Where a SageMaker job would go, as the server's AWS configuration says. */
export interface IPlanContext {
  region: string;
  /** The configuration's role and bucket, for a spec that names none. */
  roleArn?: string | null;
  bucket?: string | null;
}

/** What a SageMaker training job will be: worked out once, before anything is sent. */
export interface ISageMakerJobPlan {
  options: ISageMakerOptions;
  imageUri: string;
  /** Where `sourcedir.tar.gz` goes, what `sagemaker_submit_directory` points at. */
  submitDirS3Uri: string;
  request: ICreateTrainingJobRequest;
  /** Local channel folders to upload before the job is created, in channel order. */
  channelUploads: IChannelUpload[];
}

/** A folder next to the notebook that a channel reads, and where it goes in S3. */
export interface IChannelUpload {
  channel: string;
  /** Relative to the Jupyter root, e.g. `examples/data/train`. */
  folder: string;
  /** `s3://<bucket>/<base-job-name>/input/<channel>/`, what InputDataConfig points at. */
  s3Uri: string;
}

/** A channel's location is an S3 URI, or else a local folder to upload. */
export function isS3Location(location: string): boolean {
  return location.startsWith('s3://');
}

/** Each channel's S3 URI (a local folder's upload target), and the uploads that makes. */
export function resolveChannels(
  spec: ITrainingJobSpec,
  options: ISageMakerOptions
): { channels: Record<string, string>; uploads: IChannelUpload[] } {
  const channels: Record<string, string> = {};
  const uploads: IChannelUpload[] = [];
  for (const [channel, location] of Object.entries(spec.channels)) {
    if (isS3Location(location)) {
      channels[channel] = location;
      continue;
    }
    const folder = location.trim().replace(/^\.?\/+|\/+$/g, '');
    const s3Uri = channelS3Uri(spec.jobName, channel, options);
    channels[channel] = s3Uri;
    uploads.push({ channel, folder, s3Uri });
  }
  return { channels, uploads };
}

export interface IPlanCatalog {
  trainingImageUri(request: ITrainingImageRequest): string;
}

/**
 * Every problem that keeps a spec from making a job (each naming its fix),
 * and for SageMaker the plan: image, source location and the request. The
 * dialog shows the problems; the backends only carry out the plan.
 */
export function planTrainingJob(
  spec: ITrainingJobSpec,
  aws: IPlanContext | null,
  catalog: IPlanCatalog = { trainingImageUri }
): { problems: string[]; sagemaker: ISageMakerJobPlan | null } {
  if (spec.target !== 'sagemaker') {
    return { problems: checkJobDefinition(spec), sagemaker: null };
  }
  if (!aws) {
    return { problems: ['SageMaker is not set up on this server.'], sagemaker: null };
  }
  const options: ISageMakerOptions = {
    ...spec.sagemaker,
    roleArn: spec.sagemaker?.roleArn || aws.roleArn || '',
    bucket: spec.sagemaker?.bucket || aws.bucket || ''
  };
  let imageUri: string;
  try {
    imageUri = catalog.trainingImageUri(imageRequest(spec, options, aws.region));
  } catch (error) {
    return { problems: [...checkJobDefinition(spec), errorMessage(error)], sagemaker: null };
  }
  const context = {
    imageUri,
    region: aws.region,
    submitDirS3Uri: sourceDirS3Uri(spec.jobName, options)
  };
  const problems = [
    ...checkJobDefinition(spec),
    ...checkSageMakerChoices(spec, options, context)
  ];
  if (problems.length > 0) {
    return { problems, sagemaker: null };
  }
  const { channels, uploads } = resolveChannels(spec, options);
  return {
    problems,
    sagemaker: {
      options,
      imageUri,
      submitDirS3Uri: context.submitDirS3Uri,
      request: buildCreateTrainingJobRequest({ ...spec, channels }, options, context),
      channelUploads: uploads
    }
  };
}

/** The catalog's question for this job, distribution included (it picks the image too). */
function imageRequest(
  spec: ITrainingJobSpec,
  options: ISageMakerOptions,
  region: string
): ITrainingImageRequest {
  return {
    framework: spec.framework,
    region,
    version: spec.frameworkVersion,
    pyVersion: spec.pyVersion,
    instanceType: spec.instanceType,
    ...(spec.baseFrameworkVersion && {
      baseFrameworkVersion: spec.baseFrameworkVersion
    }),
    ...sdkDistribution(options.distribution)
  };
}

/** The SDK's `distribution` argument, as the catalog reads it. */
function sdkDistribution(
  distribution: Distribution | undefined
): { distribution?: Record<string, unknown> } {
  switch (distribution?.type) {
    case 'torch_distributed':
      return { distribution: { torch_distributed: { enabled: true } } };
    case 'smdistributed':
      return {
        distribution: { smdistributed: { dataparallel: { enabled: true } } }
      };
    case 'mpi':
      return { distribution: { mpi: { enabled: true } } };
    default:
      return {};
  }
}
