import { LazySdk } from '../aws/lazySdk';
import type { SageMakerEndpoints } from '../backends/sagemakerEndpoints';
import type { ApplicationAutoScalingClient } from '@aws-sdk/client-application-auto-scaling';
import type {
  IAwsSession,
  IDeployChoices,
  IEndpoint,
  IInvocation,
  IMetricSeries,
  ITrainingJob
} from '../tokens';
import type { IScalingActions } from '../ui/endpoints/Autoscaling';
import type { IHfTaskProposal } from './hfTask';
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

  constructor(session: IAwsSession) {
    this._sdk = new LazySdk({
      session,
      make: async () => {
        const [{ clients, region }, { SageMakerEndpoints }] = await Promise.all([
          this._sdk.aws(),
          import(/* webpackChunkName: "sagemaker-backend" */ '../backends/sagemakerEndpoints')
        ]);
        return new SageMakerEndpoints({ sagemaker: clients.sagemaker, region });
      }
    });
  }

  async list(): Promise<IEndpoint[]> {
    const endpoints = await this._sdk.loadIfListable();
    return endpoints ? endpoints.list() : [];
  }

  async delete(name: string): Promise<void> {
    return (await this._sdk.load()).delete(name);
  }

  /** CreateModel, CreateEndpointConfig, CreateEndpoint (`deployJob`), as the session's role, into its bucket. */
  async deploy(job: ITrainingJob, choices: IDeployChoices): Promise<IEndpoint> {
    const [{ config, clients, region }, { deployJob }] = await Promise.all([
      this._sdk.aws(),
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

  /** The task the config.json in the job's model.tar.gz names, read from S3 only as far as it. */
  async proposeHfTask(job: ITrainingJob): Promise<IHfTaskProposal | undefined> {
    const [{ clients }, { proposeHfTask }] = await Promise.all([
      this._sdk.aws(),
      import(/* webpackChunkName: "sagemaker-backend" */ '../backends/sagemakerModelConfig')
    ]);
    return proposeHfTask(clients.s3, job);
  }

  async invoke(name: string, body: string, contentType: string): Promise<IInvocation> {
    const [{ clients }, { invokeSageMakerEndpoint }] = await Promise.all([
      this._sdk.aws(),
      import(/* webpackChunkName: "sagemaker-backend" */ './invoke')
    ]);
    return invokeSageMakerEndpoint(clients.runtime, name, { body, contentType });
  }

  async metrics(endpoint: IEndpoint, since?: Date): Promise<IMetricSeries[]> {
    const [{ clients, region }, { readEndpointMetrics }] = await Promise.all([
      this._sdk.aws(),
      import(/* webpackChunkName: "sagemaker-backend" */ './endpointMetrics')
    ]);
    return readEndpointMetrics({ cloudwatch: clients.cloudwatch, region }, endpoint, since);
  }

  async resize(name: string, size: IEndpointSize): Promise<void> {
    const [{ clients }, { resizeEndpoint }] = await Promise.all([
      this._sdk.aws(),
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
      this._sdk.aws(),
      import(/* webpackChunkName: "sagemaker-backend" */ './autoscaling')
    ]);
    return [clients.autoscaling, scaling];
  }

  private _sdk: LazySdk<SageMakerEndpoints>;
}
