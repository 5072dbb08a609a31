import { readFileSync } from 'fs';
import { join } from 'path';
import { ImageUriError } from '../imageUriError';
import { inferenceImageUri, trainedFramework } from '../inferenceImage';
import { trainingImageUri } from '../trainingImage';
import type { IImageUriRequest } from '../types';

/**
 * Against the cases scripts/capture_image_uri_cases.py recorded from the
 * SDK's `image_uris.retrieve`: every inference-scope one (real-time and
 * serverless) must give the SDK's URI, and every training image the SDK
 * picks must read back as the version and Python it was asked for.
 */

interface ICase {
  input: IImageUriRequest & { api?: 'training' };
  output?: string;
  error?: true;
}

const CASES: ICase[] = JSON.parse(
  readFileSync(join(__dirname, 'fixtures', 'image-uri-cases.json'), 'utf-8')
);
const DEPLOYABLE = ['sklearn', 'huggingface', 'pytorch', 'tensorflow', 'mxnet'];

const inference = CASES.filter(
  c =>
    c.input.imageScope === 'inference' &&
    DEPLOYABLE.includes(c.input.framework) &&
    !c.input.inferenceTool &&
    !c.input.containerVersion &&
    !c.input.distribution &&
    (c.input.serverless || c.input.instanceType?.startsWith('ml.'))
);

describe('inferenceImageUri', () => {
  it('has SDK cases, serverless among them', () => {
    expect(inference.length).toBeGreaterThan(100);
    expect(inference.filter(c => c.input.serverless).length).toBeGreaterThan(5);
  });

  it.each(inference.map(c => [JSON.stringify(c.input), c] as const))(
    '%s',
    (_, { input, output }) => {
      const request = {
        framework: input.framework,
        region: input.region,
        version: input.version,
        pyVersion: input.pyVersion ?? '',
        baseFrameworkVersion: input.baseFrameworkVersion,
        instanceType: input.instanceType,
        serverless: input.serverless === true
      };
      if (input.pyVersion === undefined) {
        delete (request as { pyVersion?: string }).pyVersion;
      }
      if (output) {
        expect(inferenceImageUri(request)).toBe(output);
      } else {
        expect(() => inferenceImageUri(request)).toThrow(ImageUriError);
      }
    }
  );

  it('serverless ignores the instance type and takes the CPU image', () => {
    const uri = inferenceImageUri({
      framework: 'huggingface',
      region: 'us-east-1',
      version: '4.48.0',
      pyVersion: 'py311',
      baseFrameworkVersion: 'pytorch2.3.0',
      instanceType: 'ml.g5.xlarge',
      serverless: true
    });
    expect(uri).toContain('-cpu-py311');
  });

  it('names the versions that have an image when training had one that does not', () => {
    expect(() =>
      inferenceImageUri({
        framework: 'huggingface',
        region: 'us-east-1',
        version: '4.36.0',
        pyVersion: 'py310',
        baseFrameworkVersion: 'pytorch2.1.0',
        instanceType: 'ml.m5.xlarge',
        serverless: false
      })
    ).toThrow(/Unsupported version 4\.36\.0.*choose one of .*4\.37\.0/);
  });
});

describe('trainedFramework', () => {
  const training = CASES.filter(
    c =>
      c.output &&
      (c.input.api === 'training' || c.input.imageScope === 'training') &&
      DEPLOYABLE.includes(c.input.framework) &&
      c.input.pyVersion &&
      !/neuron|graviton|arm64/.test(c.output) &&
      c.input.instanceType?.startsWith('ml.')
  );

  it('reads back every SDK training image', () => {
    expect(training.length).toBeGreaterThan(200);
    for (const { input, output } of training) {
      const read = trainedFramework(output!);
      expect({ uri: output, ...read }).toEqual({
        uri: output,
        version: input.version,
        pyVersion: input.pyVersion,
        ...(input.framework === 'huggingface'
          ? { baseFrameworkVersion: input.baseFrameworkVersion }
          : {})
      });
    }
  });

  it('reads a Hugging Face image our own training picks', () => {
    const image = trainingImageUri({
      framework: 'huggingface',
      region: 'us-east-1',
      version: '4.48.0',
      pyVersion: 'py311',
      baseFrameworkVersion: 'pytorch2.3.0',
      instanceType: 'ml.g5.xlarge'
    });
    expect(trainedFramework(image)).toEqual({
      version: '4.48.0',
      pyVersion: 'py311',
      baseFrameworkVersion: 'pytorch2.3.0'
    });
  });

  it('refuses a custom image and says what to do', () => {
    expect(() => trainedFramework('123456789012.dkr.ecr.us-east-1.amazonaws.com/my-trainer:latest')).toThrow(
      /not a framework image .* explicit inference image/
    );
  });
});
