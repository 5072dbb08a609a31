/**
 * The AWS console page of a training job, from its ARN
 * (`arn:<partition>:sagemaker:<region>:<account>:training-job/<name>`):
 * the console's host depends on the partition, and its page on the region.
 */
export function trainingJobConsoleUrl(arn: string): string | null {
  const match = /^arn:(aws[\w-]*):sagemaker:([a-z0-9-]+):\d+:training-job\/(.+)$/.exec(arn);
  if (!match) {
    return null;
  }
  const [, partition, region, name] = match;
  const host = CONSOLE_HOSTS[partition];
  if (!host) {
    return null;
  }
  const page = `/sagemaker/home?region=${region}#/jobs/${encodeURIComponent(name)}`;
  return `https://${host(region)}${page}`;
}

const CONSOLE_HOSTS: Record<string, (region: string) => string> = {
  aws: region => `${region}.console.aws.amazon.com`,
  'aws-cn': region => `${region}.console.amazonaws.cn`,
  'aws-us-gov': () => 'console.amazonaws-us-gov.com'
};
