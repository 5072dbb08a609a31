import {
  baseFrameworkVersionsFor,
  frameworkVersions,
  pyVersionsFor,
  trainingInstanceTypesFor
} from '../catalog';
import { ITrainChoices } from './choices';

/** Instance types tried first when the current one has no image. */
const PREFERRED_INSTANCE_TYPES = ['ml.m5.xlarge', 'ml.g5.xlarge', 'ml.p3.2xlarge'];

/**
 * Moves the framework version, base framework, Python version and instance
 * type to the nearest choice the image catalog has in `region`, keeping
 * each one that is already valid. The newest version wins by default.
 */
export function fitToCatalog(
  choices: ITrainChoices,
  region: string
): ITrainChoices {
  const { framework } = choices;
  const versions = frameworkVersions(framework, 'training');
  const frameworkVersion = versions.includes(choices.frameworkVersion)
    ? choices.frameworkVersion
    : (versions[versions.length - 1] ?? choices.frameworkVersion);
  const bases =
    framework === 'huggingface'
      ? baseFrameworkVersionsFor(frameworkVersion, 'training')
      : [];
  const baseFrameworkVersion = bases.includes(
    choices.sagemaker.baseFrameworkVersion
  )
    ? choices.sagemaker.baseFrameworkVersion
    : (bases.find(b => b.startsWith('pytorch')) ?? bases[0] ?? '');
  const base = framework === 'huggingface' ? baseFrameworkVersion : undefined;
  const pyVersions = pyVersionsFor(framework, frameworkVersion, 'training', base);
  const pyVersion = pyVersions.includes(choices.pyVersion)
    ? choices.pyVersion
    : (pyVersions[pyVersions.length - 1] ?? choices.pyVersion);
  const instanceTypes = trainingInstanceTypesFor({
    framework,
    region,
    version: frameworkVersion,
    pyVersion,
    imageScope: 'training',
    baseFrameworkVersion: base
  });
  const instanceType = instanceTypes.includes(choices.instanceType)
    ? choices.instanceType
    : (PREFERRED_INSTANCE_TYPES.find(t => instanceTypes.includes(t)) ??
      instanceTypes[0] ??
      choices.instanceType);
  return {
    ...choices,
    frameworkVersion,
    pyVersion,
    instanceType,
    sagemaker: { ...choices.sagemaker, baseFrameworkVersion }
  };
}
