import { ITrainSettings } from '../../settings';

/** The settings a fresh install has (no region, role or bucket), with what a test changes. */
export function testSettings(change: Partial<ITrainSettings> = {}): ITrainSettings {
  return {
    defaultTarget: 'local',
    region: '',
    roleArn: '',
    bucket: '',
    frameworkDefaults: {},
    instanceType: 'ml.m5.xlarge',
    instanceCount: 1,
    metricDefinitions: {},
    localJobsFolder: '',
    maxConcurrentLocalJobs: 2,
    ...change
  };
}
