import { PathExt } from '@jupyterlab/coreutils';
import { ITrainSettings } from '../settings';
import { Framework } from '../tokens';
import { huggingFaceVersionsWith } from './catalogFit';
import { formatLiteral, ITrainChoices } from './choices';
import { defaultMetricDefinitions } from './metricDefinitions';
import { defaultSageMakerChoices } from './sagemakerChoices';

/** What the script builder found that the dialog starts from. */
export interface IScriptFacts {
  framework: Framework | null;
  hyperparameters: Record<string, unknown>;
  hyperparameterLiterals?: Record<string, string>;
  channels: string[];
  localModules: string[];
  /** The tensor library the code runs on: a Hugging Face image's base framework follows it. */
  tensorFramework?: 'pytorch' | 'tensorflow' | null;
}

/**
 * The dialog's first values: what the cell remembers, else what the script
 * shows, else the settings. Hyperparameters always follow the notebook's
 * `parameters` cell, so a renamed or removed parameter never lingers.
 */
export function defaultChoices(
  facts: IScriptFacts,
  settings: ITrainSettings,
  notebookPath: string,
  saved?: Partial<ITrainChoices>
): ITrainChoices {
  const framework = saved?.framework ?? frameworkForCode(facts) ?? 'pytorch';
  const versions = settings.frameworkDefaults[framework] ?? {
    version: '',
    pyVersion: 'py3'
  };
  const hyperparameters: Record<string, string> = {};
  for (const [name, value] of Object.entries(facts.hyperparameters)) {
    hyperparameters[name] =
      saved?.hyperparameters?.[name] ??
      facts.hyperparameterLiterals?.[name] ??
      formatLiteral(value as never);
  }
  const notebookDir = PathExt.dirname(notebookPath);
  const channels: Record<string, string> = {};
  for (const name of facts.channels) {
    channels[name] = PathExt.join(notebookDir, 'data', name);
  }
  const metricDefinitions =
    settings.metricDefinitions[framework] ??
    defaultMetricDefinitions(framework);
  return {
    target: saved?.target ?? settings.defaultTarget,
    framework,
    frameworkVersion:
      saved?.frameworkVersion ?? versionForCode(framework, versions.version, facts.tensorFramework),
    pyVersion: saved?.pyVersion ?? versions.pyVersion,
    instanceType: saved?.instanceType ?? settings.instanceType,
    instanceCount: saved?.instanceCount ?? settings.instanceCount,
    hyperparameters,
    channels: saved?.channels ?? channels,
    metricDefinitions: saved?.metricDefinitions ?? metricDefinitions,
    extraFiles:
      saved?.extraFiles ??
      facts.localModules.map(module => PathExt.join(notebookDir, module)),
    jobBaseName: saved?.jobBaseName ?? baseNameFor(notebookPath),
    skipDialog: saved?.skipDialog ?? false,
    sagemaker: {
      ...defaultSageMakerChoices(),
      ...saved?.sagemaker,
      // A family alone ("tensorflow"): fitToCatalog picks its newest base for the version.
      baseFrameworkVersion:
        saved?.sagemaker?.baseFrameworkVersion ||
        (framework === 'huggingface' ? (facts.tensorFramework ?? '') : '')
    }
  };
}

/** Keras code that imports torch too (to ask for a GPU) needs the TensorFlow container. */
function frameworkForCode({ framework, tensorFramework }: IScriptFacts): Framework | null {
  return framework === 'pytorch' && tensorFramework === 'tensorflow' ? 'tensorflow' : framework;
}

/**
 * The settings' version, unless the code is Hugging Face on TensorFlow and
 * that version has no TensorFlow image: then the newest that has one.
 */
function versionForCode(
  framework: Framework,
  version: string,
  tensorFramework: IScriptFacts['tensorFramework']
): string {
  if (framework !== 'huggingface' || tensorFramework !== 'tensorflow') {
    return version;
  }
  const withTensorFlow = huggingFaceVersionsWith('tensorflow');
  return withTensorFlow.includes(version) ? version : (withTensorFlow[withTensorFlow.length - 1] ?? version);
}

/** A job base name from the notebook's file name, as SageMaker allows. */
export function baseNameFor(notebookPath: string): string {
  const stem = PathExt.basename(notebookPath, PathExt.extname(notebookPath));
  const cleaned = stem
    .replace(/[^a-zA-Z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 39);
  return cleaned || 'notebook';
}
