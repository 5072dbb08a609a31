import { s3ConsoleUrl, trainingJobConsoleUrl, transformJobConsoleUrl } from '../consoleLink';

describe('trainingJobConsoleUrl', () => {
  it.each([
    [
      'arn:aws:sagemaker:eu-west-1:123456789012:training-job/reviews-2026-12-01-10-00-00-000',
      'https://eu-west-1.console.aws.amazon.com/sagemaker/home?region=eu-west-1#/jobs/reviews-2026-12-01-10-00-00-000'
    ],
    [
      'arn:aws-cn:sagemaker:cn-north-1:123456789012:training-job/bert',
      'https://cn-north-1.console.amazonaws.cn/sagemaker/home?region=cn-north-1#/jobs/bert'
    ],
    [
      'arn:aws-us-gov:sagemaker:us-gov-west-1:123456789012:training-job/bert',
      'https://console.amazonaws-us-gov.com/sagemaker/home?region=us-gov-west-1#/jobs/bert'
    ]
  ])('links %s to its partition and region', (arn, url) => {
    expect(trainingJobConsoleUrl(arn)).toBe(url);
  });

  it.each(['', 'arn:aws:sagemaker:us-east-1:123456789012:endpoint/x', 'arn:aws-iso:sagemaker:us-iso-east-1:1:training-job/x'])(
    'gives no link for %j',
    arn => expect(trainingJobConsoleUrl(arn)).toBeNull()
  );
});

describe('transformJobConsoleUrl and s3ConsoleUrl', () => {
  const arn = 'arn:aws:sagemaker:eu-west-1:123456789012:transform-job/sagemaker-scikit-learn-2026-12-01';

  it('links a transform job to its page, and not a training job', () => {
    expect(transformJobConsoleUrl(arn)).toBe(
      'https://eu-west-1.console.aws.amazon.com/sagemaker/home?region=eu-west-1#/transform-jobs/sagemaker-scikit-learn-2026-12-01'
    );
    expect(transformJobConsoleUrl('arn:aws:sagemaker:eu-west-1:123456789012:training-job/x')).toBeNull();
    expect(trainingJobConsoleUrl(arn)).toBeNull();
  });

  it('links an S3 location to its folder in the region of the job that wrote it', () => {
    expect(s3ConsoleUrl('s3://my-bucket/scores/run-1', arn)).toBe(
      'https://eu-west-1.console.aws.amazon.com/s3/buckets/my-bucket?region=eu-west-1&prefix=scores%2Frun-1%2F'
    );
    expect(s3ConsoleUrl('s3://my-bucket', arn)).toBe(
      'https://eu-west-1.console.aws.amazon.com/s3/buckets/my-bucket?region=eu-west-1&prefix='
    );
    expect(s3ConsoleUrl('/home/me/out', arn)).toBeNull();
    expect(s3ConsoleUrl('s3://my-bucket/x', 'local:transform-job/x')).toBeNull();
  });
});
