import * as fs from 'fs';
import * as path from 'path';
import {
  CELL_TAG,
  decodeTagValue,
  encodeTagValue,
  NOTEBOOK_TAG
} from '../notebookTags';
import { pythonJsonDumps } from '../pythonJson';
import { buildCreateTrainingJobRequest } from '../request';
import { s3PathJoin, sourceDirS3Uri, splitS3Uri } from '../sagemakerOptions';

describe('pythonJsonDumps (beyond what the SDK fixtures show)', () => {
  it.each([
    [NaN, 'NaN'],
    [Infinity, 'Infinity'],
    [-Infinity, '-Infinity'],
    [-1e-7, '-1e-07'],
    [1.5, '1.5'],
    [-0.0001, '-0.0001'],
    [1e100, '1e+100'],
    [12345678.5, '12345678.5']
  ])('writes %p as Python does: %s', (value, text) => {
    expect(pythonJsonDumps(value)).toBe(text);
  });

  it('escapes control characters and DEL as \\u00XX, and dict keys too', () => {
    expect(pythonJsonDumps({ 'k\u00e9y': '\u0001\u007f/' })).toBe(
      '{"k\\u00e9y": "\\u0001\\u007f/"}'
    );
  });
});

describe('notebook tags', () => {
  it('keeps a plain path as it is', () => {
    expect(encodeTagValue('examples/review classifier-2.ipynb')).toBe(
      'examples/review classifier-2.ipynb'
    );
  });

  it('escapes what SageMaker refuses in a tag value, and reads it back', () => {
    const notebook = "Ünïcode (1) & #2 'draft'@home 😀.ipynb";
    const encoded = encodeTagValue(notebook);
    expect(encoded).toBe(
      'Ünïcode @281@29 @26 @232 @27draft@27@40home @F0@9F@98@80.ipynb'
    );
    expect(encoded).toMatch(/^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u);
    expect(decodeTagValue(encoded)).toBe(notebook);
  });

  it('leaves a hand-written tag it cannot decode alone', () => {
    expect(decodeTagValue('me@FFx')).toBe('me@FFx');
  });

  it('tags the request with the notebook first, then the user tags', () => {
    const file = path.join(
      __dirname,
      'fixtures',
      'sdk-requests',
      'pytorch-vpc-kms-environment-tags.json'
    );
    const { spec, options, context } = JSON.parse(
      fs.readFileSync(file, 'utf-8')
    );
    const request = buildCreateTrainingJobRequest(
      { ...spec, notebookPath: 'a (copy).ipynb' },
      options,
      context
    );
    expect(request.Tags.map(tag => tag.Key)).toEqual([
      NOTEBOOK_TAG,
      CELL_TAG,
      'project',
      'cost-center'
    ]);
    expect(request.Tags[0].Value).toBe('a @28copy@29.ipynb');
  });
});

describe('S3 paths as the SDK joins them', () => {
  it('joins, collapsing slashes and keeping s3://', () => {
    expect(s3PathJoin('s3://b/out/', 'job', 'model')).toBe(
      's3://b/out/job/model'
    );
    expect(s3PathJoin('', 'job', 'source')).toBe('job/source');
    expect(s3PathJoin('a//b/', '/c/')).toBe('a/b/c');
  });

  it('splits a URI into bucket and key', () => {
    expect(splitS3Uri('s3://bucket')).toEqual(['bucket', '']);
    expect(splitS3Uri('s3://bucket//a/b/')).toEqual(['bucket', 'a/b/']);
  });

  it('puts the code under the code location prefix', () => {
    expect(
      sourceDirS3Uri('job-1', {
        roleArn: '',
        bucket: 'default',
        codeLocation: 's3://code/team/'
      })
    ).toBe('s3://code/team/job-1/source/sourcedir.tar.gz');
  });
});
