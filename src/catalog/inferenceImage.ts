import { ImageUriError } from './imageUriError';
import { retrieveImageUri } from './retrieve';

/** What the training image's tag says about the framework it ran. */
export interface ITrainedFramework {
  /** "1.2-1", "2.3.0"; for Hugging Face the transformers version. */
  version: string;
  pyVersion: string;
  /** Hugging Face only: "pytorch2.3.0", "tensorflow2.6.3". */
  baseFrameworkVersion?: string;
}

/** Where and on what a model is served. */
export interface IInferenceImageRequest extends ITrainedFramework {
  framework: string;
  region: string;
  /** Real-time: the hosting instance; left out for serverless. */
  instanceType?: string;
  serverless: boolean;
}

/**
 * The inference image the SDK's framework model (SKLearnModel,
 * HuggingFaceModel, PyTorchModel…) picks in `serving_image_uri`: the same
 * framework, version and Python as training, the processor of the hosting
 * instance (serverless: CPU).
 */
export function inferenceImageUri(request: IInferenceImageRequest): string {
  return retrieveImageUri({
    framework: request.framework,
    region: request.region,
    version: request.version,
    pyVersion: request.pyVersion,
    baseFrameworkVersion: request.baseFrameworkVersion,
    instanceType: request.serverless ? undefined : request.instanceType,
    imageScope: 'inference',
    serverless: request.serverless
  });
}

/**
 * Version and Python read back from a framework training image, e.g.
 * `…/sagemaker-scikit-learn:1.2-1-cpu-py3` or
 * `…/huggingface-pytorch-training:2.3.0-transformers4.48.0-gpu-py311-cu121-ubuntu20.04`.
 */
export function trainedFramework(trainingImage: string): ITrainedFramework {
  const match = /\/([^/:]+):([^/]+)$/.exec(trainingImage);
  const tag = match && /^(.+?)-(?:cpu|gpu|neuronx?)-(py\d+)(?:-|$)/.exec(match[2]);
  if (!match || !tag) {
    throw new ImageUriError(
      `The training image ${trainingImage} is not a framework image with a version and ` +
        'Python version in its tag: deploy this model with an explicit inference image instead.'
    );
  }
  const [, repository] = match;
  const [, version, pyVersion] = tag;
  const huggingFace = /^huggingface-(pytorch|tensorflow)-/.exec(repository);
  const parts = /^(.+)-transformers(.+)$/.exec(version);
  if (huggingFace && parts) {
    return {
      version: parts[2],
      pyVersion,
      baseFrameworkVersion: `${huggingFace[1]}${parts[1]}`
    };
  }
  return { version, pyVersion };
}
