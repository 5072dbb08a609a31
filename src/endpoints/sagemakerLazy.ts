import { canList } from '../backends/sagemakerLazy';
import type { SageMakerEndpoints } from '../backends/sagemakerEndpoints';
import type { ApplicationAutoScalingClient } from '@aws-sdk/client-application-auto-scaling';
import type {
  IAwsClients,
  IAwsSession,
  IDeployChoices,
  IEndpoint,
  IInvocation,
  IMetricSeries,
  ITrainingJob
} from '../tokens';
import type { IScalingActions } from '../ui/endpoints/Autoscaling';
import type { IEndpointSize } from './update';
import type { EndpointsModel } from './model';

/**
 * SageMaker's endpoints with no AWS SDK until they can be listed: `[]`
 * while the server has no working AWS configuration, then the SDK part
 * (a separate chunk) with the session's clients. A new configuration
 * starts it afresh.
 */
export class LazySageMakerEndpoints implements EndpointsModel.IBackend {
  readonly target = 'sagemaker' as const;

  constructor(private _session: IAwsSession) {
    _session.configChanged.connect(() => {
      this._loading = null;
    });
  }

  async list(): Promise<IEndpoint[]> {
    if (!this._loading) {
      let config;
      try {
        config = await this._session.config();
      } catch (error) {
        console.error('sagemaker-nlp: reading the AWS configuration failed', error);
        return [];
      }
      if (!canList(config)) {
        return [];
      }
    }
    return (await this._load()).list();
  }

  async delete(name: string): Promise<void> {
    return (await this._load()).delete(name);
  }

  /** CreateModel, CreateEndpointConfig, CreateEndpoint (`deployJob`), as the session's role, into its bucket. */
  async deploy(job: ITrainingJob, choices: IDeployChoices): Promise<IEndpoint> {
    const [config, { clients, region }, { deployJob }] = await Promise.all([
      this._session.config(),
      this._aws(),
      import(/* webpackChunkName: "sagemaker-backend" */ '../backends/sagemakerDeploy')
    ]);
    if (!config.roleArn || !config.bucket) {
      throw new Error(
        'Deploying needs an execution role and a bucket: set them in Settings → SageMaker NLP training.'
      );
    }
    return deployJob(
      {
        sagemaker: clients.sagemaker,
        s3: clients.s3,
        region,
        roleArn: config.roleArn,
        bucket: config.bucket,
        account: config.account
      },
      job,
      choices
    );
  }

  async invoke(name: string, body: string, contentType: string): Promise<IInvocation> {
    const [{ clients }, { invokeSageMakerEndpoint }] = await Promise.all([
      this._aws(),
      import(/* webpackChunkName: "sagemaker-backend" */ './invoke')
    ]);
    return invokeSageMakerEndpoint(clients.runtime, name, { body, contentType });
  }

  async metrics(endpoint: IEndpoint, since?: Date): Promise<IMetricSeries[]> {
    const [{ clients, region }, { readEndpointMetrics }] = await Promise.all([
      this._aws(),
      import(/* webpackChunkName: "sagemaker-backend" */ './endpointMetrics')
    ]);
    return readEndpointMetrics({ cloudwatch: clients.cloudwatch, region }, endpoint, since);
  }

  async resize(name: string, size: IEndpointSize): Promise<void> {
    const [{ clients }, { resizeEndpoint }] = await Promise.all([
      this._aws(),
      import(/* webpackChunkName: "sagemaker-backend" */ './update')
    ]);
    await resizeEndpoint(clients.sagemaker, name, size);
  }

  /** Application Auto Scaling of a variant, through the session's client. */
  readonly scaling: IScalingActions = {
    read: async (endpoint, variant) => {
      const [client, scaling] = await this._scaler();
      return scaling.readScaling(client, endpoint, variant);
    },
    set: async (endpoint, variant, wanted) => {
      const [client, scaling] = await this._scaler();
      await scaling.setScaling(client, endpoint, variant, wanted);
    },
    remove: async (endpoint, variant) => {
      const [client, scaling] = await this._scaler();
      await scaling.removeScaling(client, endpoint, variant);
    }
  };

  private async _scaler(): Promise<[ApplicationAutoScalingClient, typeof import('./autoscaling')]> {
    const [{ clients }, scaling] = await Promise.all([
      this._aws(),
      import(/* webpackChunkName: "sagemaker-backend" */ './autoscaling')
    ]);
    return [clients.autoscaling, scaling];
  }

  /** The session's clients and region, once the configuration has one. */
  private async _aws(): Promise<{ clients: IAwsClients; region: string }> {
    const [config, clients] = await Promise.all([this._session.config(), this._session.clients()]);
    if (!config.region) {
      throw new Error('No AWS region: set one in Settings → SageMaker NLP training.');
    }
    return { clients, region: config.region };
  }

  private _load(): Promise<SageMakerEndpoints> {
    if (!this._loading) {
      const loading = this._make();
      loading.catch(() => {
        if (this._loading === loading) {
          this._loading = null;
        }
      });
      this._loading = loading;
    }
    return this._loading;
  }

  private async _make(): Promise<SageMakerEndpoints> {
    const [config, clients, { SageMakerEndpoints }] = await Promise.all([
      this._session.config(),
      this._session.clients(),
      import(/* webpackChunkName: "sagemaker-backend" */ '../backends/sagemakerEndpoints')
    ]);
    if (!config.region) {
      throw new Error('No AWS region: set one in Settings → SageMaker NLP training.');
    }
    return new SageMakerEndpoints({ sagemaker: clients.sagemaker, region: config.region });
  }

  private _loading: Promise<SageMakerEndpoints> | null = null;
}
