import {
  HyperparameterValue,
  ITrainingJobSpec,
  IMetricDefinition,
  ISageMakerOptions,
  ITag
} from '../tokens';
import { checkJobDefinition, trainingJobDefinition } from './definition';
import { encodeHyperparameters } from './pythonJson';
import {
  checkSageMakerChoices,
  SageMakerChoicesError
} from './sagemakerChecks';
import { DEFAULT_MAX_RUNTIME_SECONDS, DEFAULT_VOLUME_SIZE_GB, IRequestContext, outputPathFor, s3PathJoin } from './sagemakerOptions';
import { enablesMetricsTimeSeries, profilerAndDebugger } from './sdkDefaults';

/**
 * The part of `@aws-sdk/client-sagemaker`'s CreateTrainingJobCommandInput
 * that we fill, with its field names. (The SDK types InstanceType as a
 * union of names; cast when sending.)
 */
export interface ICreateTrainingJobRequest {
  TrainingJobName: string;
  RoleArn: string;
  AlgorithmSpecification: {
    TrainingImage: string;
    TrainingInputMode: 'File';
    MetricDefinitions?: IMetricDefinition[];
    EnableSageMakerMetricsTimeSeries?: boolean;
  };
  HyperParameters: Record<string, string>;
  InputDataConfig?: IS3Channel[];
  OutputDataConfig: { S3OutputPath: string; KmsKeyId?: string };
  ResourceConfig: {
    InstanceType: string;
    InstanceCount: number;
    VolumeSizeInGB: number;
    VolumeKmsKeyId?: string;
  };
  StoppingCondition: {
    MaxRuntimeInSeconds: number;
    MaxWaitTimeInSeconds?: number;
  };
  VpcConfig?: { Subnets: string[]; SecurityGroupIds: string[] };
  Environment?: Record<string, string>;
  Tags: ITag[];
  EnableManagedSpotTraining?: boolean;
  CheckpointConfig?: { S3Uri: string; LocalPath?: string };
  DebugHookConfig?: {
    S3OutputPath: string;
    CollectionConfigurations: { CollectionName: string }[];
  };
  ProfilerConfig: { S3OutputPath?: string; DisableProfiler: boolean };
}

export interface IS3Channel {
  ChannelName: string;
  DataSource: {
    S3DataSource: {
      S3DataType: 'S3Prefix';
      S3Uri: string;
      S3DataDistributionType: 'FullyReplicated';
    };
  };
}

/**
 * The CreateTrainingJob request that the SageMaker Python SDK v2's framework
 * estimator sends for these choices (its defaults included), plus our
 * notebook and cell tags: the job's definition (`trainingJobDefinition`,
 * which the local backend posts too) with what only SageMaker needs. Throws
 * a SageMakerChoicesError naming every fix when the choices cannot make a
 * job.
 */
export function buildCreateTrainingJobRequest(
  spec: ITrainingJobSpec,
  options: ISageMakerOptions,
  context: IRequestContext
): ICreateTrainingJobRequest {
  const problems = [
    ...checkJobDefinition(spec),
    ...checkSageMakerChoices(spec, options, context)
  ];
  if (problems.length > 0) {
    throw new SageMakerChoicesError(problems);
  }
  const definition = trainingJobDefinition(spec, {
    region: context.region,
    submitDirectory: context.submitDirS3Uri,
    containerLogLevel: options.containerLogLevel
  });
  const outputPath = outputPathFor(options);
  const maxRuntime = options.maxRuntimeInSeconds ?? DEFAULT_MAX_RUNTIME_SECONDS;
  const metricsTimeSeries = enablesMetricsTimeSeries(spec);
  const { MetricDefinitions } = definition.AlgorithmSpecification;
  const request: ICreateTrainingJobRequest = {
    TrainingJobName: definition.TrainingJobName,
    RoleArn: options.roleArn,
    AlgorithmSpecification: {
      TrainingImage: context.imageUri,
      TrainingInputMode: 'File',
      ...(MetricDefinitions && { MetricDefinitions }),
      ...(metricsTimeSeries && { EnableSageMakerMetricsTimeSeries: true })
    },
    HyperParameters: {
      ...definition.HyperParameters,
      ...encodeHyperparameters(
        sageMakerHyperparameters(spec, options, outputPath)
      )
    },
    OutputDataConfig: {
      S3OutputPath: outputPath,
      ...(options.outputKmsKeyId && { KmsKeyId: options.outputKmsKeyId })
    },
    ResourceConfig: {
      VolumeSizeInGB: options.volumeSizeInGB ?? DEFAULT_VOLUME_SIZE_GB,
      ...(options.volumeKmsKeyId && { VolumeKmsKeyId: options.volumeKmsKeyId }),
      ...definition.ResourceConfig
    },
    StoppingCondition: {
      MaxRuntimeInSeconds: maxRuntime,
      ...(options.useSpotInstances && {
        MaxWaitTimeInSeconds: options.maxWaitTimeInSeconds
      })
    },
    Tags: [...definition.Tags, ...(options.tags ?? [])],
    ...profilerAndDebugger(spec, options, context.region, outputPath)
  };
  if (definition.InputDataConfig) {
    request.InputDataConfig = definition.InputDataConfig.map(
      ({ ChannelName }) => s3Channel(ChannelName, spec.channels[ChannelName])
    );
  }
  if (options.subnets?.length && options.securityGroupIds?.length) {
    request.VpcConfig = {
      Subnets: [...options.subnets],
      SecurityGroupIds: [...options.securityGroupIds]
    };
  }
  if (options.environment && Object.keys(options.environment).length > 0) {
    request.Environment = { ...options.environment };
  }
  if (options.useSpotInstances) {
    request.EnableManagedSpotTraining = true;
  }
  if (options.checkpointS3Uri) {
    request.CheckpointConfig = {
      S3Uri: options.checkpointS3Uri,
      ...(options.checkpointLocalPath && {
        LocalPath: options.checkpointLocalPath
      })
    };
  }
  return request;
}

/**
 * What a SageMaker job adds to the definition's hyperparameters: the
 * framework's keys for its distribution, and TensorFlow's model_dir.
 */
function sageMakerHyperparameters(
  spec: ITrainingJobSpec,
  options: ISageMakerOptions,
  outputPath: string
): Record<string, HyperparameterValue> {
  const values = distributionHyperparameters(spec, options);
  if (spec.framework === 'tensorflow') {
    // TensorFlow's script mode expects model_dir; under MPI every worker writes locally.
    values.model_dir =
      options.distribution?.type === 'mpi'
        ? '/opt/ml/model'
        : s3PathJoin(outputPath, spec.jobName, 'model');
  }
  return values;
}

/** The SDK's `distribution` as hyperparameters, per framework estimator. */
function distributionHyperparameters(
  spec: ITrainingJobSpec,
  options: ISageMakerOptions
): Record<string, HyperparameterValue> {
  const distribution = options.distribution ?? { type: 'none' };
  switch (distribution.type) {
    case 'none':
      return {};
    case 'torch_distributed':
      return {
        sagemaker_torch_distributed_enabled: true,
        sagemaker_instance_type: spec.instanceType
      };
    case 'smdistributed':
      return {
        sagemaker_distributed_dataparallel_enabled: true,
        sagemaker_instance_type: spec.instanceType,
        sagemaker_distributed_dataparallel_custom_mpi_options:
          distribution.customMpiOptions ?? ''
      };
    case 'mpi': {
      const values: Record<string, HyperparameterValue> = {
        sagemaker_mpi_enabled: true
      };
      if (distribution.processesPerHost) {
        values.sagemaker_mpi_num_of_processes_per_host =
          distribution.processesPerHost;
      }
      // MXNet's estimator sends the options only along with a process count.
      if (spec.framework !== 'mxnet' || distribution.processesPerHost) {
        values.sagemaker_mpi_custom_mpi_options =
          distribution.customMpiOptions ?? '';
      }
      return values;
    }
  }
}

function s3Channel(name: string, uri: string): IS3Channel {
  return {
    ChannelName: name,
    DataSource: {
      S3DataSource: {
        S3DataType: 'S3Prefix',
        S3Uri: uri,
        S3DataDistributionType: 'FullyReplicated'
      }
    }
  };
}
