import {
  ApplicationAutoScalingClient,
  DeleteScalingPolicyCommand,
  DeregisterScalableTargetCommand,
  DescribeScalableTargetsCommand,
  DescribeScalingPoliciesCommand,
  PutScalingPolicyCommand,
  RegisterScalableTargetCommand
} from '@aws-sdk/client-application-auto-scaling';
import { IEndpointVariant } from '../tokens';

/** How a variant's instance count follows its traffic. */
export interface IScaling {
  minInstances: number;
  maxInstances: number;
  /** Target of SageMakerVariantInvocationsPerInstance (invocations per instance per minute). */
  invocationsPerInstance: number;
}

const NAMESPACE = 'sagemaker' as const;
const DIMENSION = 'sagemaker:variant:DesiredInstanceCount' as const;
const METRIC = 'SageMakerVariantInvocationsPerInstance' as const;

/** Application Auto Scaling's id of an endpoint variant. */
export function scalingResourceId(endpointName: string, variantName: string): string {
  return `endpoint/${endpointName}/variant/${variantName}`;
}

/** The policy we put on a variant (one per variant, replaced on change). */
export function scalingPolicyName(endpointName: string, variantName: string): string {
  return `${endpointName}-${variantName}-invocations`;
}

/** Why a variant cannot be autoscaled, naming what to do; null when it can. */
export function whyNoScaling(variant: IEndpointVariant): string | null {
  if (variant.serverless) {
    return 'A serverless endpoint scales by itself up to its max concurrency: autoscaling does not apply.';
  }
  if (/^ml\.t2\./.test(variant.instanceType ?? '')) {
    return `Burstable instances (${variant.instanceType}) cannot be autoscaled; AWS refuses them. Update the endpoint to another type (e.g. ml.m5.large) first.`;
  }
  return null;
}

/** What is wrong with these numbers, each naming the fix. */
export function checkScaling(scaling: IScaling): string[] {
  const problems: string[] = [];
  const { minInstances: min, maxInstances: max, invocationsPerInstance: target } = scaling;
  if (!Number.isInteger(min) || min < 1) {
    problems.push('Minimum instances: at least 1 (a real-time endpoint keeps one instance).');
  }
  if (!Number.isInteger(max) || max < min) {
    problems.push('Maximum instances: a whole number, at least the minimum.');
  }
  if (!(target > 0)) {
    problems.push('Invocations per instance: a number above 0 (per instance and minute).');
  }
  return problems;
}

/** The variant's scaling as set in AWS, or null when it has none. */
export async function readScaling(
  client: ApplicationAutoScalingClient,
  endpointName: string,
  variantName: string
): Promise<IScaling | null> {
  const resourceId = scalingResourceId(endpointName, variantName);
  const targets = await client.send(
    new DescribeScalableTargetsCommand({
      ServiceNamespace: NAMESPACE,
      ResourceIds: [resourceId],
      ScalableDimension: DIMENSION
    })
  );
  const target = targets.ScalableTargets?.[0];
  if (!target) {
    return null;
  }
  const policies = await client.send(
    new DescribeScalingPoliciesCommand({
      ServiceNamespace: NAMESPACE,
      ResourceId: resourceId,
      ScalableDimension: DIMENSION
    })
  );
  const tracking = policies.ScalingPolicies?.find(
    policy =>
      policy.TargetTrackingScalingPolicyConfiguration?.PredefinedMetricSpecification
        ?.PredefinedMetricType === METRIC
  );
  return {
    minInstances: target.MinCapacity ?? 1,
    maxInstances: target.MaxCapacity ?? 1,
    invocationsPerInstance: tracking?.TargetTrackingScalingPolicyConfiguration?.TargetValue ?? 0
  };
}

/**
 * Registers the variant as a scalable target and puts a target-tracking
 * policy on its invocations per instance, as the SageMaker console does.
 */
export async function setScaling(
  client: ApplicationAutoScalingClient,
  endpointName: string,
  variant: IEndpointVariant,
  scaling: IScaling
): Promise<void> {
  const why = whyNoScaling(variant) ?? checkScaling(scaling)[0];
  if (why) {
    throw new Error(why);
  }
  const resourceId = scalingResourceId(endpointName, variant.name);
  await client.send(
    new RegisterScalableTargetCommand({
      ServiceNamespace: NAMESPACE,
      ResourceId: resourceId,
      ScalableDimension: DIMENSION,
      MinCapacity: scaling.minInstances,
      MaxCapacity: scaling.maxInstances
    })
  );
  await client.send(
    new PutScalingPolicyCommand({
      PolicyName: scalingPolicyName(endpointName, variant.name),
      ServiceNamespace: NAMESPACE,
      ResourceId: resourceId,
      ScalableDimension: DIMENSION,
      PolicyType: 'TargetTrackingScaling',
      TargetTrackingScalingPolicyConfiguration: {
        TargetValue: scaling.invocationsPerInstance,
        PredefinedMetricSpecification: { PredefinedMetricType: METRIC },
        ScaleInCooldown: 300,
        ScaleOutCooldown: 60
      }
    })
  );
}

/** Takes the variant's scaling off: its policy, then the target. */
export async function removeScaling(
  client: ApplicationAutoScalingClient,
  endpointName: string,
  variantName: string
): Promise<void> {
  const resourceId = scalingResourceId(endpointName, variantName);
  await client
    .send(
      new DeleteScalingPolicyCommand({
        PolicyName: scalingPolicyName(endpointName, variantName),
        ServiceNamespace: NAMESPACE,
        ResourceId: resourceId,
        ScalableDimension: DIMENSION
      })
    )
    .catch(error => {
      if ((error as { name?: string }).name !== 'ObjectNotFoundException') {
        throw error;
      }
    });
  await client.send(
    new DeregisterScalableTargetCommand({
      ServiceNamespace: NAMESPACE,
      ResourceId: resourceId,
      ScalableDimension: DIMENSION
    })
  );
}
