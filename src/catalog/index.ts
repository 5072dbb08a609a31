/**
 * Framework container images (pure data + functions): the image URIs the
 * SageMaker Python SDK v2 picks, generated from its own configuration by
 * scripts/generate_catalog.py.
 */
export { retrieveImageUri } from './retrieve';
export { trainingImageUri } from './trainingImage';
export type { ITrainingImageRequest } from './trainingImage';
export { processorFor, instanceTypeFamily } from './instanceType';
export type { Processor } from './instanceType';
export {
  baseFrameworkVersionsFor,
  checkChoice,
  frameworkIds,
  frameworkVersions,
  processorsFor,
  pyVersionsFor,
  regionsFor,
  trainingInstanceTypesFor,
  versionAliases
} from './choices';
export { ImageUriError } from './imageUriError';
export { TRAINING_INSTANCE_TYPES } from './data/instanceTypes';
export type {
  FrameworkId,
  IImageUriRequest,
  ImageScope,
  InferenceTool
} from './types';
