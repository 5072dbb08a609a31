/**
 * @jest-environment ./src/aws/__tests__/jsdomWithStreams.js
 */
import { MAX_FILE_BYTES, skippedReason, textFiles } from '../jobSourceFiles';
import { submitDirectory } from '../sagemakerSource';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('textFiles', () => {
  it('keeps UTF-8 text, sorted, and names what it does not show', () => {
    const files = textFiles([
      { path: 'train.py', body: bytes('print("é")\n') },
      { path: 'model.bin', body: new Uint8Array([1, 0, 2]) },
      { path: 'latin1.txt', body: new Uint8Array([0x63, 0xe9]) },
      { path: '__pycache__/train.cpython-311.pyc', body: new Uint8Array([0]) },
      { path: 'big.txt', body: new Uint8Array(MAX_FILE_BYTES + 1).fill(0x61) }
    ]);
    expect(files.map(f => [f.path, skippedReason(f) ?? f.content])).toEqual([
      ['big.txt', `${MAX_FILE_BYTES + 1} bytes, over the 1 MiB shown per file`],
      ['latin1.txt', 'not UTF-8 text'],
      ['model.bin', 'a binary file'],
      ['train.py', 'print("é")\n']
    ]);
  });
});

describe('submitDirectory', () => {
  it('decodes the JSON-encoded URI the SDK writes', () => {
    const uri = 's3://b/job/source/sourcedir.tar.gz';
    expect(
      submitDirectory({
        TrainingJobName: 'j',
        HyperParameters: { sagemaker_submit_directory: JSON.stringify(uri) }
      })
    ).toBe(uri);
  });

  it('says why a job without one has no code to show', () => {
    expect(() => submitDirectory({ TrainingJobName: 'algo', HyperParameters: {} })).toThrow(
      'Job algo has no sagemaker_submit_directory hyperparameter'
    );
  });
});
