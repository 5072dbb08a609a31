import { Token } from '@lumino/coreutils';
import { PolledList } from '../jobs/polledList';
import type { IPace } from '../jobs/pace';
import type {
  ILogPage,
  ILogStream,
  ITrainingJob,
  ITransformJob,
  ITransformRequest,
  ITransformsBackend
} from '../tokens';

/** Every batch transform of every backend; the jobs sidebar lists them under the training jobs. */
export const ITransformsModel = new Token<TransformsModel>(
  'jupyterlab-sagemaker-nlp:ITransformsModel',
  'Every batch transform job, SageMaker and local, kept fresh.'
);

export function isRunning(transform: ITransformJob): boolean {
  return transform.status === 'InProgress' || transform.status === 'Stopping';
}

/**
 * Batch transforms, polled as endpoints are (one list per backend per
 * cycle, fast while one runs); start, stop and their logs go to the
 * backend of their target.
 */
export class TransformsModel extends PolledList<ITransformJob, ITransformsBackend> {
  constructor(options: TransformsModel.IOptions) {
    super({
      backends: options.backends,
      frequency: { ...TransformsModel.DEFAULT_FREQUENCY, ...options.frequency },
      isChanging: isRunning,
      same: sameTransform,
      what: 'transforms',
      // A transform's end is announced (a notification) even when its section is hidden.
      pollHiddenWhileChanging: true,
      standby: options.standby,
      autoStart: options.autoStart
    });
  }

  get transforms(): ReadonlyArray<ITransformJob> {
    return this.items;
  }

  /** Start a transform with a completed job's model, where the job ran; it is selected. */
  async transform(job: ITrainingJob, request: ITransformRequest): Promise<ITransformJob> {
    const backend = this.backendFor(job.target);
    if (!backend) {
      throw new Error(`Batch transform of ${job.target} jobs is not available here.`);
    }
    const transform = await backend.start(job, request);
    this.added(transform);
    return transform;
  }

  async stop(name: string): Promise<void> {
    await this.backendOf(name).stop(name);
    this.hurry();
  }

  logStreams(name: string): Promise<ILogStream[]> {
    return this.backendOf(name).logStreams(name);
  }

  logs(name: string, stream: string, nextToken?: string): Promise<ILogPage> {
    return this.backendOf(name).logs(name, stream, nextToken);
  }
}

export namespace TransformsModel {
  /** A transform takes minutes on SageMaker, seconds locally. */
  export const DEFAULT_FREQUENCY: IPace = {
    active: 3000,
    activeMax: 15000,
    idle: 15000,
    idleMax: 60000,
    backoff: 1.5
  };

  export type IOptions = PolledList.IModelOptions<ITransformJob, ITransformsBackend>;
}

function sameTransform(a: ITransformJob, b: ITransformJob | undefined): boolean {
  return (
    !!b &&
    a.name === b.name &&
    a.target === b.target &&
    a.status === b.status &&
    a.failureReason === b.failureReason &&
    a.endTime?.getTime() === b.endTime?.getTime() &&
    a.jobName === b.jobName &&
    a.output === b.output
  );
}
