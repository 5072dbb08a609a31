import { IPace } from '../jobs/pace';
import { PolledList } from '../jobs/polledList';
import type {
  IDeployChoices,
  IEndpoint,
  IEndpointsBackend,
  IInvocation,
  IMetricSeries,
  ITrainingJob
} from '../tokens';
import type { IScalingActions } from '../ui/endpoints/Autoscaling';
import type { IHfTaskProposal } from './hfTask';
import type { IEndpointSize } from './update';

/** States an endpoint leaves by itself: the model polls fast while one is in them. */
const CHANGING = new Set(['Creating', 'Updating', 'SystemUpdating', 'RollingBack', 'Deleting']);

export function isChanging(endpoint: IEndpoint): boolean {
  return CHANGING.has(endpoint.status);
}

/**
 * Every endpoint of every backend, refreshed by one `Poll` as the jobs
 * model is: one `list()` per backend per cycle, fast while an endpoint is
 * changing, slower while nothing changes, nothing while the sidebar is
 * hidden or the tab is in the background.
 */
export class EndpointsModel extends PolledList<IEndpoint, EndpointsModel.IBackend> {
  constructor(options: EndpointsModel.IOptions) {
    super({
      backends: options.backends,
      frequency: { ...EndpointsModel.DEFAULT_FREQUENCY, ...options.frequency },
      isChanging,
      same: sameEndpoint,
      what: 'endpoints',
      standby: options.standby,
      autoStart: options.autoStart
    });
  }

  /** Every endpoint, newest first. */
  get endpoints(): ReadonlyArray<IEndpoint> {
    return this.items;
  }

  get selectedEndpoint(): IEndpoint | undefined {
    return this.selectedItem;
  }

  /** Delete the endpoint with its config and model; poll fast to see it go. */
  async delete(name: string): Promise<void> {
    await this.backendOf(name).delete(name);
    if (this.selected === name) {
      this.select(null);
    }
    this.hurry();
  }

  /** Deploy a completed job's model where the job ran; the new endpoint is selected. */
  async deploy(job: ITrainingJob, choices: IDeployChoices): Promise<IEndpoint> {
    const backend = this.backendFor(job.target);
    if (!backend?.deploy) {
      throw new Error(`${job.target === 'local' ? 'Local' : 'SageMaker'} jobs cannot be deployed here.`);
    }
    const endpoint = await backend.deploy(job, choices);
    this.added(endpoint);
    return endpoint;
  }

  /** One request to the endpoint, through its backend. */
  invoke(name: string, body: string, contentType: string): Promise<IInvocation> {
    const backend = this.backendOf(name);
    if (!backend.invoke) {
      throw new Error(`Endpoint ${name} cannot be invoked from here.`);
    }
    return backend.invoke(name, body, contentType);
  }

  /** The endpoint's metrics (as a job's: `MetricsFollower` reads them); none where the backend has none. */
  async metrics(name: string, since?: Date): Promise<IMetricSeries[]> {
    const endpoint = this.endpoints.find(e => e.name === name);
    const backend = endpoint && this.backendFor(endpoint.target);
    return endpoint && backend?.metrics ? backend.metrics(endpoint, since) : [];
  }

  /** Autoscaling of the endpoint's variants, where its backend has it. */
  scalingOf(name: string): IScalingActions | undefined {
    const endpoint = this.endpoints.find(e => e.name === name);
    return endpoint && this.backendFor(endpoint.target)?.scaling;
  }

  /** New instance type or count for a real-time endpoint; polls fast to follow the update. */
  async resize(name: string, size: IEndpointSize): Promise<void> {
    const backend = this.backendOf(name);
    if (!backend.resize) {
      throw new Error(`Endpoint ${name} has no instances to change.`);
    }
    await backend.resize(name, size);
    this.hurry();
  }

  /** The task a Hugging Face job's model config.json names, read where the job ran. */
  async proposeHfTask(job: ITrainingJob): Promise<IHfTaskProposal | undefined> {
    return this.backendFor(job.target)?.proposeHfTask?.(job);
  }
}

export namespace EndpointsModel {
  /** A backend as the model calls it: listing and delete, and what else it can do. */
  export type IBackend = Pick<IEndpointsBackend, 'target' | 'list' | 'delete'> &
    Partial<Pick<IEndpointsBackend, 'deploy' | 'invoke'>> & {
      /** Invocation and instance metrics, one series per metric and variant. */
      metrics?(endpoint: IEndpoint, since?: Date): Promise<IMetricSeries[]>;
      /** Autoscaling of a variant (SageMaker only). */
      scaling?: IScalingActions;
      /** A real-time endpoint's new instance type or count, without downtime. */
      resize?(name: string, size: IEndpointSize): Promise<void>;
      /** The task the job's model config.json names, for the deploy dialog. */
      proposeHfTask?(job: ITrainingJob): Promise<IHfTaskProposal | undefined>;
    };

  /** Endpoints take minutes to create; SageMaker's API is rate-limited. */
  export const DEFAULT_FREQUENCY: IPace = {
    active: 5000,
    activeMax: 15000,
    idle: 15000,
    idleMax: 60000,
    backoff: 1.5
  };

  export type IOptions = PolledList.IModelOptions<IEndpoint, IBackend>;
}

/** The same as seen in a row and its detail. */
function sameEndpoint(a: IEndpoint, b: IEndpoint | undefined): boolean {
  return (
    !!b &&
    a.name === b.name &&
    a.target === b.target &&
    a.status === b.status &&
    a.failureReason === b.failureReason &&
    a.lastModifiedTime?.getTime() === b.lastModifiedTime?.getTime() &&
    a.jobName === b.jobName &&
    JSON.stringify(a.variants) === JSON.stringify(b.variants)
  );
}
