import {
  baseFrameworkVersionsFor,
  frameworkVersions,
  processorsFor,
  pyVersionsFor,
  regionsFor,
  TRAINING_INSTANCE_TYPES,
  trainingInstanceTypesFor,
  versionAliases
} from '../index';

describe('choices a dialog may offer', () => {
  it('lists versions in the SDK order, with their short aliases', () => {
    const versions = frameworkVersions('pytorch', 'training');
    expect(versions[0]).toBe('0.4.0');
    expect(versions).toContain('2.1.0');
    expect(versionAliases('pytorch', 'training')['2.1']).toBe('2.1.0');
    expect(frameworkVersions('sklearn', 'training')).toEqual(['0.20.0', '0.23-1', '1.0-1', '1.2-1', '1.4-2']);
    expect(frameworkVersions('keras', 'training')).toEqual([]);
  });

  it('lists Python versions, processors and base frameworks of a version', () => {
    expect(pyVersionsFor('pytorch', '2.1', 'training')).toEqual(['py310']);
    expect(pyVersionsFor('tensorflow', '1.13', 'training')).toEqual(['py2', 'py3']);
    expect(processorsFor('huggingface', '4.26', 'training')).toEqual(['gpu']);
    expect(processorsFor('sklearn', '1.2-1', 'training')).toEqual(['cpu']);
    expect(baseFrameworkVersionsFor('4.26', 'inference')).toEqual(['pytorch1.13.1', 'tensorflow2.11.0']);
    expect(pyVersionsFor('huggingface', '4.26', 'training', 'pytorch1.13')).toEqual(['py39']);
    expect(pyVersionsFor('pytorch', '9.9', 'training')).toEqual([]);
  });

  it('lists the regions an image is published in, other partitions included', () => {
    const regions = regionsFor('pytorch', '2.1', 'training');
    expect(regions).toEqual(expect.arrayContaining(['us-east-1', 'cn-north-1', 'us-gov-west-1', 'us-iso-east-1']));
    expect(regionsFor('pytorch', '1.0', 'training')).not.toContain('ap-southeast-3');
  });

  it('offers the training instance types that have an image', () => {
    expect(TRAINING_INSTANCE_TYPES).toContain('ml.g5.xlarge');
    const gpuOnly = trainingInstanceTypesFor({
      framework: 'huggingface',
      region: 'us-east-1',
      version: '4.26',
      pyVersion: 'py39',
      imageScope: 'training',
      baseFrameworkVersion: 'pytorch1.13'
    });
    expect(gpuOnly).toContain('ml.g5.xlarge');
    expect(gpuOnly).not.toContain('ml.m5.xlarge');
  });
});
