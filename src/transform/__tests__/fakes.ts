import { ILogPage, ILogStream, ITrainingJob, ITransformJob, ITransformRequest, ITransformsBackend, TransformStatus } from '../../tokens';

/** Transforms of one backend in memory, recording what was asked of it. */
export class FakeTransforms implements ITransformsBackend {
  constructor(
    readonly target: 'local' | 'sagemaker',
    public transforms: ITransformJob[]
  ) {}
  lists = 0;
  started: [string, ITransformRequest][] = [];
  stopped: string[] = [];
  logged: string[] = [];

  async list(): Promise<ITransformJob[]> {
    this.lists++;
    return this.transforms.map(t => ({ ...t }));
  }
  async start(job: ITrainingJob, request: ITransformRequest): Promise<ITransformJob> {
    this.started.push([job.name, request]);
    const made = transform(`${job.name}-transform`, 30, 'InProgress', this.target);
    this.transforms = [made, ...this.transforms];
    return made;
  }
  async describe(name: string): Promise<ITransformJob> {
    return this.transforms.find(t => t.name === name)!;
  }
  async stop(name: string): Promise<void> {
    this.stopped.push(name);
    this.set(name, 'Stopping');
  }
  async logStreams(name: string): Promise<ILogStream[]> {
    this.logged.push(name);
    return [{ name: 'local', host: 'local' }];
  }
  async logs(name: string, stream: string): Promise<ILogPage> {
    return { events: [{ timestamp: 1, message: `${name} ${stream}` }], nextToken: 'f/1' };
  }
  set(name: string, status: TransformStatus): void {
    this.transforms = this.transforms.map(t => (t.name === name ? { ...t, status } : t));
  }
}

export function transform(
  name: string,
  minute: number,
  status: TransformStatus = 'Completed',
  target: 'local' | 'sagemaker' = 'sagemaker'
): ITransformJob {
  return { name, target, status, creationTime: new Date(Date.UTC(2026, 11, 1, 12, minute)) };
}

