import { planTrainingJob } from '../../training/plan';
import { baseJobName } from '../../training/sagemakerOptions';
import { diffChannel } from '../channelDiff';
import { fakeCatalog, spec } from './sagemakerFixtures';

const AWS = {
  region: 'eu-west-1',
  roleArn: 'arn:aws:iam::123456789012:role/SageMakerExecution',
  bucket: 'sagemaker-eu-west-1-123456789012'
};
const JOB = 'sentiment-2026-12-01-10-00-00-000';

describe('a local channel folder in the plan of a SageMaker job', () => {
  const plan = (channels: Record<string, string>) =>
    planTrainingJob(
      spec({ jobName: JOB, channels, instanceType: 'ml.m5.xlarge', sagemaker: undefined }),
      AWS,
      fakeCatalog()
    );

  it('is uploaded under the base job name, and the job reads it from there', () => {
    const { problems, sagemaker } = plan({
      train: 'examples/data/train/',
      test: 's3://my-data/nlp/test'
    });
    expect(problems).toEqual([]);
    expect(sagemaker!.channelUploads).toEqual([
      {
        channel: 'train',
        folder: 'examples/data/train',
        s3Uri: `s3://${AWS.bucket}/sentiment/input/train/`
      }
    ]);
    const uris = sagemaker!.request.InputDataConfig!.map(c => [
      c.ChannelName,
      c.DataSource.S3DataSource.S3Uri
    ]);
    expect(uris).toEqual([
      ['train', `s3://${AWS.bucket}/sentiment/input/train/`],
      ['test', 's3://my-data/nlp/test']
    ]);
  });

  it('refuses what is neither a folder under the Jupyter root nor an S3 URI', () => {
    const { problems, sagemaker } = plan({
      a: '/home/me/data',
      b: 'gs://bucket/x',
      c: '',
      d: 's3://Bad_Bucket/x'
    });
    expect(sagemaker).toBeNull();
    expect(problems).toEqual([
      'Channel "a": "/home/me/data" is not an S3 URI nor a folder under the Jupyter root: give s3://<bucket>/<prefix>, or the folder as the file browser shows it (e.g. data/a) to upload it.',
      'Channel "b": "gs://bucket/x" is not an S3 URI nor a folder under the Jupyter root: give s3://<bucket>/<prefix>, or the folder as the file browser shows it (e.g. data/b) to upload it.',
      'Channel "c" has no location: give a folder next to the notebook (e.g. data/c), an S3 URI (s3://<bucket>/<prefix>), or remove the channel.',
      'Channel "d": "s3://Bad_Bucket/x" is not an S3 URI. Upload the data to S3 and give s3://<bucket>/<prefix>.'
    ]);
  });

  it('takes the base name as the SDK does', () => {
    expect(baseJobName(JOB)).toBe('sentiment');
    expect(baseJobName('a-b-2026-12-01-10-00-00-000')).toBe('a-b');
    expect(baseJobName('a-b-202612011000')).toBe('a-b');
    expect(baseJobName('no-timestamp')).toBe('no-timestamp');
  });
});

describe('diffChannel', () => {
  const file = (path: string, size: number, etag: string) => ({ path, size, etag });

  it('sends what is missing or of another size, asks about same size other ETag, and finds stale keys', () => {
    const stored = new Map([
      ['same.csv', { size: 3, etag: '"a"' }],
      ['resized.csv', { size: 4, etag: '"b"' }],
      ['kms.csv', { size: 5, etag: '"not-md5"' }],
      ['gone.csv', { size: 1, etag: '"c"' }],
      ['folder/', { size: 0, etag: '"d"' }]
    ]);
    const diff = diffChannel(
      [
        file('same.csv', 3, '"a"'),
        file('resized.csv', 5, '"b"'),
        file('kms.csv', 5, '"e"'),
        file('new.csv', 1, '"f"')
      ],
      stored
    );
    expect(diff.changed.map(f => f.path)).toEqual(['resized.csv', 'new.csv']);
    expect(diff.unchanged.map(f => f.path)).toEqual(['same.csv']);
    expect(diff.maybeChanged.map(f => f.path)).toEqual(['kms.csv']);
    expect(diff.stale).toEqual(['gone.csv']);
  });
});
