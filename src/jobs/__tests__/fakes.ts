import {
  ITrainingJob,
  ITrainingBackend,
  ITrainingJobSpec,
  ILogPage,
  ILogStream,
  IMetricSeries,
  Target
} from '../../tokens';

/** A job with sensible defaults, for tests. */
export function makeJob(overrides: Partial<ITrainingJob> & { name: string }): ITrainingJob {
  return {
    target: 'local',
    status: 'Completed',
    creationTime: new Date('2026-11-27T10:00:00Z'),
    transitions: [],
    finalMetrics: [],
    hyperparameters: {},
    metricDefinitions: [],
    ...overrides
  };
}

/** Deep copy, so each listing hands out fresh objects as a real one does. */
function copy(job: ITrainingJob): ITrainingJob {
  return {
    ...job,
    creationTime: new Date(job.creationTime),
    transitions: job.transitions.map(t => ({ ...t })),
    finalMetrics: job.finalMetrics.map(m => ({ ...m })),
    hyperparameters: { ...job.hyperparameters }
  };
}

/** An in-memory backend. */
export class FakeBackend implements ITrainingBackend {
  constructor(
    readonly target: Target,
    public jobs: ITrainingJob[] = []
  ) {}

  listCalls = 0;
  minListInterval?: number;
  failure: Error | null = null;
  stopped: string[] = [];
  logStreamsRead: string[] = [];
  metricsSince: (Date | undefined)[] = [];
  logPages: ILogPage[] = [];
  logCalls: (string | undefined)[] = [];

  async submit(spec: ITrainingJobSpec): Promise<ITrainingJob> {
    const job = makeJob({
      name: spec.jobName,
      target: this.target,
      status: 'InProgress',
      secondaryStatus: 'Starting',
      creationTime: new Date(),
      cellId: spec.cellId,
      notebookPath: spec.notebookPath
    });
    return job;
  }

  async list(): Promise<ITrainingJob[]> {
    this.listCalls++;
    if (this.failure) {
      throw this.failure;
    }
    return this.jobs.map(copy);
  }

  async stop(name: string): Promise<void> {
    this.stopped.push(name);
    // As SageMaker does: the job says Stopping at once.
    this.jobs = this.jobs.map(job =>
      job.name === name && job.status === 'InProgress'
        ? { ...job, status: 'Stopping' }
        : job
    );
  }

  async logStreams(name: string): Promise<ILogStream[]> {
    return [{ name: `${name}/algo-1-1`, host: 'algo-1' }];
  }

  async logs(name: string, stream: string, nextToken?: string): Promise<ILogPage> {
    this.logCalls.push(nextToken);
    this.logStreamsRead.push(stream);
    return this.logPages.shift() ?? { events: [], nextToken: nextToken ?? '' };
  }

  async metrics(name: string, since?: Date): Promise<IMetricSeries[]> {
    this.metricsSince.push(since);
    return [{ name: 'loss', host: 'algo-1', timestamps: [new Date(0)], values: [0.5] }];
  }
}

export function makeSpec(overrides: Partial<ITrainingJobSpec> = {}): ITrainingJobSpec {
  return {
    jobName: 'new-job',
    target: 'local',
    framework: 'sklearn',
    frameworkVersion: '1.2-1',
    pyVersion: 'py3',
    entryPoint: 'train.py',
    sourceFiles: [{ path: 'train.py', content: 'print(1)' }],
    hyperparameters: { epochs: 3 },
    channels: {},
    metricDefinitions: [],
    instanceType: 'local',
    instanceCount: 1,
    notebookPath: 'a.ipynb',
    cellId: 'cell-new',
    kernelName: 'python3',
    ...overrides
  };
}
