import {
  Distribution,
  DistributionType,
  Framework,
  ITrainingJobSpec,
  ISageMakerOptions
} from '../tokens';
import { CELL_TAG, NOTEBOOK_TAG } from './notebookTags';
import { DEFAULT_MAX_RUNTIME_SECONDS, IRequestContext } from './sagemakerOptions';

/** Choices that cannot make a SageMaker job; `problems` name the fixes. */
export class SageMakerChoicesError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'SageMakerChoicesError';
  }
}

const FRAMEWORK_NAMES: Record<Framework, string> = {
  huggingface: 'Hugging Face',
  pytorch: 'PyTorch',
  tensorflow: 'TensorFlow',
  mxnet: 'MXNet',
  sklearn: 'scikit-learn'
};

/** The distributions each framework estimator of the SDK turns into hyperparameters. */
const DISTRIBUTIONS: Record<Framework, DistributionType[]> = {
  huggingface: ['none', 'torch_distributed', 'smdistributed', 'mpi'],
  pytorch: ['none', 'torch_distributed', 'smdistributed', 'mpi'],
  tensorflow: ['none', 'smdistributed', 'mpi'],
  mxnet: ['none', 'mpi'],
  sklearn: ['none']
};

const ROLE_ARN = /^arn:(aws[a-z-]*):iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;
const S3_URI = /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/;

/** Everything wrong with these choices for SageMaker, each naming its fix. */
export function checkSageMakerChoices(
  spec: ITrainingJobSpec,
  options: ISageMakerOptions,
  context: IRequestContext
): string[] {
  return [
    ...checkRole(options.roleArn, context.region),
    ...checkS3Uris(spec, options),
    ...checkInstances(spec),
    ...checkStopping(options),
    ...checkDistribution(spec, options.distribution, context.imageUri),
    ...checkNetworkAndTags(options)
  ];
}

/** The ARN partition of a region (`arn:<partition>:iam::…`). */
export function partitionOf(region: string): string {
  const prefixes: [string, string][] = [
    ['cn-', 'aws-cn'],
    ['us-gov-', 'aws-us-gov'],
    ['us-iso-', 'aws-iso'],
    ['us-isob-', 'aws-iso-b']
  ];
  return prefixes.find(([prefix]) => region.startsWith(prefix))?.[1] ?? 'aws';
}

function checkRole(roleArn: string, region: string): string[] {
  const match = ROLE_ARN.exec(roleArn);
  if (!match) {
    return [
      `Role ARN "${roleArn}" is not an IAM role ARN: give the execution role as arn:${partitionOf(region)}:iam::<account>:role/<name> (IAM console → Roles → the role's ARN).`
    ];
  }
  const expected = partitionOf(region);
  if (match[1] !== expected) {
    return [
      `Role ARN "${roleArn}" belongs to partition "${match[1]}" but region ${region} needs "${expected}": use a role of that partition (arn:${expected}:iam::…).`
    ];
  }
  return [];
}

function checkS3Uris(spec: ITrainingJobSpec, options: ISageMakerOptions): string[] {
  const problems: string[] = [];
  for (const [name, location] of Object.entries(spec.channels)) {
    const problem = checkChannelLocation(name, location);
    if (problem) {
      problems.push(problem);
    }
  }
  const locations: [string, string | undefined][] = [
    ['Output path', options.outputPath],
    ['Code location', options.codeLocation],
    ['Checkpoint S3 URI', options.checkpointS3Uri]
  ];
  for (const [label, uri] of locations) {
    if (uri !== undefined && !S3_URI.test(uri)) {
      problems.push(
        `${label} "${uri}" is not an S3 URI: write it as s3://<bucket>/<prefix>.`
      );
    }
  }
  if (options.checkpointLocalPath && !options.checkpointS3Uri) {
    problems.push(
      'A checkpoint local path needs a checkpoint S3 URI to sync to: set one, or clear the local path.'
    );
  }
  return problems;
}

/**
 * A SageMaker channel reads an S3 URI, or a folder next to the notebook
 * that is uploaded first (its files are checked when they are listed).
 */
function checkChannelLocation(name: string, location: string): string | null {
  if (!location.trim()) {
    return `Channel "${name}" has no location: give a folder next to the notebook (e.g. data/${name}), an S3 URI (s3://<bucket>/<prefix>), or remove the channel.`;
  }
  if (location.startsWith('s3://')) {
    return S3_URI.test(location)
      ? null
      : `Channel "${name}": "${location}" is not an S3 URI. Upload the data to S3 and give s3://<bucket>/<prefix>.`;
  }
  // Jupyter's paths are relative to its root; "/x" or "C:\\x" is the server's disk.
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location) || /^(\/|~|[A-Za-z]:\\)/.test(location)) {
    return `Channel "${name}": "${location}" is not an S3 URI nor a folder under the Jupyter root: give s3://<bucket>/<prefix>, or the folder as the file browser shows it (e.g. data/${name}) to upload it.`;
  }
  return null;
}

function checkInstances(spec: ITrainingJobSpec): string[] {
  const problems: string[] = [];
  if (!instanceFamily(spec.instanceType)) {
    problems.push(
      `Instance type "${spec.instanceType}" is not a SageMaker training instance: choose one such as ml.m5.xlarge.`
    );
  }
  if (!isWhole(spec.instanceCount, 1)) {
    problems.push('Instance count must be a whole number of 1 or more.');
  }
  if (spec.framework === 'sklearn') {
    if (spec.instanceCount > 1) {
      problems.push(
        'scikit-learn does not train on several instances: set the instance count to 1.'
      );
    }
    if (isAccelerated(spec.instanceType)) {
      problems.push(
        `scikit-learn runs on CPU only: choose a CPU instance type such as ml.m5.xlarge instead of ${spec.instanceType}.`
      );
    }
  }
  if (spec.entryPoint.includes('/')) {
    problems.push(
      `The entry point "${spec.entryPoint}" must be at the top of the source directory: move it there.`
    );
  }
  for (const name of Object.keys(spec.hyperparameters)) {
    if (name.startsWith('sagemaker_')) {
      problems.push(
        `Hyperparameter "${name}": names starting with "sagemaker_" are SageMaker's own; rename it.`
      );
    }
  }
  return problems;
}

function checkStopping(options: ISageMakerOptions): string[] {
  const problems: string[] = [];
  const sizes: [string, number | undefined][] = [
    ['Volume size (GB)', options.volumeSizeInGB],
    ['Max runtime (seconds)', options.maxRuntimeInSeconds],
    ['Max wait (seconds)', options.maxWaitTimeInSeconds]
  ];
  for (const [label, value] of sizes) {
    if (value !== undefined && !isWhole(value, 1)) {
      problems.push(`${label} must be a whole number of 1 or more.`);
    }
  }
  if (!options.useSpotInstances) {
    return problems;
  }
  const runtime = options.maxRuntimeInSeconds ?? DEFAULT_MAX_RUNTIME_SECONDS;
  const wait = options.maxWaitTimeInSeconds;
  if (wait === undefined) {
    problems.push(
      `Spot training needs a max wait time: set it to at least the max runtime (${runtime} s).`
    );
  } else if (wait < runtime) {
    problems.push(
      `Spot training: the max wait (${wait} s) is shorter than the max runtime (${runtime} s). Set max wait to ${runtime} s or more, or lower the max runtime.`
    );
  }
  return problems;
}

function checkDistribution(
  spec: ITrainingJobSpec,
  distribution: Distribution | undefined,
  imageUri: string
): string[] {
  const type = distribution?.type ?? 'none';
  const name = frameworkName(spec.framework, imageUri);
  const supported = DISTRIBUTIONS[spec.framework].filter(
    // The Hugging Face TensorFlow containers have no torchrun.
    choice => !(choice === 'torch_distributed' && name.includes('TensorFlow'))
  );
  if (!supported.includes(type)) {
    return [
      `Distribution "${type}" does not work with ${name}: choose ${supported.map(s => `"${s}"`).join(', ')}.`
    ];
  }
  const family = instanceFamily(spec.instanceType);
  if (
    family.startsWith('trn') &&
    type !== 'none' &&
    type !== 'torch_distributed'
  ) {
    return [
      `Trainium instances (${spec.instanceType}) support only the "torch_distributed" distribution: choose it or "none".`
    ];
  }
  if (type === 'torch_distributed' && !isAccelerated(spec.instanceType)) {
    return [
      `"torch_distributed" runs on GPU (ml.p*, ml.g*) or Trainium (ml.trn*) instances: choose one of those, or another distribution.`
    ];
  }
  if (type === 'smdistributed' && spec.instanceType === 'ml.p5.48xlarge') {
    return [
      'SageMaker data parallel ("smdistributed") does not run on ml.p5.48xlarge: choose "torch_distributed" or another instance type.'
    ];
  }
  if (distribution?.type === 'mpi') {
    const { processesPerHost, customMpiOptions } = distribution;
    if (processesPerHost !== undefined && !isWhole(processesPerHost, 1)) {
      return ['MPI processes per host must be a whole number of 1 or more.'];
    }
    // The SDK's MXNet estimator drops the options without a process count.
    if (spec.framework === 'mxnet' && customMpiOptions && !processesPerHost) {
      return [
        'MXNet passes custom MPI options only with a number of processes per host: set processes per host, or clear the options.'
      ];
    }
  }
  return [];
}

function checkNetworkAndTags(options: ISageMakerOptions): string[] {
  const problems: string[] = [];
  const subnets = options.subnets?.length ?? 0;
  const groups = options.securityGroupIds?.length ?? 0;
  if (subnets > 0 !== groups > 0) {
    problems.push(
      'A VPC needs both subnets and security groups: give both, or neither to run outside a VPC.'
    );
  }
  const seen = new Set([NOTEBOOK_TAG, CELL_TAG]);
  for (const tag of options.tags ?? []) {
    if (tag.Key.toLowerCase().startsWith('aws:')) {
      problems.push(
        `Tag "${tag.Key}": keys starting with "aws:" are reserved by AWS; rename it.`
      );
    } else if (seen.has(tag.Key)) {
      problems.push(
        `Tag "${tag.Key}" is given twice (or is one of ours): keep one.`
      );
    }
    seen.add(tag.Key);
  }
  return problems;
}

/** The SDK's family of an instance type: `ml.g5.xlarge` → `g5`, else ''. */
export function instanceFamily(instanceType: string): string {
  return /^ml[._]([a-z\d-]+)\.?\w*$/.exec(instanceType)?.[1] ?? '';
}

/** GPU (ml.p*, ml.g*) or Trainium (ml.trn*). */
function isAccelerated(instanceType: string): boolean {
  return /^(p|g|trn)/.test(instanceFamily(instanceType));
}

function frameworkName(framework: Framework, imageUri: string): string {
  if (
    framework === 'huggingface' &&
    imageUri.includes('huggingface-tensorflow')
  ) {
    return 'Hugging Face on TensorFlow';
  }
  return FRAMEWORK_NAMES[framework];
}

function isWhole(value: number, min: number): boolean {
  return Number.isInteger(value) && value >= min;
}
