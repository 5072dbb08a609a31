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
  const family = baseFamilyOf(choices.sagemaker.baseFrameworkVersion);
  const versions =
    framework === 'huggingface' && family === 'tensorflow'
      ? huggingFaceVersionsWith('tensorflow')
      : frameworkVersions(framework, 'training');
  const frameworkVersion = frameworkVersions(framework, 'training').includes(choices.frameworkVersion)
    ? choices.frameworkVersion
    : (versions[versions.length - 1] ?? choices.frameworkVersion);
  const bases =
    framework === 'huggingface'
      ? baseFrameworkVersionsFor(frameworkVersion, 'training')
      : [];
  // TensorFlow code on a PyTorch image fails at its first import: keep asking for
  // TensorFlow, and let the check say which versions have it (baseFrameworkProblem).
  const baseFrameworkVersion = bases.includes(
    choices.sagemaker.baseFrameworkVersion
  )
    ? choices.sagemaker.baseFrameworkVersion
    : (bases.find(b => b.startsWith(family || 'pytorch')) ??
      (family === 'tensorflow' ? choices.sagemaker.baseFrameworkVersion : bases[0]) ??
      '');
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

/** "tensorflow" for "tensorflow2.6.3" (or the bare family), "pytorch" likewise, else "". */
export function baseFamilyOf(baseFrameworkVersion: string): 'pytorch' | 'tensorflow' | '' {
  const match = /^(pytorch|tensorflow)/.exec(baseFrameworkVersion);
  return match ? (match[1] as 'pytorch' | 'tensorflow') : '';
}

/** Transformers versions (oldest first) that have a training image on a base of `family`. */
export function huggingFaceVersionsWith(family: 'pytorch' | 'tensorflow'): string[] {
  return frameworkVersions('huggingface', 'training').filter(version =>
    baseFrameworkVersionsFor(version, 'training').some(base => base.startsWith(family))
  );
}

/**
 * Why Hugging Face code on TensorFlow has no image with these choices, naming
 * the transformers versions that have one; null when it has one.
 */
export function baseFrameworkProblem(choices: ITrainChoices): string | null {
  if (
    choices.framework !== 'huggingface' ||
    choices.target !== 'sagemaker' ||
    baseFamilyOf(choices.sagemaker.baseFrameworkVersion) !== 'tensorflow' ||
    baseFrameworkVersionsFor(choices.frameworkVersion, 'training').includes(
      choices.sagemaker.baseFrameworkVersion
    )
  ) {
    return null;
  }
  return (
    `The code uses TensorFlow, but no Hugging Face training image has TensorFlow for transformers ` +
    `${choices.frameworkVersion}. Choose one of transformers ${huggingFaceVersionsWith('tensorflow').join(', ')}, ` +
    'or port the training to PyTorch.'
  );
}
