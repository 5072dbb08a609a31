import {
  checkChoice,
  ImageUriError,
  processorFor,
  retrieveImageUri,
  trainingImageUri
} from '../index';
import type { IImageUriRequest } from '../index';

/** A few image URIs and error messages checked by hand against the SDK. */

const pytorch21: IImageUriRequest = {
  framework: 'pytorch',
  region: 'us-east-1',
  version: '2.1',
  pyVersion: 'py310',
  instanceType: 'ml.g5.xlarge',
  imageScope: 'training'
};

const huggingFace426: IImageUriRequest = {
  framework: 'huggingface',
  region: 'us-east-1',
  version: '4.26',
  pyVersion: 'py39',
  instanceType: 'ml.g5.xlarge',
  imageScope: 'training',
  baseFrameworkVersion: 'pytorch1.13'
};

describe('retrieveImageUri', () => {
  it('keeps a short version as passed and finds the partition domain', () => {
    expect(retrieveImageUri({ ...pytorch21, region: 'cn-north-1' })).toBe(
      '727897471807.dkr.ecr.cn-north-1.amazonaws.com.cn/pytorch-training:2.1-gpu-py310'
    );
    expect(
      retrieveImageUri({
        framework: 'mxnet',
        region: 'us-iso-east-1',
        version: '1.9',
        pyVersion: 'py38',
        instanceType: 'local_gpu',
        imageScope: 'training'
      })
    ).toBe('886529160074.dkr.ecr.us-iso-east-1.c2s.ic.gov/mxnet-training:1.9-gpu-py38');
    expect(
      retrieveImageUri({
        framework: 'tensorflow',
        region: 'us-gov-west-1',
        version: '2.13.0',
        pyVersion: 'py310',
        instanceType: 'ml.m5.xlarge',
        imageScope: 'inference'
      })
    ).toBe('442386744353.dkr.ecr.us-gov-west-1.amazonaws.com/tensorflow-inference:2.13.0-cpu');
  });

  it('builds Hugging Face tags from the base framework and transformers versions', () => {
    expect(retrieveImageUri(huggingFace426)).toBe(
      '763104351884.dkr.ecr.us-east-1.amazonaws.com/huggingface-pytorch-training:1.13-transformers4.26-gpu-py39-cu117-ubuntu20.04'
    );
    expect(
      retrieveImageUri({
        ...huggingFace426,
        region: 'eu-west-1',
        imageScope: 'inference',
        instanceType: undefined,
        serverless: true
      })
    ).toBe(
      '763104351884.dkr.ecr.eu-west-1.amazonaws.com/huggingface-pytorch-inference:1.13-transformers4.26-cpu-py39-ubuntu20.04'
    );
  });

  it('follows the SDK to Graviton, Neuron and p4d images', () => {
    expect(
      retrieveImageUri({ ...pytorch21, version: '2.0', instanceType: 'ml.c7g.xlarge', imageScope: 'inference' })
    ).toBe(
      '763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-inference-graviton:2.0-cpu-py310-ubuntu20.04-sagemaker'
    );
    expect(
      retrieveImageUri({ ...pytorch21, version: '1.11', pyVersion: 'py38', instanceType: 'ml.trn1.2xlarge' })
    ).toBe(
      '763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-training-neuron:1.11-neuron-py38-sdk2.4.0-ubuntu20.04'
    );
    expect(
      retrieveImageUri({ ...pytorch21, version: '1.6', pyVersion: 'py36', instanceType: 'ml.p4d.24xlarge' })
    ).toBe(
      '763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-training:1.6-gpu-py36-cu110-ubuntu18.04-v3'
    );
    expect(
      retrieveImageUri({
        framework: 'sklearn',
        region: 'eu-west-1',
        version: '1.2-1',
        pyVersion: 'py3',
        instanceType: 'ml.c7g.xlarge'
      })
    ).toBe('141502667606.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-scikit-learn:1.0-1-arm64-cpu-py3');
  });

  it('names the valid choices where the SDK raises', () => {
    expect(() => retrieveImageUri({ ...pytorch21, pyVersion: 'py27' })).toThrow(
      'Unsupported pyVersion py27 for pytorch 2.1 training: choose one of py310'
    );
    expect(() => retrieveImageUri({ ...huggingFace426, instanceType: 'ml.m5.xlarge' })).toThrow(
      'Unsupported processor cpu for huggingface 4.26 training (instance ml.m5.xlarge): choose one of gpu'
    );
    expect(() => retrieveImageUri({ ...huggingFace426, baseFrameworkVersion: 'pytorch2.1' })).toThrow(
      'Unsupported baseFrameworkVersion pytorch2.1 for huggingface 4.26 training: choose one of pytorch1.13.1'
    );
    expect(() => retrieveImageUri({ ...pytorch21, framework: 'keras' })).toThrow(
      'Unsupported framework keras: choose one of pytorch, tensorflow, huggingface, mxnet, sklearn'
    );
    expect(() => retrieveImageUri({ ...pytorch21, version: '1.0', pyVersion: 'py3', region: 'ap-southeast-3' })).toThrow(
      /^Unsupported region ap-southeast-3 for pytorch 1\.0 training: choose one of af-south-1, ap-east-1, /
    );
    expect(() => retrieveImageUri({ ...pytorch21, version: '9.9' })).toThrow(
      /^Unsupported version 9\.9 for pytorch training: choose one of 0\.4\.0, .*, 2\.1, /
    );
    expect(() => retrieveImageUri({ ...pytorch21, instanceType: 'ml.p2.xlarge' })).toThrow(
      'P2 instances are not supported from pytorch 1.13 on: choose another instance type'
    );
  });

  it('gives the choices on the error object too', () => {
    let caught: unknown;
    try {
      retrieveImageUri({ ...pytorch21, pyVersion: 'py27' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ImageUriError);
    expect((caught as ImageUriError).choices).toEqual(['py310']);
  });
});

describe('trainingImageUri', () => {
  it('adds the CUDA container version the HuggingFace estimator passes on GPU', () => {
    const { imageScope, ...request } = huggingFace426;
    expect(imageScope).toBe('training');
    const hf44 = { ...request, version: '4.4', pyVersion: 'py36', baseFrameworkVersion: 'pytorch1.6' };
    expect(trainingImageUri(hf44)).toBe(
      '763104351884.dkr.ecr.us-east-1.amazonaws.com/huggingface-pytorch-training:1.6-transformers4.4-gpu-py36-cu110-ubuntu18.04'
    );
    expect(retrieveImageUri({ ...hf44, imageScope: 'training' })).toBe(
      '763104351884.dkr.ecr.us-east-1.amazonaws.com/huggingface-pytorch-training:1.6-transformers4.4-gpu-py36'
    );
  });
});

describe('checkChoice', () => {
  it('is null for a valid choice and the message otherwise', () => {
    expect(checkChoice(pytorch21)).toBeNull();
    expect(checkChoice({ ...pytorch21, region: 'xx-nowhere-1' })).toMatch(
      /^Unsupported region xx-nowhere-1 for pytorch 2\.1 training: choose one of af-south-1, /
    );
  });
});

describe('processorFor', () => {
  it.each([
    ['ml.m5.xlarge', 'cpu'],
    ['ml.c7g.xlarge', 'cpu'],
    ['ml.g5.2xlarge', 'gpu'],
    ['ml.p4d.24xlarge', 'gpu'],
    ['ml.inf2.xlarge', 'inf'],
    ['ml.trn1.32xlarge', 'trn'],
    ['local', 'cpu'],
    ['local_gpu', 'gpu']
  ])('%s runs %s images', (instanceType, processor) => {
    expect(processorFor(instanceType)).toBe(processor);
  });

  it('refuses what is not an instance type', () => {
    expect(() => processorFor('m5.xlarge')).toThrow(/^Invalid SageMaker instance type: m5\.xlarge/);
  });
});
