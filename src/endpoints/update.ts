import {
  CreateEndpointConfigCommand,
  DeleteEndpointConfigCommand,
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  SageMakerClient,
  UpdateEndpointCommand
} from '@aws-sdk/client-sagemaker';

/** A real-time endpoint's new size. */
export interface IEndpointSize {
  instanceType: string;
  instanceCount: number;
}

/** `<endpoint>-<time>`, cut so it stays within SageMaker's 63 characters. */
export function nextConfigName(endpointName: string, now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return `${endpointName.slice(0, 63 - stamp.length - 1).replace(/-+$/, '')}-${stamp}`;
}

/**
 * Changes the instance type or count of a real-time endpoint without
 * downtime, as SageMaker does it: a new endpoint config with the same models
 * and the new size, then UpdateEndpoint (traffic moves once the new
 * instances are in service). If the update is refused, the new config is
 * deleted again. Answers the new config's name.
 */
export async function resizeEndpoint(
  sagemaker: SageMakerClient,
  endpointName: string,
  size: IEndpointSize
): Promise<string> {
  const endpoint = await sagemaker.send(new DescribeEndpointCommand({ EndpointName: endpointName }));
  if (endpoint.EndpointStatus !== 'InService') {
    throw new Error(
      `Endpoint ${endpointName} is ${endpoint.EndpointStatus}: it can be updated once InService.`
    );
  }
  const config = await sagemaker.send(
    new DescribeEndpointConfigCommand({ EndpointConfigName: endpoint.EndpointConfigName })
  );
  const variants = config.ProductionVariants ?? [];
  if (variants.some(variant => variant.ServerlessConfig)) {
    throw new Error(
      `Endpoint ${endpointName} is serverless: it has no instances to change; deploy again to change its memory or concurrency.`
    );
  }
  const name = nextConfigName(endpointName);
  await sagemaker.send(
    new CreateEndpointConfigCommand({
      EndpointConfigName: name,
      ProductionVariants: variants.map(variant => ({
        ...variant,
        InstanceType: size.instanceType as never,
        InitialInstanceCount: size.instanceCount
      })),
      ...(config.KmsKeyId && { KmsKeyId: config.KmsKeyId })
    })
  );
  try {
    await sagemaker.send(
      new UpdateEndpointCommand({ EndpointName: endpointName, EndpointConfigName: name })
    );
  } catch (error) {
    await sagemaker
      .send(new DeleteEndpointConfigCommand({ EndpointConfigName: name }))
      .catch(cleanup => console.error(`sagemaker-nlp: could not delete ${name}`, cleanup));
    throw error;
  }
  return name;
}
