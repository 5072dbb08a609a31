import { TranslationBundle } from '@jupyterlab/translation';
import type { EndpointStatus, IEndpoint, IEndpointVariant } from '../../tokens';

/** The status in words, translated. */
export function endpointStatusLabel(status: EndpointStatus, trans: TranslationBundle): string {
  const labels: Record<EndpointStatus, string> = {
    OutOfService: trans.__('Out of service'),
    Creating: trans.__('Creating'),
    Updating: trans.__('Updating'),
    SystemUpdating: trans.__('System updating'),
    RollingBack: trans.__('Rolling back'),
    InService: trans.__('In service'),
    Deleting: trans.__('Deleting'),
    Failed: trans.__('Failed'),
    UpdateRollbackFailed: trans.__('Update rollback failed')
  };
  return labels[status] ?? status;
}

/** `ml.m5.large × 2`, or `serverless 2048 MB`. */
export function variantLabel(variant: IEndpointVariant, trans: TranslationBundle): string {
  if (variant.serverless) {
    return trans.__('serverless %1 MB', variant.serverless.memorySizeInMB);
  }
  if (!variant.instanceType) {
    return '';
  }
  return `${variant.instanceType} × ${variant.instanceCount ?? 1}`;
}

/** The row's capacity: the first variant's, with how many more there are. */
export function capacityLabel(endpoint: IEndpoint, trans: TranslationBundle): string {
  const [first, ...rest] = endpoint.variants;
  if (!first) {
    return '';
  }
  const label = variantLabel(first, trans);
  return rest.length > 0 ? trans.__('%1 (+%2 variants)', label, rest.length) : label;
}

/** The models the endpoint serves, each once. */
export function modelNames(endpoint: IEndpoint): string[] {
  return [...new Set(endpoint.variants.map(v => v.modelName ?? '').filter(Boolean))];
}
