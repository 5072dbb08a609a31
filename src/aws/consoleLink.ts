/**
 * The AWS console page of a training job, from its ARN
 * (`arn:<partition>:sagemaker:<region>:<account>:training-job/<name>`):
 * the console's host depends on the partition, and its page on the region.
 */
export function trainingJobConsoleUrl(arn: string): string | null {
  return jobConsoleUrl(arn, 'training-job', 'jobs');
}

/** The AWS console page of a batch transform job, from its ARN (`…:transform-job/<name>`). */
export function transformJobConsoleUrl(arn: string): string | null {
  return jobConsoleUrl(arn, 'transform-job', 'transform-jobs');
}

/**
 * The S3 console's view of an `s3://bucket/prefix` location, in the
 * partition and region of a SageMaker ARN (the job that wrote there).
 */
export function s3ConsoleUrl(uri: string, arn: string): string | null {
  const location = /^s3:\/\/([^/]+)\/?(.*)$/.exec(uri);
  const owner = ARN.exec(arn);
  const host = owner && CONSOLE_HOSTS[owner[1]];
  if (!location || !owner || !host) {
    return null;
  }
  const [, bucket, key] = location;
  const prefix = key && !key.endsWith('/') ? `${key}/` : key;
  const query = new URLSearchParams({ region: owner[2], prefix });
  return `https://${host(owner[2])}/s3/buckets/${encodeURIComponent(bucket)}?${query}`;
}

/** arn:<partition>:sagemaker:<region>:<account>:<kind>/<name> */
const ARN = /^arn:(aws[\w-]*):sagemaker:([a-z0-9-]+):\d+:([a-z-]+)\/(.+)$/;

function jobConsoleUrl(arn: string, kind: string, page: string): string | null {
  const match = ARN.exec(arn);
  if (!match || match[3] !== kind) {
    return null;
  }
  const [, partition, region, , name] = match;
  const host = CONSOLE_HOSTS[partition];
  if (!host) {
    return null;
  }
  return `https://${host(region)}/sagemaker/home?region=${region}#/${page}/${encodeURIComponent(name)}`;
}

const CONSOLE_HOSTS: Record<string, (region: string) => string> = {
  aws: region => `${region}.console.aws.amazon.com`,
  'aws-cn': region => `${region}.console.amazonaws.cn`,
  'aws-us-gov': () => 'console.amazonaws-us-gov.com'
};
