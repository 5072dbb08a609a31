import { URLExt } from '@jupyterlab/coreutils';
import { ServerConnection } from '@jupyterlab/services';
import {
  API_NAMESPACE,
  APIError,
  requestAPI,
  SERVER_EXTENSION_MISSING
} from '../api/request';
import type { IHfTaskProposal } from '../endpoints/hfTask';
import { invokeBodyProblem } from '../endpoints/invoke';
import {
  ENDPOINT_STATUSES,
  EndpointStatus,
  Framework,
  IDeployChoices,
  IEndpoint,
  IEndpointsBackend,
  IInvocation,
  ITag,
  ITrainingJob
} from '../tokens';
import { CELL_TAG, decodeTagValue, NOTEBOOK_TAG } from '../training/notebookTags';

/**
 * Endpoints served by the Jupyter server from a completed local job's model,
 * through the routes of `docs/local-api.md` ("Local endpoints").
 */
export class LocalEndpoints implements IEndpointsBackend {
  readonly target = 'local' as const;

  constructor(options: LocalEndpoints.IOptions = {}) {
    this._settings = options.serverSettings;
  }

  async list(): Promise<IEndpoint[]> {
    const answer = await this._request<LocalEndpointsAPI.IList>('endpoints');
    return (answer?.endpoints ?? []).map(endpointFromDescription);
  }

  async describe(name: string): Promise<IEndpoint> {
    return endpointFromDescription(
      await this._request<LocalEndpointsAPI.IDescription>(endpointPath(name))
    );
  }

  /**
   * Starts serving the job's model; the endpoint is Creating until the model
   * has loaded. Instance choices do not apply: the server is the one host.
   */
  async deploy(job: ITrainingJob, choices: IDeployChoices): Promise<IEndpoint> {
    if (job.target !== 'local') {
      throw new Error(
        `Job ${job.name} ran on SageMaker: deploy it to a SageMaker endpoint, not a local one.`
      );
    }
    const body: LocalEndpointsAPI.ICreate = { jobName: job.name };
    if (choices.endpointName) {
      body.endpointName = choices.endpointName;
    }
    if (choices.hfTask) {
      body.hfTask = choices.hfTask;
    }
    if (choices.inferenceScript) {
      body.inferenceScript = choices.inferenceScript.content;
    }
    const answer = await this._request<LocalEndpointsAPI.IDescription>('endpoints', {
      method: 'POST',
      body: JSON.stringify(body)
    });
    return endpointFromDescription(answer);
  }

  /** The model's answer as text; a body over 6 MB is refused before it is sent. */
  async invoke(name: string, body: string, contentType: string): Promise<IInvocation> {
    const problem = invokeBodyProblem(body);
    if (problem) {
      throw new Error(problem);
    }
    const settings = this._settings ?? ServerConnection.makeSettings();
    const url = URLExt.join(
      settings.baseUrl,
      API_NAMESPACE,
      'local',
      `${endpointPath(name)}/invocations`
    );
    const started = performance.now();
    let response: Response;
    try {
      response = await ServerConnection.makeRequest(
        url,
        {
          method: 'POST',
          body,
          headers: { 'Content-Type': contentType, Accept: 'application/json' }
        },
        settings
      );
    } catch (error) {
      throw new APIError(`Could not reach the Jupyter server (${String(error)}).`, 0);
    }
    const text = await response.text();
    const latencyMs = performance.now() - started;
    if (!response.ok) {
      throw new APIError(serverMessage(response.status, text), response.status, text);
    }
    return {
      body: text,
      contentType: response.headers.get('Content-Type') ?? 'application/octet-stream',
      latencyMs
    };
  }

  /** The Hugging Face task the job's model folder's config.json names (`…/jobs/<name>/hf-task`). */
  async proposeHfTask(job: ITrainingJob): Promise<IHfTaskProposal | undefined> {
    const answer = await this._request<Partial<IHfTaskProposal>>(
      `jobs/${encodeURIComponent(job.name)}/hf-task`
    );
    return answer?.task && answer.architecture
      ? { task: answer.task, architecture: answer.architecture }
      : undefined;
  }

  /** Stops the endpoint's process and forgets it (a local endpoint has no config or model). */
  async delete(name: string): Promise<void> {
    await this._request(endpointPath(name), { method: 'DELETE' });
  }

  private _request<T>(endPoint: string, init: RequestInit = {}): Promise<T> {
    return requestAPI<T>(`local/${endPoint}`, init, this._settings);
  }

  private _settings: ServerConnection.ISettings | undefined;
}

export namespace LocalEndpoints {
  export interface IOptions {
    /** Defaults to `ServerConnection.makeSettings()` at each call. */
    serverSettings?: ServerConnection.ISettings;
  }
}

/** The wire shapes of `docs/local-api.md`, "Local endpoints". */
export namespace LocalEndpointsAPI {
  export interface ICreate {
    jobName: string;
    endpointName?: string;
    hfTask?: string;
    /** The text of an inference script (model_fn, input_fn, predict_fn, output_fn). */
    inferenceScript?: string;
  }

  export interface IVariant {
    VariantName: string;
    InstanceType?: string;
    CurrentInstanceCount?: number;
  }

  /** DescribeEndpoint's shape, with what the local endpoint serves. */
  export interface IDescription {
    EndpointName: string;
    EndpointArn?: string;
    EndpointConfigName?: string;
    EndpointStatus: string;
    CreationTime: string;
    LastModifiedTime?: string;
    FailureReason?: string | null;
    ProductionVariants?: IVariant[];
    JobName?: string;
    Framework?: Framework | null;
    Tags?: ITag[];
    /** sklearn, huggingface or inference-script, once loaded. */
    ModelKind?: string;
    ModelDir?: string;
    InferenceScript?: string;
  }

  export interface IList {
    endpoints: IDescription[];
  }
}

export function endpointFromDescription(d: LocalEndpointsAPI.IDescription): IEndpoint {
  const tags = new Map((d.Tags ?? []).map(tag => [tag.Key, tag.Value]));
  const status = (ENDPOINT_STATUSES as ReadonlyArray<string>).includes(d.EndpointStatus)
    ? (d.EndpointStatus as EndpointStatus)
    : 'Failed';
  return {
    name: d.EndpointName,
    target: 'local',
    arn: d.EndpointArn,
    status,
    creationTime: new Date(d.CreationTime),
    lastModifiedTime: d.LastModifiedTime ? new Date(d.LastModifiedTime) : undefined,
    failureReason: d.FailureReason ?? undefined,
    configName: d.EndpointConfigName,
    variants: (d.ProductionVariants ?? []).map(variant => ({
      name: variant.VariantName,
      instanceType: variant.InstanceType,
      instanceCount: variant.CurrentInstanceCount
    })),
    jobName: d.JobName,
    notebookPath: optionalTag(tags.get(NOTEBOOK_TAG)),
    cellId: optionalTag(tags.get(CELL_TAG)),
    framework: d.Framework ?? undefined
  };
}

function endpointPath(name: string): string {
  return `endpoints/${encodeURIComponent(name)}`;
}

function optionalTag(value: string | undefined): string | undefined {
  return value ? decodeTagValue(value) : undefined;
}

/** The server's JSON `message`, or what to do when the answer is not ours. */
function serverMessage(status: number, body: string): string {
  try {
    const message = (JSON.parse(body) as { message?: unknown }).message;
    if (typeof message === 'string' && message) {
      return message;
    }
  } catch {
    // not JSON: not our handler
  }
  return `${SERVER_EXTENSION_MISSING} (HTTP ${status}).`;
}
