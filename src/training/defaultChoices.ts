import { PathExt } from '@jupyterlab/coreutils';
import { ITrainSettings } from '../settings';
import { Framework } from '../tokens';
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
  const framework = saved?.framework ?? facts.framework ?? 'pytorch';
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
    frameworkVersion: saved?.frameworkVersion ?? versions.version,
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
    sagemaker: { ...defaultSageMakerChoices(), ...saved?.sagemaker }
  };
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
