import {
  HyperparameterValue,
  ITrainingJobSpec,
  ITrainingJobDefinition
} from '../tokens';
import { validateJobName } from './jobName';
import { checkMetricDefinitions } from './metricDefinitions';
import { notebookTags } from './notebookTags';
import { encodeHyperparameters } from './pythonJson';
import { DEFAULT_CONTAINER_LOG_LEVEL } from './sagemakerOptions';

/**
 * SageMaker's ChannelName. `.` and `..` are refused as well: a channel is
 * the folder `input/data/<name>`, which they cannot be. The local runner
 * has the same rule (tests/test_definition_parity.py).
 */
export const CHANNEL_NAME_PATTERN = /^[A-Za-z0-9.\-_]{1,64}$/;
export const RESERVED_CHANNEL_NAMES: ReadonlyArray<string> = ['.', '..'];

/** What only the caller knows when it defines the job. */
export interface IDefinitionOptions {
  /** `sagemaker_region`: always on SageMaker; a local job's when known. */
  region?: string;
  /**
   * `sagemaker_submit_directory`: where the toolkit finds the source
   * archive. SageMaker only (the S3 URI of sourcedir.tar.gz); the local
   * runner gets the files themselves.
   */
  submitDirectory?: string;
  /** Python `logging` level of the container's toolkit; default 20 (INFO). */
  containerLogLevel?: number;
}

/**
 * The job these choices define, whatever the target: hyperparameters
 * encoded as the SageMaker Python SDK encodes them (script-mode keys
 * included), metric definitions, channel names, resources and the tags that
 * link the job to its cell. `buildCreateTrainingJobRequest` extends it for
 * SageMaker; the local backend posts it as it is.
 */
export function trainingJobDefinition(
  spec: ITrainingJobSpec,
  options: IDefinitionOptions = {}
): ITrainingJobDefinition {
  // The user's values, then the SDK's script-mode keys (which win), in its order.
  const values: Record<string, HyperparameterValue> = {
    ...spec.hyperparameters,
    ...(options.submitDirectory !== undefined && {
      sagemaker_submit_directory: options.submitDirectory
    }),
    sagemaker_program: spec.entryPoint,
    sagemaker_container_log_level:
      options.containerLogLevel ?? DEFAULT_CONTAINER_LOG_LEVEL,
    sagemaker_job_name: spec.jobName,
    ...(options.region !== undefined && { sagemaker_region: options.region })
  };
  const definition: ITrainingJobDefinition = {
    TrainingJobName: spec.jobName,
    HyperParameters: encodeHyperparameters(
      values,
      spec.floatHyperparameters ?? []
    ),
    AlgorithmSpecification: {
      ...(spec.metricDefinitions.length > 0 && {
        MetricDefinitions: spec.metricDefinitions.map(({ Name, Regex }) => ({
          Name,
          Regex
        }))
      })
    },
    ResourceConfig: {
      InstanceCount: spec.instanceCount,
      InstanceType: spec.instanceType
    },
    Tags: notebookTags(spec.notebookPath, spec.cellId)
  };
  const channels = Object.keys(spec.channels);
  if (channels.length > 0) {
    definition.InputDataConfig = channels.map(ChannelName => ({ ChannelName }));
  }
  return definition;
}

/**
 * What keeps the spec from defining a job on either target (job name,
 * channel names, metric definitions), each naming its fix.
 */
export function checkJobDefinition(spec: ITrainingJobSpec): string[] {
  const problems: string[] = [];
  const nameProblem = validateJobName(spec.jobName);
  if (nameProblem) {
    problems.push(nameProblem);
  }
  for (const name of Object.keys(spec.channels)) {
    const problem = validateChannelName(name);
    if (problem) {
      problems.push(problem);
    }
  }
  problems.push(...checkMetricDefinitions(spec.metricDefinitions));
  return problems;
}

/** Null when SageMaker and the local runner accept the name, else the fix. */
export function validateChannelName(name: string): string | null {
  if (
    CHANNEL_NAME_PATTERN.test(name) &&
    !RESERVED_CHANNEL_NAMES.includes(name)
  ) {
    return null;
  }
  return `Channel name ${JSON.stringify(name)}: use 1 to 64 letters, digits, ".", "-" and "_" (not "." or ".."); rename the channel.`;
}
