import {
  IAwsConfig,
  IAwsSession,
  ITrainingJob,
  ITrainingBackend,
  ITrainingJobSpec,
  ISubmitOptions,
  ILogPage,
  ILogStream,
  IMetricSeries
} from '../tokens';
import { canList, LazySdk } from '../aws/lazySdk';
import type { IListRequest } from '../jobs/listing';
import type { SageMakerBackend } from './sagemaker';
import type { IJobSourceFile } from './jobSourceFiles';

/**
 * The SageMaker backend as JupyterLab starts with it: no AWS SDK until it
 * is needed. `list()` answers `[]` while the server has no working AWS
 * configuration, so a local-only user never loads the SDK; anything else
 * loads `./sagemaker` (a separate chunk) on first use, with the session's
 * clients. A change of the session's configuration starts it afresh.
 */
export class LazySageMakerBackend implements ITrainingBackend {
  readonly target = 'sagemaker' as const;
  /** SageMaker's states change in tens of seconds; its API is rate-limited. */
  readonly minListInterval = 5000;

  constructor(options: LazySageMakerBackend.IOptions) {
    this._session = options.session;
    this._sdk = new LazySdk({
      session: options.session,
      make: async () => {
        const [{ config, clients }, { SageMakerBackend }] = await Promise.all([
          this._sdk.aws(),
          import(/* webpackChunkName: "sagemaker-backend" */ './sagemaker')
        ]);
        return new SageMakerBackend({ config, clients, tagStorage: pageStorage() });
      },
      forget: backend => backend.dispose()
    });
  }

  /** Whether the AWS SDK part has been loaded. */
  get isLoaded(): boolean {
    return this._sdk.loaded !== null;
  }

  async list(request?: IListRequest): Promise<ITrainingJob[]> {
    const backend = await this._sdk.loadIfListable();
    return backend ? backend.list(request) : [];
  }

  async submit(spec: ITrainingJobSpec, options?: ISubmitOptions): Promise<ITrainingJob> {
    // The dialog just read it; changes made through the session are in it.
    const config = await this._session.config();
    const missing = submitProblems(config, spec);
    if (missing.length > 0) {
      throw new Error(missing.join('\n'));
    }
    return (await this._sdk.load()).submit(spec, options);
  }

  async stop(name: string): Promise<void> {
    return (await this._sdk.load()).stop(name);
  }

  async logStreams(name: string): Promise<ILogStream[]> {
    return (await this._sdk.load()).logStreams(name);
  }

  async logs(name: string, stream: string, nextToken?: string): Promise<ILogPage> {
    return (await this._sdk.load()).logs(name, stream, nextToken);
  }

  async metrics(name: string, since?: Date): Promise<IMetricSeries[]> {
    return (await this._sdk.load()).metrics(name, since);
  }
  async systemMetrics(name: string, since?: Date): Promise<IMetricSeries[]> {
    return (await this._sdk.load()).systemMetrics(name, since);
  }

  async sourceFiles(name: string): Promise<IJobSourceFile[]> {
    return (await this._sdk.load()).sourceFiles(name);
  }

  /** Forget the loaded backend (its cached descriptions); the next call loads anew. */
  reset(): void {
    this._sdk.reset();
  }

  private _sdk: LazySdk<SageMakerBackend>;
  private _session: IAwsSession;
}

export namespace LazySageMakerBackend {
  export interface IOptions {
    /** The configuration and the clients. */
    session: IAwsSession;
  }
}

export { canList };

/** Why a job cannot be submitted now, each naming its fix. */
export function submitProblems(config: IAwsConfig, spec: ITrainingJobSpec): string[] {
  const problems = config.problems ?? [];
  if (!canList(config)) {
    return problems.length > 0 ? problems : [NO_REGION];
  }
  const found: string[] = [];
  const bucketIssue = config.bucketStatus !== 'ok' && config.bucketStatus !== 'unknown';
  if (!spec.sagemaker?.bucket && bucketIssue) {
    const bucket = config.bucket ?? '';
    const about = problems.filter(problem => !!bucket && problem.includes(bucket));
    found.push(
      ...(about.length > 0
        ? about
        : [`The bucket ${bucket} cannot be used (${config.bucketStatus}): create the default bucket or choose another in ${SETTINGS}.`])
    );
  }
  if (!spec.sagemaker?.roleArn && !config.roleArn) {
    const about = problems.filter(problem => /role/i.test(problem));
    found.push(
      ...(about.length > 0
        ? about
        : [`No SageMaker execution role: set roleArn in ${SETTINGS}.`])
    );
  }
  return found;
}

const SETTINGS = 'Settings → SageMaker NLP training';
const NO_REGION = `No AWS region: set one in ${SETTINGS}.`;

/** The page's localStorage, when the browser lets us use it. */
function pageStorage(): Storage | null {
  try {
    return typeof window !== 'undefined' ? window.localStorage : null;
  } catch {
    return null; // storage disabled
  }
}
