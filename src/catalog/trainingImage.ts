import { SDK_RULES } from './data/sdkRules';
import { ImageUriError } from './imageUriError';
import { selectProcessor } from './instanceType';
import { retrieveImageUri } from './retrieve';
import type { IImageUriRequest } from './types';

/** What a framework estimator knows when it picks its training image. */
export type ITrainingImageRequest = Omit<
  IImageUriRequest,
  'imageScope' | 'containerVersion' | 'inferenceTool' | 'serverless'
>;

/**
 * The training image a framework estimator (PyTorch, TensorFlow, MXNet,
 * HuggingFace, SKLearn) uses, as the SDK's `get_training_image_uri` finds it:
 * for Hugging Face it adds the CUDA container version on GPU instances.
 * Not mirrored: Training Compiler and SageMaker model parallel (pytorch-smp).
 */
export function trainingImageUri(request: ITrainingImageRequest): string {
  let containerVersion: string | undefined;
  if (request.baseFrameworkVersion !== undefined) {
    const processor = selectProcessor(
      request.instanceType,
      ['cpu', 'gpu'],
      false,
      `${request.framework} training`
    );
    if (processor === 'gpu') {
      containerVersion = SDK_RULES.huggingFaceGpuContainerVersion;
    }
  }
  if (usesModelParallel(request.distribution)) {
    throw new ImageUriError(
      'SageMaker model parallel (pytorch-smp) images are not in the catalog'
    );
  }
  return retrieveImageUri({ ...request, imageScope: 'training', containerVersion });
}

function usesModelParallel(distribution: Record<string, unknown> | undefined): boolean {
  if (!distribution || !('torch_distributed' in distribution)) {
    return false;
  }
  const smdistributed = distribution['smdistributed'] as
    | Record<string, { enabled?: boolean } | undefined>
    | undefined;
  const modelParallel = smdistributed?.['modelparallel'];
  return modelParallel !== undefined && modelParallel.enabled !== false;
}
