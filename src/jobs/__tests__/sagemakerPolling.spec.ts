/**
 * @jest-environment ./src/aws/__tests__/jsdomWithStreams.js
 */
import { createAwsClients } from '../../aws/clients';
import { SageMakerBackend } from '../../backends/sagemaker';
import { CONFIG, fakeCatalog } from '../../backends/__tests__/sagemakerFixtures';
import { JobsModel } from '../model';
import { FakeRegion, throttlingError } from './sagemakerRegion';

/**
 * The jobs model over the real SageMaker backend, AWS mocked with
 * aws-sdk-client-mock (moto completes a job at once and cannot throttle):
 * what the model shows, and how many calls each cycle makes.
 */

function sageMakerBackend(tagStorage: Storage | null = null): SageMakerBackend {
  return new SageMakerBackend({
    config: CONFIG,
    catalog: fakeCatalog(),
    clients: createAwsClients({ region: CONFIG.region! }),
    tagStorage
  });
}

/** Storage as a page's localStorage is, in memory. */
function memoryStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    clear: () => items.clear(),
    getItem: key => items.get(key) ?? null,
    key: index => [...items.keys()][index] ?? null,
    removeItem: key => void items.delete(key),
    setItem: (key, value) => void items.set(key, value)
  };
}

function modelOver(options: Partial<JobsModel.IOptions> = {}): JobsModel {
  return new JobsModel({ backends: [sageMakerBackend()], autoStart: false, ...options });
}

async function until(condition: () => boolean, timeout = 3000): Promise<void> {
  const end = Date.now() + timeout;
  while (!condition()) {
    if (Date.now() > end) {
      throw new Error('timed out');
    }
    await new Promise(resolve => setTimeout(resolve, 5));
  }
}

const statusOf = (model: JobsModel, name: string) =>
  model.jobs.find(job => job.name === name)?.status;

let model: JobsModel | null = null;

beforeEach(() => {
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
});

afterEach(() => {
  model?.dispose();
  model = null;
  jest.restoreAllMocks();
});

describe('the jobs model follows SageMaker jobs', () => {
  it.each([
    ['Completed', undefined],
    ['Failed', 'AlgorithmError: loss is nan'],
    ['Stopped', undefined]
  ] as const)('InProgress → %s', async (final, failureReason) => {
    const region = FakeRegion.withJobs(3, 1);
    region.install();
    model = modelOver();
    let changes = 0;
    model.changed.connect(() => changes++);

    await model.refresh();
    expect(statusOf(model, 'job-0000')).toBe('InProgress');
    expect(model.jobs.find(job => job.name === 'job-0000')?.secondaryStatus).toBe('Training');
    const seen = changes;

    region.set('job-0000', 'InProgress', 'Uploading');
    await model.refresh();
    expect(model.jobs[0].secondaryStatus).toBe('Uploading');
    expect(changes).toBe(seen + 1);

    region.set('job-0000', final);
    await model.refresh();
    expect(model.jobs[0]).toMatchObject({ status: final, secondaryStatus: final });
    expect(model.jobs[0].failureReason).toBe(failureReason);
    expect(model.jobs[0].cellId).toBe('cell-job-0000');

    // Final: never described again.
    region.resetCalls();
    await model.refresh();
    expect(region.calls()).toEqual({ ListTrainingJobs: 1 });
  });

  it('stops a job with StopTrainingJob: Stopping at once, then Stopped', async () => {
    const region = FakeRegion.withJobs(2, 1);
    region.install();
    model = modelOver();
    await model.refresh();

    await model.stop('job-0000');
    expect(region.calls().StopTrainingJob).toBe(1);
    expect(statusOf(model, 'job-0000')).toBe('Stopping');
    await model.refresh();
    expect(statusOf(model, 'job-0000')).toBe('Stopping');

    region.set('job-0000', 'Stopped');
    await model.refresh();
    expect(statusOf(model, 'job-0000')).toBe('Stopped');
  });

  it('shows only its own jobs, found by their tags, unless asked for all', async () => {
    const region = FakeRegion.withJobs(6, 0, i => i % 2 === 0);
    region.install();
    model = modelOver();
    await model.refresh();
    expect(model.jobs.map(job => job.name)).toEqual(['job-0000', 'job-0002', 'job-0004']);

    const scopes: string[] = [];
    model.scopeChanged.connect((_, scope) => scopes.push(scope));
    model.setScope('all');
    await model.refresh();
    expect(model.jobs).toHaveLength(6);
    expect(scopes).toEqual(['all']);
    // Tags never change: read once per job.
    region.resetCalls();
    model.setScope('own');
    await model.refresh();
    expect(region.calls()).toEqual({ ListTrainingJobs: 1 });
    expect(model.jobs).toHaveLength(3);
  });

  it('remembers which jobs are its own across a page reload, without ListTags', async () => {
    const region = FakeRegion.withJobs(6, 0, i => i % 2 === 0);
    region.install();
    const storage = memoryStorage();
    model = new JobsModel({ backends: [sageMakerBackend(storage)], autoStart: false });
    await model.refresh();
    expect(region.calls().ListTags).toBe(6);
    model.dispose();

    // The reload: a new backend and model over the same storage.
    region.resetCalls();
    model = new JobsModel({ backends: [sageMakerBackend(storage)], autoStart: false });
    await model.refresh();
    expect(model.jobs.map(job => [job.name, job.cellId])).toEqual([
      ['job-0000', 'cell-job-0000'],
      ['job-0002', 'cell-job-0002'],
      ['job-0004', 'cell-job-0004']
    ]);
    expect(region.calls().ListTags).toBeUndefined();

    // Another account's jobs of the region are not taken for ours.
    region.resetCalls();
    const other = new SageMakerBackend({
      config: { ...CONFIG, account: '999999999999' },
      catalog: fakeCatalog(),
      clients: createAwsClients({ region: CONFIG.region! }),
      tagStorage: storage
    });
    await other.list({ scope: 'own', onScreen: new Set() });
    expect(region.calls().ListTags).toBe(6);
  });

  it('reads the history one page per cycle, its NextToken kept across cycles', async () => {
    const region = FakeRegion.withJobs(250);
    region.install();
    model = modelOver();
    for (let cycle = 0; cycle < 6; cycle++) {
      await model.refresh();
    }
    // Newest, older, newest, older (the last), then the newest page only.
    expect(region.listTokens()).toEqual([undefined, '100', undefined, '200', undefined, undefined]);
    // Tags of 20 jobs per cycle: 120 of 250 after 6 cycles.
    expect(model.jobs).toHaveLength(120);
    for (let cycle = 0; cycle < 7; cycle++) {
      await model.refresh();
    }
    expect(model.jobs).toHaveLength(250);
    expect(model.jobs[249].name).toBe('job-0249');
  });

  it('says why a job cannot be described (AccessDenied), keeps what it listed, and recovers', async () => {
    const region = FakeRegion.withJobs(2, 1);
    region.install();
    model = modelOver();
    await model.refresh();
    region.fault = operation => {
      if (operation === 'DescribeTrainingJob') {
        throw Object.assign(new Error('User: arn:aws:sts::1:assumed-role/r is not authorized to perform: sagemaker:DescribeTrainingJob'), {
          name: 'AccessDeniedException',
          $fault: 'client',
          $metadata: { httpStatusCode: 400 }
        });
      }
    };
    region.set('job-0000', 'InProgress', 'Uploading');
    await model.refresh();
    const job = model.jobs.find(other => other.name === 'job-0000')!;
    expect(job.readError).toMatch(
      /is not allowed to sagemaker:DescribeTrainingJob: add sagemaker:DescribeTrainingJob to its IAM policy/
    );
    expect(job.status).toBe('InProgress');
    expect(job.cellId).toBe('cell-job-0000');

    region.fault = null;
    await model.refresh();
    const again = model.jobs.find(other => other.name === 'job-0000')!;
    expect(again.readError).toBeUndefined();
    expect(again.secondaryStatus).toBe('Uploading');
  });

  it('drops a job the newest page no longer has', async () => {
    const region = FakeRegion.withJobs(3);
    region.install();
    model = modelOver();
    await model.refresh();
    region.jobs.splice(1, 1);
    await model.refresh();
    expect(model.jobs.map(job => job.name)).toEqual(['job-0000', 'job-0002']);
  });
});

describe('throttling', () => {
  it('backs off while AWS throttles, says it retries, and recovers', async () => {
    const region = FakeRegion.withJobs(2, 1);
    region.install();
    let throttles = 3;
    region.fault = operation => {
      if (operation === 'ListTrainingJobs' && throttles > 0) {
        throttles--;
        throw throttlingError();
      }
    };
    const waits: number[] = [];
    model = modelOver({
      autoStart: true,
      standby: 'never',
      frequency: { active: 10, activeMax: 10, idle: 10, idleMax: 10, throttled: 100, throttledMax: 400 }
    });
    model.changed.connect(() => {
      const wait = model?.retrying.get('sagemaker');
      if (wait !== undefined && waits[waits.length - 1] !== wait) {
        waits.push(wait);
      }
    });

    await until(() => region.listTokens().length === 1);
    expect(model.retrying.get('sagemaker')).toBe(100);
    expect(model.errors.get('sagemaker')).toMatch(/throttling/);
    // Held 100 ms although the poll ticks every 10 ms.
    await new Promise(resolve => setTimeout(resolve, 60));
    expect(region.listTokens()).toHaveLength(1);

    await until(() => model!.retrying.size === 0 && model!.jobs.length === 2, 3000);
    expect(waits).toEqual([100, 200, 400]);
    expect(model.errors.size).toBe(0);
    expect(statusOf(model, 'job-0000')).toBe('InProgress');
  });

  it('takes a throttled describe as throttling too, keeping what it knew', async () => {
    const region = FakeRegion.withJobs(2, 1);
    region.install();
    model = modelOver();
    await model.refresh();
    region.fault = operation => {
      if (operation === 'DescribeTrainingJob') {
        throw throttlingError();
      }
    };
    await model.refresh();
    expect(model.retrying.has('sagemaker')).toBe(true);
    expect(model.jobs).toHaveLength(2);
    region.fault = null;
    await model.refresh();
    expect(model.retrying.size).toBe(0);
  });
});

describe('the poll budget: AWS calls per cycle', () => {
  /** Cycles until the history is read and every job's tags are known. */
  async function warmUp(region: FakeRegion, jobs: number): Promise<void> {
    for (let cycle = 0; cycle < 2 * Math.ceil(jobs / 100) + Math.ceil(jobs / 20) + 2; cycle++) {
      await model!.refresh();
    }
    expect(model!.jobs).toHaveLength(jobs);
    region.resetCalls();
  }

  it.each([
    [10, 0],
    [10, 3],
    [100, 0],
    [100, 5],
    [1000, 0],
    [1000, 10]
  ])('%i jobs, %i running: 1 list page + k describes while open', async (jobs, running) => {
    const region = FakeRegion.withJobs(jobs, running);
    region.install();
    model = modelOver();
    await warmUp(region, jobs);

    for (let cycle = 0; cycle < 3; cycle++) {
      region.resetCalls();
      await model.refresh();
      expect(region.calls()).toEqual({
        ListTrainingJobs: 1,
        ...(running > 0 && { DescribeTrainingJob: running })
      });
    }
  });

  it('describes finished jobs on screen once, at most 10 a cycle', async () => {
    const region = FakeRegion.withJobs(100, 2);
    region.install();
    model = modelOver();
    await warmUp(region, 100);
    model.setOnScreen(model.jobs.slice(0, 15).map(job => job.name));
    const describes: number[] = [];
    for (let cycle = 0; cycle < 3; cycle++) {
      region.resetCalls();
      await model.refresh();
      describes.push(region.calls().DescribeTrainingJob ?? 0);
    }
    // 2 running each cycle, plus 10 then 3 of the 13 finished ones.
    expect(describes).toEqual([12, 5, 2]);
    expect(model.jobs[5].framework).toBe('pytorch');
  });

  it.each([10, 100, 1000])('%i jobs: no call while the sidebar is hidden', async jobs => {
    const region = FakeRegion.withJobs(jobs, 3);
    region.install();
    model = modelOver({
      autoStart: true,
      standby: 'never',
      frequency: { active: 10, activeMax: 10, idle: 10, idleMax: 10 }
    });
    await until(() => model!.jobs.length > 0);
    model.setWatched(false);
    await new Promise(resolve => setTimeout(resolve, 30)); // a cycle under way ends
    region.resetCalls();
    await new Promise(resolve => setTimeout(resolve, 150));
    expect(region.totalCalls()).toBe(0);

    model.setWatched(true);
    await until(() => region.listTokens().length > 0, 500);
  });
});
