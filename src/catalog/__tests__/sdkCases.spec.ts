import { readFileSync } from 'fs';
import { join } from 'path';
import { retrieveImageUri, trainingImageUri } from '../index';
import type { IImageUriRequest } from '../types';

/**
 * Every case recorded from the real SageMaker Python SDK by
 * scripts/capture_image_uri_cases.py: the catalog must return the same URI,
 * and throw where the SDK raised.
 */

interface ICase {
  input: IImageUriRequest & { api?: 'training' };
  output?: string;
  error?: true;
}

const CASES: ICase[] = JSON.parse(
  readFileSync(join(__dirname, 'fixtures', 'image-uri-cases.json'), 'utf-8')
);

function answer(input: ICase['input']): { output?: string; error?: true } {
  const { api, ...request } = input;
  try {
    const output = api === 'training' ? trainingImageUri(request) : retrieveImageUri(request);
    return { output };
  } catch {
    return { error: true };
  }
}

describe('image URIs match the SageMaker Python SDK', () => {
  it('has a broad set of recorded cases', () => {
    expect(CASES.length).toBeGreaterThan(2000);
    const frameworks = new Set(CASES.map(c => c.input.framework));
    expect([...frameworks]).toEqual(
      expect.arrayContaining(['pytorch', 'tensorflow', 'huggingface', 'mxnet', 'sklearn'])
    );
  });

  it.each(['pytorch', 'tensorflow', 'huggingface', 'mxnet', 'sklearn', 'keras'])(
    'for every recorded %s case',
    framework => {
      const cases = CASES.filter(c => c.input.framework === framework);
      const mismatches = cases
        .map(c => ({ input: c.input, sdk: c.error ? { error: true } : { output: c.output }, catalog: answer(c.input) }))
        .filter(m => JSON.stringify(m.sdk) !== JSON.stringify(m.catalog));
      expect(cases.length).toBeGreaterThan(0);
      expect(mismatches.slice(0, 10)).toEqual([]);
      expect(mismatches.length).toBe(0);
    }
  );
});
