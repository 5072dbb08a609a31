import * as fs from 'fs';
import * as path from 'path';
import { ITrainingJob } from '../../tokens';
import { IDeployContext } from '../deployPlan';

/** What every SDK capture fixture holds: the job and the context as JSON. */
export interface ISdkFixture {
  job: Omit<ITrainingJob, 'creationTime' | 'transitions' | 'finalMetrics' | 'metricDefinitions'>;
  context: Omit<IDeployContext, 'now'> & { now: string };
}

/** The fixtures of `fixtures/<folder>`, by name (without `.json`), sorted. */
export function readSdkFixtures<T extends ISdkFixture>(folder: string): [string, T][] {
  const dir = path.join(__dirname, 'fixtures', folder);
  return fs
    .readdirSync(dir)
    .filter(name => name.endsWith('.json'))
    .sort()
    .map(name => [name.replace(/\.json$/, ''), JSON.parse(fs.readFileSync(path.join(dir, name), 'utf-8'))]);
}

/** The fixture's job as the plan takes it. */
export function jobOf(fixture: ISdkFixture): ITrainingJob {
  return { ...fixture.job, creationTime: new Date(0), transitions: [], finalMetrics: [], metricDefinitions: [] };
}

export function contextOf(fixture: ISdkFixture): IDeployContext {
  return { ...fixture.context, now: new Date(fixture.context.now) };
}
