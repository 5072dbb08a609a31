import type {
  CreateEndpointCommandInput,
  CreateEndpointConfigCommandInput,
  CreateModelCommandInput,
  ProductionVariant
} from '@aws-sdk/client-sagemaker';
import { HOSTING_INSTANCE_TYPES } from '../catalog/data/hostingInstanceTypes';
import { ImageUriError } from '../catalog/imageUriError';
import { inferenceImageUri, trainedFramework } from '../catalog/inferenceImage';
import { IDeployChoices, ISourceFile, ITag, ITrainingJob } from '../tokens';
import { makeJobName } from '../training/jobName';
import { encodeTagValue, JOB_TAG, notebookTags } from '../training/notebookTags';

/** Choices or a job that cannot make an endpoint; `problems` name the fixes. */
export class DeployPlanError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'DeployPlanError';
  }
}

/** What the plan needs besides the job and the choices. */
export interface IDeployContext {
  region: string;
  roleArn: string;
  /** The session's default bucket: where an inference script is uploaded. */
  bucket: string;
  /** The job's AlgorithmSpecification.TrainingImage: its tag tells version and Python. */
  trainingImage: string;
  /** The clock of the model's name. */
  now?: Date;
}

/**
 * The SDK's `repack_model`: the job's model.tar.gz with its `code/` folder
 * replaced by the inference script (the SDK copies its source dir, a folder
 * holding only the script, over a removed `code/`), written where the
 * model's ModelDataUrl points.
 */
export interface IModelRepack {
  /** The job's artifact, `s3://…/output/model.tar.gz`. */
  sourceUri: string;
  /** `s3://<bucket>/<model name>/model.tar.gz`, as the SDK names it. */
  targetUri: string;
  bucket: string;
  key: string;
  /** The files of the new `code/`, paths inside it. */
  codeFiles: ISourceFile[];
}

/** The three requests of a deploy, in order, and the code to upload or repack first. */
export interface IDeployPlan {
  modelName: string;
  endpointConfigName: string;
  endpointName: string;
  /** An inference script packed as `sourcedir.tar.gz` where the model's environment points. */
  codeUpload?: { bucket: string; key: string; files: ISourceFile[] };
  /** PyTorch, MXNet, TensorFlow and Hugging Face with a script: the model repacked first. */
  repack?: IModelRepack;
  createModel: CreateModelCommandInput;
  createEndpointConfig: CreateEndpointConfigCommandInput;
  createEndpoint: CreateEndpointCommandInput;
}

/** Frameworks deployed from here. */
const DEPLOYABLE = ['sklearn', 'huggingface', 'pytorch', 'mxnet', 'tensorflow'];
/** Frameworks whose inference script the SDK repacks into model.tar.gz. */
const REPACKED = ['pytorch', 'mxnet', 'tensorflow', 'huggingface'];
/** Frameworks whose serving toolkit has no default model_fn for a trained model. */
const NEEDS_SCRIPT: Record<string, string> = { pytorch: 'PyTorch', mxnet: 'MXNet' };

/** Whether the job's framework serves only through an inference script (model_fn): PyTorch and MXNet. */
export function needsInferenceScript(job: ITrainingJob): boolean {
  return job.framework !== undefined && job.framework in NEEDS_SCRIPT;
}
/** Where a repacked model's code is, in the container. */
export const REPACKED_CODE_DIR = '/opt/ml/model/code';
/** The one script TensorFlow Serving's container runs from `code/`. */
const TFS_SCRIPT = 'inference.py';
/** The SDK's default `container_log_level` (logging.INFO). */
const DEFAULT_LOG_LEVEL = '20';
/** TensorFlowModel's LOG_LEVEL_MAP: Python's logging level as TFS's nginx names it. */
const TFS_LOG_LEVELS: Record<string, string> = {
  '10': 'debug',
  '20': 'info',
  '30': 'warn',
  '40': 'error',
  '50': 'crit'
};
export const ENDPOINT_NAME = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;
export const SERVERLESS_MEMORY = [1024, 2048, 3072, 4096, 5120, 6144];
export const MAX_CONCURRENCY = 200;

/**
 * Why this job cannot be deployed, or null: for the deploy action's
 * disabled state as much as for the plan.
 */
export function deployBlocker(job: ITrainingJob): string | null {
  if (job.target !== 'sagemaker') {
    return `${job.name} ran locally: deploy it as a local endpoint.`;
  }
  if (job.status !== 'Completed') {
    return `${job.name} is ${job.status}: only a Completed job has a model to deploy. Wait for it to complete, or train again.`;
  }
  if (!job.modelArtifact) {
    return `${job.name} has no model artifact (ModelArtifacts.S3ModelArtifacts): make the training script save its model in /opt/ml/model and train again.`;
  }
  if (!job.framework || !DEPLOYABLE.includes(job.framework)) {
    return `Deploying a ${job.framework ?? 'custom'} job is not supported yet: only scikit-learn, PyTorch, MXNet, TensorFlow and Hugging Face jobs can be deployed from here; use the SageMaker Python SDK's estimator.deploy() for it.`;
  }
  return null;
}

/** Everything wrong with the choices for this job, each naming its fix. */
export function deployProblems(job: ITrainingJob, choices: IDeployChoices): string[] {
  const problems: string[] = [];
  if (!ENDPOINT_NAME.test(choices.endpointName)) {
    problems.push(
      `The endpoint name "${choices.endpointName}" is not valid: use 1 to 63 letters, digits and hyphens, starting and ending with a letter or digit.`
    );
  }
  if (choices.mode === 'realtime') {
    const type = choices.instanceType ?? '';
    if (!type.startsWith('ml.') || !HOSTING_INSTANCE_TYPES.includes(type)) {
      problems.push(
        `${type || 'No instance type'} is not an instance type for hosting: choose one like ml.m5.large or ml.g5.xlarge (SageMaker's ProductionVariantInstanceType list).`
      );
    }
    const count = choices.instanceCount;
    if (count === undefined || !Number.isInteger(count) || count < 1) {
      problems.push('The instance count must be a whole number of 1 or more.');
    }
  } else {
    if (!SERVERLESS_MEMORY.includes(choices.memorySizeInMB ?? NaN)) {
      problems.push(
        `Serverless memory ${choices.memorySizeInMB ?? '(none)'} MB is not allowed: choose one of ${SERVERLESS_MEMORY.join(', ')} MB.`
      );
    }
    const concurrency = choices.maxConcurrency;
    if (
      concurrency === undefined ||
      !Number.isInteger(concurrency) ||
      concurrency < 1 ||
      concurrency > MAX_CONCURRENCY
    ) {
      problems.push(
        `Serverless max concurrency ${concurrency ?? '(none)'} is not allowed: choose a whole number from 1 to ${MAX_CONCURRENCY}.`
      );
    }
  }
  const script = choices.inferenceScript;
  const needsScript = NEEDS_SCRIPT[job.framework ?? ''];
  if (needsScript && !script) {
    problems.push(
      `A ${needsScript} model needs an inference script that defines model_fn(model_dir) (and, if the defaults do not fit, input_fn / predict_fn / output_fn): ` +
        'choose one under "inference script" (a cell or a .py file next to the notebook that defines model_fn).'
    );
  }
  if (script && job.framework === 'tensorflow' && baseName(script.path) !== TFS_SCRIPT) {
    problems.push(
      `TensorFlow Serving runs only code/${TFS_SCRIPT} (input_handler / output_handler), not ${baseName(script.path)}: name the inference script ${TFS_SCRIPT}.`
    );
  }
  return problems;
}

/**
 * The CreateModel, CreateEndpointConfig and CreateEndpoint requests the SDK
 * v2 sends for the same choices: `estimator.deploy()` for scikit-learn (the
 * job's own code serves, unless an inference script is given),
 * `estimator.deploy(entry_point=…, source_dir=<the script's folder>)` for
 * PyTorch, MXNet and TensorFlow (TensorFlow without a script serves the
 * SavedModel as it is), `HuggingFaceModel(model_data=…, env={"HF_TASK": …},
 * entry_point=…?).deploy()` for Hugging Face. With a script, all but
 * scikit-learn repack the model (`repack`). Each request is tagged with the
 * job and its notebook cell.
 */
export function planDeploy(
  job: ITrainingJob,
  choices: IDeployChoices,
  context: IDeployContext
): IDeployPlan {
  const blocker = deployBlocker(job);
  if (blocker) {
    throw new DeployPlanError([blocker]);
  }
  const problems = deployProblems(job, choices);
  if (problems.length) {
    throw new DeployPlanError(problems);
  }
  const serverless = choices.mode === 'serverless';
  let image: string;
  try {
    const trained = trainedFramework(context.trainingImage);
    checkModelServer(job, trained.version);
    image = inferenceImageUri({
      ...trained,
      framework: job.framework!,
      region: context.region,
      instanceType: choices.instanceType,
      serverless
    });
  } catch (error) {
    if (error instanceof ImageUriError) {
      throw new DeployPlanError([`No inference image for this model: ${error.message}`]);
    }
    throw error;
  }
  // estimator.deploy() names the model after the training image, HuggingFaceModel after its own.
  const namedAfter = job.framework === 'huggingface' ? image : context.trainingImage;
  const modelName = makeJobName(baseNameFromImage(namedAfter), context.now);
  const endpointName = choices.endpointName;
  const tags = deployTags(job);
  const repack = modelRepack(job, choices, context, modelName);
  const environment: Record<string, string> = {};
  if (job.framework === 'huggingface' && choices.hfTask) {
    environment.HF_TASK = choices.hfTask;
  }
  const logLevel = hyperparameter(job, 'sagemaker_container_log_level') ?? DEFAULT_LOG_LEVEL;
  let code: ReturnType<typeof modelCode> | undefined;
  if (job.framework === 'tensorflow') {
    // TensorFlowModel sets no script-mode variables: the container finds code/inference.py.
    if (TFS_LOG_LEVELS[logLevel]) {
      environment.SAGEMAKER_TFS_NGINX_LOGLEVEL = TFS_LOG_LEVELS[logLevel];
    }
  } else {
    code = repack
      ? { program: repack.codeFiles[0].path, submitDirectory: REPACKED_CODE_DIR }
      : modelCode(job, choices, context, modelName);
    Object.assign(environment, {
      SAGEMAKER_PROGRAM: code.program,
      SAGEMAKER_SUBMIT_DIRECTORY: code.submitDirectory,
      SAGEMAKER_CONTAINER_LOG_LEVEL: logLevel,
      SAGEMAKER_REGION: context.region
    });
  }

  const variant: ProductionVariant = {
    VariantName: 'AllTraffic',
    ModelName: modelName,
    InitialVariantWeight: 1,
    ...(serverless
      ? {
          ServerlessConfig: {
            MemorySizeInMB: choices.memorySizeInMB!,
            MaxConcurrency: choices.maxConcurrency!
          }
        }
      : {
          InitialInstanceCount: choices.instanceCount!,
          InstanceType: choices.instanceType as ProductionVariant['InstanceType']
        })
  };
  return {
    modelName,
    endpointConfigName: endpointName,
    endpointName,
    ...(code?.upload ? { codeUpload: code.upload } : {}),
    ...(repack ? { repack } : {}),
    createModel: {
      ModelName: modelName,
      ExecutionRoleArn: context.roleArn,
      PrimaryContainer: {
        Image: image,
        Environment: environment,
        ModelDataUrl: repack ? repack.targetUri : job.modelArtifact
      },
      Tags: tags
    },
    createEndpointConfig: {
      EndpointConfigName: endpointName,
      ProductionVariants: [variant],
      Tags: tags
    },
    createEndpoint: {
      EndpointName: endpointName,
      EndpointConfigName: endpointName,
      Tags: tags
    }
  };
}

/**
 * The repack the SDK does for these choices, or undefined: a script for a
 * framework in REPACKED. The script is the only file of the source dir the
 * SDK is given, so it is the only file of the new `code/`, by its base name
 * (the SDK's SAGEMAKER_PROGRAM is the entry point's base name).
 */
function modelRepack(
  job: ITrainingJob,
  choices: IDeployChoices,
  context: IDeployContext,
  modelName: string
): IModelRepack | undefined {
  const script = choices.inferenceScript;
  if (!script || !REPACKED.includes(job.framework ?? '')) {
    return undefined;
  }
  const key = `${modelName}/model.tar.gz`;
  return {
    sourceUri: job.modelArtifact!,
    targetUri: `s3://${context.bucket}/${key}`,
    bucket: context.bucket,
    key,
    codeFiles: [{ path: baseName(script.path), content: script.content }]
  };
}

function baseName(path: string): string {
  return path.replace(/\\/g, '/').split('/').pop() ?? path;
}

/** The first versions whose images serve with the model server that reads code/ (`_LOWEST_MMS_VERSION`). */
const LOWEST_MMS_VERSION: Record<string, [number, number]> = { pytorch: [1, 2], mxnet: [1, 4] };

/**
 * Older PyTorch and MXNet images take their code from S3, not from the
 * model, so the SDK does not repack for them; neither is that done here.
 */
function checkModelServer(job: ITrainingJob, version: string): void {
  const lowest = LOWEST_MMS_VERSION[job.framework ?? ''];
  const [major, minor] = version.split('.').map(Number);
  if (lowest && (major < lowest[0] || (major === lowest[0] && minor < lowest[1]))) {
    throw new DeployPlanError([
      `${NEEDS_SCRIPT[job.framework!]} ${version} images serve without the model server this deploy packs code for: ` +
        `train with ${NEEDS_SCRIPT[job.framework!]} ${lowest.join('.')} or newer, or deploy with the SageMaker Python SDK.`
    ]);
  }
}

/** The SDK's `base_name_from_image`: the repository, e.g. `sagemaker-scikit-learn`. */
function baseNameFromImage(image: string): string {
  return /\/([^/:]+)(?::[^/]*)?$/.exec(image)?.[1] ?? image;
}

function deployTags(job: ITrainingJob): ITag[] {
  const tags =
    job.notebookPath !== undefined && job.cellId !== undefined
      ? notebookTags(job.notebookPath, job.cellId)
      : [];
  return [...tags, { Key: JOB_TAG, Value: encodeTagValue(job.name) }];
}

/**
 * The script and code the container runs. An inference script goes, as the
 * SDK uploads it, to `s3://<bucket>/<model name>/sourcedir.tar.gz`; without
 * one, scikit-learn reuses the job's own code (its training script must then
 * define `model_fn`), and Hugging Face serves the pipeline with none.
 */
function modelCode(
  job: ITrainingJob,
  choices: IDeployChoices,
  context: IDeployContext,
  modelName: string
): { program: string; submitDirectory: string; upload?: IDeployPlan['codeUpload'] } {
  const script = choices.inferenceScript;
  if (script) {
    const key = `${modelName}/sourcedir.tar.gz`;
    return {
      program: script.path,
      submitDirectory: `s3://${context.bucket}/${key}`,
      upload: { bucket: context.bucket, key, files: [script] }
    };
  }
  if (job.framework === 'huggingface') {
    return { program: '', submitDirectory: '' };
  }
  const program = hyperparameter(job, 'sagemaker_program');
  const submitDirectory = hyperparameter(job, 'sagemaker_submit_directory');
  if (!program || !submitDirectory) {
    throw new DeployPlanError([
      `${job.name} has no sagemaker_program or sagemaker_submit_directory hyperparameter, so its code cannot serve the model: give an inference script with model_fn.`
    ]);
  }
  return { program, submitDirectory };
}

/** A script-mode hyperparameter, JSON-decoded as the SDK encoded it. */
function hyperparameter(job: ITrainingJob, key: string): string | undefined {
  const raw = job.hyperparameters[key];
  if (raw === undefined) {
    return undefined;
  }
  try {
    const value: unknown = JSON.parse(raw);
    return typeof value === 'string' ? value : String(value);
  } catch {
    return raw;
  }
}
