import { ECR_DOMAINS } from './data/ecrDomains';
import { ImageUriError, own } from './imageUriError';

const SUFFIX_BY_REGION = new Map<string, string>();
for (const [suffix, regions] of Object.entries(ECR_DOMAINS.regionsByDnsSuffix)) {
  for (const region of regions) {
    SUFFIX_BY_REGION.set(region, suffix);
  }
}

/**
 * The ECR hostname of a region as the SDK finds it (botocore's endpoint
 * resolver): "ecr.cn-north-1.amazonaws.com.cn", "ecr.us-iso-east-1.c2s.ic.gov"…
 */
export function ecrHostname(region: string): string {
  const override = own(ECR_DOMAINS.hostnameOverrides, region);
  if (override) {
    return override;
  }
  const suffix = SUFFIX_BY_REGION.get(region);
  if (!suffix) {
    throw new ImageUriError(`No ECR endpoint is known for region ${region}`);
  }
  return `ecr.${region}.${suffix}`;
}
