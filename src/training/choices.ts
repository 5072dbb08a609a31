import { readLiteralText } from '../script/literalText';
import {
  Framework,
  HyperparameterValue,
  ITrainingJobSpec,
  IMetricDefinition,
  Target
} from '../tokens';
import { ISageMakerChoices, sageMakerChannels, sageMakerOptionsFrom } from './sagemakerChoices';

/**
 * What the user chooses in the Train dialog. Kept in the training cell's
 * metadata (under `sagemaker-nlp`) so the next click can submit at once.
 */
export interface ITrainChoices {
  target: Target;
  framework: Framework;
  frameworkVersion: string;
  pyVersion: string;
  instanceType: string;
  instanceCount: number;
  /** Hyperparameters as the user typed them (Python literals). */
  hyperparameters: Record<string, string>;
  channels: Record<string, string>;
  metricDefinitions: IMetricDefinition[];
  /** Files next to the notebook copied into the source directory. */
  extraFiles: string[];
  jobBaseName: string;
  /** Submit with these choices without opening the dialog. */
  skipDialog: boolean;
  /** What only a SageMaker job needs. */
  sagemaker: ISageMakerChoices;
}

export const CELL_METADATA_KEY = 'sagemaker-nlp';

/** A hyperparameter's value written as a Python literal, for editing. */
export function formatLiteral(value: HyperparameterValue): string {
  if (value === null) {
    return 'None';
  }
  if (typeof value === 'boolean') {
    return value ? 'True' : 'False';
  }
  if (typeof value === 'string') {
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) {
    return `[${value.map(formatLiteral).join(', ')}]`;
  }
  if (typeof value === 'object') {
    const items = Object.entries(value).map(
      ([k, v]) => `${JSON.stringify(k)}: ${formatLiteral(v)}`
    );
    return `{${items.join(', ')}}`;
  }
  return String(value);
}

/**
 * Reads back a Python literal typed in the dialog. Anything else (a bare
 * word like `adam`, an expression) is taken as its text, as the SageMaker
 * training toolkit does with `--name value`.
 */
export function parseLiteral(text: string): HyperparameterValue {
  return readHyperparameter(text).value;
}

/** The value typed, and whether it is a whole Python float (`1.0`, `2.`, `1e3`). */
function readHyperparameter(text: string): {
  value: HyperparameterValue;
  isWholeFloat: boolean;
} {
  const literal = readLiteralText(text);
  if (!literal) {
    return { value: text.trim(), isWholeFloat: false };
  }
  return {
    value: literal.value,
    // JavaScript keeps such a float as an integer: the request must be told.
    isWholeFloat: literal.isFloat && Number.isInteger(literal.value)
  };
}

export interface ISpecContext {
  jobName: string;
  entryPoint: string;
  script: string;
  requirements: string[];
  extraFileContents: { path: string; content: string }[];
  notebookPath: string;
  cellId: string;
  kernelName: string;
  /** SageMaker only: the role and bucket the server found. */
  aws?: { roleArn: string; bucket: string };
}

/** The job spec for the backends, from the dialog's choices. */
export function specFromChoices(
  choices: ITrainChoices,
  context: ISpecContext
): ITrainingJobSpec {
  const sourceFiles = [{ path: context.entryPoint, content: context.script }];
  if (context.requirements.length > 0) {
    sourceFiles.push({
      path: 'requirements.txt',
      content: context.requirements.join('\n') + '\n'
    });
  }
  sourceFiles.push(...context.extraFileContents);
  const hyperparameters: Record<string, HyperparameterValue> = {};
  const floatHyperparameters: string[] = [];
  for (const [name, text] of Object.entries(choices.hyperparameters)) {
    const { value, isWholeFloat } = readHyperparameter(text);
    hyperparameters[name] = value;
    if (isWholeFloat) {
      floatHyperparameters.push(name);
    }
  }
  const sagemaker = choices.target === 'sagemaker';
  return {
    jobName: context.jobName,
    target: choices.target,
    framework: choices.framework,
    frameworkVersion: choices.frameworkVersion,
    pyVersion: choices.pyVersion,
    entryPoint: context.entryPoint,
    sourceFiles,
    hyperparameters,
    ...(floatHyperparameters.length ? { floatHyperparameters } : {}),
    channels: sagemaker
      ? sageMakerChannels(choices.channels, choices.sagemaker.channels)
      : { ...choices.channels },
    metricDefinitions: choices.metricDefinitions.map(m => ({ ...m })),
    instanceType: choices.target === 'local' ? 'local' : choices.instanceType,
    instanceCount: choices.instanceCount,
    notebookPath: context.notebookPath,
    cellId: context.cellId,
    kernelName: context.kernelName,
    ...(sagemaker && context.aws
      ? {
          sagemaker: sageMakerOptionsFrom(choices.sagemaker, context.aws),
          baseFrameworkVersion:
            choices.framework === 'huggingface'
              ? choices.sagemaker.baseFrameworkVersion
              : undefined
        }
      : {})
  };
}

/** Problems that keep the choices from making a job, each naming the fix. */
export function validateChoices(
  choices: ITrainChoices,
  trans: (text: string, ...args: string[]) => string
): string[] {
  const problems: string[] = [];
  if (!/^[a-zA-Z0-9](-*[a-zA-Z0-9])*$/.test(choices.jobBaseName)) {
    problems.push(
      trans(
        'Job name "%1": use letters, digits and hyphens, starting and ending with a letter or digit.',
        choices.jobBaseName
      )
    );
  }
  if (!Number.isInteger(choices.instanceCount) || choices.instanceCount < 1) {
    problems.push(trans('Instance count must be a whole number of 1 or more.'));
  }
  for (const [name, folder] of Object.entries(choices.channels)) {
    if (!/^[A-Za-z0-9.\-_]+$/.test(name)) {
      problems.push(
        trans(
          'Channel name "%1": use letters, digits, ".", "-" and "_" only.',
          name
        )
      );
    }
    if (!folder.trim()) {
      problems.push(
        trans('Channel "%1" has no folder: give one or remove it.', name)
      );
    }
  }
  for (const definition of choices.metricDefinitions) {
    const problem = checkMetricRegex(definition);
    if (problem) {
      problems.push(trans(problem, definition.Name));
    }
  }
  return problems;
}

function checkMetricRegex(definition: IMetricDefinition): string | null {
  if (!definition.Name.trim()) {
    return 'A metric definition has no name: name it or remove it.';
  }
  let groups = 0;
  try {
    groups = new RegExp(`${definition.Regex}|`).exec('')!.length - 1;
  } catch {
    return 'Metric "%1": its regex does not compile; fix it.';
  }
  return groups === 1
    ? null
    : 'Metric "%1": its regex needs exactly one group ( ) around the number.';
}
