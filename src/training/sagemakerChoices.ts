import { DEFAULT_MAX_RUNTIME_SECONDS, DEFAULT_VOLUME_SIZE_GB } from './sagemakerOptions';
import { Distribution, DistributionType, ISageMakerOptions } from '../tokens';

/**
 * The SageMaker part of the Train dialog, as the user types it (lists as
 * text, KEY=VALUE lines), kept in the cell's metadata with the rest.
 */
export interface ISageMakerChoices {
  /** Hugging Face only: the PyTorch/TensorFlow base, e.g. `pytorch2.1.0`. */
  baseFrameworkVersion: string;
  /**
   * Channel name → S3 URI, or a folder under the Jupyter root that is
   * uploaded first. A Local channel not named here reads its local folder
   * (see `sageMakerChannels`).
   */
  channels: Record<string, string>;
  useSpot: boolean;
  maxWaitSeconds: number;
  maxRuntimeSeconds: number;
  volumeSizeGB: number;
  /** Empty: the SDK's default, `s3://<bucket>/`. */
  outputPath: string;
  distribution: DistributionType;
  processesPerHost: number;
  /** Comma- or space-separated ids. */
  subnets: string;
  securityGroupIds: string;
  kmsKeyId: string;
  /** KEY=VALUE lines. */
  environment: string;
  tags: string;
}

export function defaultSageMakerChoices(): ISageMakerChoices {
  return {
    baseFrameworkVersion: '',
    channels: {},
    useSpot: false,
    maxWaitSeconds: DEFAULT_MAX_RUNTIME_SECONDS,
    maxRuntimeSeconds: DEFAULT_MAX_RUNTIME_SECONDS,
    volumeSizeGB: DEFAULT_VOLUME_SIZE_GB,
    outputPath: '',
    distribution: 'none',
    processesPerHost: 1,
    subnets: '',
    securityGroupIds: '',
    kmsKeyId: '',
    environment: '',
    tags: ''
  };
}

/**
 * The channels of a SageMaker job: the Local channels' folders (uploaded to
 * S3 first), each replaced by what the SageMaker part chose for it.
 */
export function sageMakerChannels(
  localChannels: Record<string, string>,
  chosen: Record<string, string>
): Record<string, string> {
  return { ...localChannels, ...chosen };
}

/** `KEY=VALUE` lines into a record; blank lines and `#` comments skipped. */
export function parseKeyValueLines(text: string): {
  values: Record<string, string>;
  problems: string[];
} {
  const values: Record<string, string> = {};
  const problems: string[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) {
      return;
    }
    const equals = line.indexOf('=');
    if (equals <= 0) {
      problems.push(`line ${index + 1}: "${line}" is not KEY=VALUE`);
      return;
    }
    values[line.slice(0, equals).trim()] = line.slice(equals + 1).trim();
  });
  return { values, problems };
}

function splitIds(text: string): string[] {
  return text.split(/[\s,]+/).filter(Boolean);
}

function distributionFrom(choices: ISageMakerChoices): Distribution {
  switch (choices.distribution) {
    case 'mpi':
      return { type: 'mpi', processesPerHost: choices.processesPerHost };
    case 'smdistributed':
      return { type: 'smdistributed' };
    case 'torch_distributed':
      return { type: 'torch_distributed' };
    default:
      return { type: 'none' };
  }
}

/** The request builder's options from the dialog's choices and the server's AWS setup. */
export function sageMakerOptionsFrom(
  choices: ISageMakerChoices,
  setup: { roleArn: string; bucket: string }
): ISageMakerOptions {
  const subnets = splitIds(choices.subnets);
  const securityGroupIds = splitIds(choices.securityGroupIds);
  const environment = parseKeyValueLines(choices.environment).values;
  const tags = Object.entries(parseKeyValueLines(choices.tags).values).map(
    ([Key, Value]) => ({ Key, Value })
  );
  const options: ISageMakerOptions = {
    roleArn: setup.roleArn,
    bucket: setup.bucket,
    volumeSizeInGB: choices.volumeSizeGB,
    maxRuntimeInSeconds: choices.maxRuntimeSeconds,
    distribution: distributionFrom(choices)
  };
  if (choices.outputPath.trim()) {
    options.outputPath = choices.outputPath.trim();
  }
  if (choices.useSpot) {
    options.useSpotInstances = true;
    options.maxWaitTimeInSeconds = choices.maxWaitSeconds;
  }
  if (subnets.length || securityGroupIds.length) {
    options.subnets = subnets;
    options.securityGroupIds = securityGroupIds;
  }
  if (choices.kmsKeyId.trim()) {
    options.volumeKmsKeyId = choices.kmsKeyId.trim();
    options.outputKmsKeyId = choices.kmsKeyId.trim();
  }
  if (Object.keys(environment).length) {
    options.environment = environment;
  }
  if (tags.length) {
    options.tags = tags;
  }
  return options;
}

/** Problems with the typed text itself (the request checks do the rest). */
export function textProblems(choices: ISageMakerChoices): string[] {
  return [
    ...parseKeyValueLines(choices.environment).problems.map(
      p => `Environment, ${p}: write one NAME=value per line.`
    ),
    ...parseKeyValueLines(choices.tags).problems.map(
      p => `Tags, ${p}: write one key=value per line.`
    )
  ];
}
