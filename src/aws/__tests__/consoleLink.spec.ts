import { trainingJobConsoleUrl } from '../consoleLink';

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
