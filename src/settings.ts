import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { Framework, IMetricDefinition, Target } from './tokens';

/** The extension's settings, as declared in schema/plugin.json. */
export interface ITrainSettings {
  defaultTarget: Target;
  region: string;
  roleArn: string;
  bucket: string;
  frameworkDefaults: Partial<
    Record<Framework, { version: string; pyVersion: string }>
  >;
  instanceType: string;
  instanceCount: number;
  metricDefinitions: Partial<Record<Framework, IMetricDefinition[]>>;
  localJobsFolder: string;
  maxConcurrentLocalJobs: number;
  /** The jobs sidebar lists every SageMaker job of the region, not only ours. */
  listAllJobs?: boolean;
}

export const PLUGIN_ID = 'jupyterlab-sagemaker-nlp:plugin';

export function readSettings(
  settings: ISettingRegistry.ISettings
): ITrainSettings {
  return settings.composite as unknown as ITrainSettings;
}
