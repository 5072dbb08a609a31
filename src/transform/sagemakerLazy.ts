import { LazySdk } from '../aws/lazySdk';
import type { SageMakerTransforms } from '../backends/sagemakerTransforms';
import type {
  IAwsSession,
  ILogPage,
  ILogStream,
  ITrainingJob,
  ITransformJob,
  ITransformRequest,
  ITransformsBackend
} from '../tokens';

export const NO_ROLE_OR_BUCKET =
  'A batch transform needs an execution role and a bucket: set them in Settings → SageMaker NLP training.';

/**
 * SageMaker's batch transforms with no AWS SDK until they can be listed:
 * `[]` while the server has no working AWS configuration, then the SDK part
 * (a separate chunk) with the session's clients, role and bucket. A new
 * configuration starts it afresh.
 */
export class LazySageMakerTransforms implements ITransformsBackend {
  readonly target = 'sagemaker' as const;

  constructor(private _session: IAwsSession) {
    this._sdk = new LazySdk({
      session: _session,
      make: async () => {
        const [{ config, clients, region }, { SageMakerTransforms }] = await Promise.all([
          this._sdk.aws(),
          import(/* webpackChunkName: "sagemaker-backend" */ '../backends/sagemakerTransforms')
        ]);
        return new SageMakerTransforms({
          sagemaker: clients.sagemaker,
          logs: clients.logs,
          region,
          roleArn: config.roleArn,
          bucket: config.bucket
        });
      }
    });
  }

  async list(): Promise<ITransformJob[]> {
    const transforms = await this._sdk.loadIfListable();
    return transforms ? transforms.list() : [];
  }

  /** Refused before the SDK loads when the session has no role or bucket. */
  async start(job: ITrainingJob, request: ITransformRequest): Promise<ITransformJob> {
    // The dialog just read it; changes made through the session are in it.
    const config = await this._session.config();
    if (!config.roleArn || !config.bucket) {
      throw new Error(NO_ROLE_OR_BUCKET);
    }
    return (await this._sdk.load()).start(job, request);
  }

  async describe(name: string): Promise<ITransformJob> {
    return (await this._sdk.load()).describe(name);
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

  private _sdk: LazySdk<SageMakerTransforms>;
}
