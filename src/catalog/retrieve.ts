import {
  baseFrameworkEntry,
  FRAMEWORK_IDS,
  resolvePyVersion,
  resolveVersion,
  scopeConfigFor,
  versionEntry
} from './configLookup';
import { REGISTRIES } from './data/registries';
import { SDK_RULES } from './data/sdkRules';
import { ecrHostname } from './ecrHostname';
import { checkArg, ImageUriError, own } from './imageUriError';
import { imageTag } from './imageTag';
import {
  inferenceToolFor,
  instanceTypeFamily,
  selectProcessor
} from './instanceType';
import type { IImageConfig, IImageUriRequest, IScopeConfig } from './types';

/**
 * The framework container image URI the SageMaker Python SDK (v2) returns
 * from `sagemaker.image_uris.retrieve` for the same arguments, e.g.
 * "763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-training:2.1-gpu-py310".
 * Throws an ImageUriError naming the valid choices where the SDK raises.
 */
export function retrieveImageUri(request: IImageUriRequest): string {
  const { framework, region, instanceType } = request;
  checkArg(framework, FRAMEWORK_IDS, 'framework');

  let inferenceTool: string | undefined = request.inferenceTool;
  let configName = framework;
  if (framework === 'huggingface' || SDK_RULES.trainiumFrameworks.includes(framework)) {
    inferenceTool = inferenceToolFor(inferenceTool, instanceType);
    if (inferenceTool === 'neuron' || inferenceTool === 'neuronx') {
      configName = `${framework}-${inferenceTool}`;
    }
  }
  const finalScope = finalImageScope(framework, instanceType, request.imageScope);
  checkFrameworkForInstance(framework, instanceType);
  const { scope, config } = scopeConfigFor(configName, finalScope);

  const version = resolveVersion(request.version, config, `${framework} ${scope}`);
  const context = `${framework} ${version} ${scope}`; // names the choice in errors
  let entry = versionEntry(version, config);
  if (framework === 'huggingface') {
    entry = baseFrameworkEntry(entry, request.baseFrameworkVersion, context);
  }
  const { pyVersion, image } = resolvePyVersion(request.pyVersion, entry, context);

  const registries = REGISTRIES[image.registries];
  checkArg(region, Object.keys(registries), 'region', context);
  const account = registries[region];
  const hostname = ecrHostname(region);

  const repository = image.repository;
  const processor = selectProcessor(
    instanceType,
    nonEmpty(config.processors) ?? image.processors,
    request.serverless === true,
    context
  );

  let containerVersion = request.containerVersion;
  if (nonEmpty(image.containerVersion)) {
    containerVersion = own(image.containerVersion, processor);
    if (containerVersion === undefined) {
      throw new ImageUriError(
        `The SDK's config for ${repository} has no container version for processor ${processor}`
      );
    }
  }
  if (SDK_RULES.sdkVersionRepositories.includes(repository)) {
    containerVersion = withSdkVersion(image, containerVersion);
  }

  let tagPrefix = image.tagPrefix ?? version;
  if (framework === 'huggingface') {
    const hf = huggingFaceTagPrefix(request, config, image, containerVersion);
    tagPrefix = hf.tagPrefix;
    containerVersion = hf.containerVersion;
  }

  const graviton = repository === `${framework}-inference-graviton`;
  if (graviton) {
    // The SDK formats a missing container version as "None".
    containerVersion = `${containerVersion ?? 'None'}-sagemaker`;
  }
  checkInstanceDeprecation(framework, instanceType, version);
  if (
    request.containerVersion !== undefined &&
    !nonEmpty(image.containerVersion) &&
    !SDK_RULES.containerVersionSuffixFrameworks.includes(framework) &&
    !graviton &&
    !repository.includes('neuron')
  ) {
    throw new ImageUriError(
      `containerVersion ${request.containerVersion} is not supported for ${framework} ${version}: ` +
        'no published image has it in its tag; leave it out'
    );
  }

  const tag = imageTag({
    framework,
    version,
    tagPrefix,
    processor,
    pyVersion,
    containerVersion,
    inferenceTool,
    imageScope: finalScope,
    instanceType,
    distribution: request.distribution
  });
  return `${account}.dkr.${hostname}/${repository}${tag ? `:${tag}` : ''}`;
}

/** The SDK's `_get_final_image_scope`: Graviton instances get Graviton images. */
function finalImageScope(
  framework: string,
  instanceType: string | undefined,
  imageScope: string | undefined
): string | undefined {
  if (
    SDK_RULES.gravitonFrameworks.includes(framework) &&
    SDK_RULES.gravitonFamilies.includes(instanceTypeFamily(instanceType))
  ) {
    return 'inference_graviton';
  }
  if (imageScope === undefined && framework === 'sklearn') {
    return 'training'; // the SDK's default for scikit-learn (and XGBoost)
  }
  return imageScope;
}

/** The SDK's `_validate_for_suppported_frameworks_and_instance_type`. */
function checkFrameworkForInstance(
  framework: string,
  instanceType: string | undefined
): void {
  if (instanceType === undefined) {
    return;
  }
  if (instanceType.includes('trn') && !SDK_RULES.trainiumFrameworks.includes(framework)) {
    throw new ImageUriError(
      `Unsupported framework ${framework} for Trainium instances: choose ${SDK_RULES.trainiumFrameworks}`,
      [SDK_RULES.trainiumFrameworks]
    );
  }
  if (
    SDK_RULES.gravitonFamilies.includes(instanceTypeFamily(instanceType)) &&
    !SDK_RULES.gravitonFrameworks.includes(framework)
  ) {
    throw new ImageUriError(
      `Unsupported framework ${framework} for Graviton instances: ` +
        `choose one of ${SDK_RULES.gravitonFrameworks.join(', ')}`,
      SDK_RULES.gravitonFrameworks
    );
  }
}

/** The SDK's `_validate_instance_deprecation`: newer versions refuse p2. */
function checkInstanceDeprecation(
  framework: string,
  instanceType: string | undefined,
  version: string
): void {
  const since = own(SDK_RULES.p2DeprecatedFrom, framework);
  if (
    since !== undefined &&
    instanceTypeFamily(instanceType) === 'p2' &&
    compareReleases(version, since) >= 0
  ) {
    throw new ImageUriError(
      `P2 instances are not supported from ${framework} ${since} on: choose another instance type`
    );
  }
}

/** Hugging Face tags: "<base version>-transformers<version as passed>". */
function huggingFaceTagPrefix(
  request: IImageUriRequest,
  config: IScopeConfig,
  image: IImageConfig,
  containerVersion: string | undefined
): { tagPrefix: string; containerVersion: string | undefined } {
  const base = request.baseFrameworkVersion ?? '';
  let baseVersion = baseVersionOf(base);
  let version = request.version;
  if (SDK_RULES.huggingFaceNeuronRepositories.includes(image.repository)) {
    containerVersion = withSdkVersion(image, containerVersion);
    if (!config.versionAliases) {
      throw new ImageUriError(`No version aliases for ${image.repository}`);
    }
    version = own(config.versionAliases, version) || version;
    const entry = own(config.versions, version);
    const fullBase =
      entry && 'byBaseFramework' in entry ? own(entry.baseAliases, base) : undefined;
    if (fullBase) {
      baseVersion = baseVersionOf(fullBase);
    }
  }
  return { tagPrefix: `${baseVersion}-transformers${version}`, containerVersion };
}

function baseVersionOf(baseFrameworkVersion: string): string {
  const match = /^(pytorch|tensorflow)(.*)$/.exec(baseFrameworkVersion);
  if (!match) {
    throw new ImageUriError(
      `Unsupported baseFrameworkVersion ${baseFrameworkVersion}: write it like pytorch2.1.0 or tensorflow2.6.3`
    );
  }
  return match[2];
}

/** Neuron images carry the newest Neuron SDK version before the container version. */
function withSdkVersion(
  image: IImageConfig,
  containerVersion: string | undefined
): string {
  const newest = [...(image.sdkVersions ?? [])].sort().pop();
  if (newest === undefined || containerVersion === undefined) {
    throw new ImageUriError(`The SDK's config for ${image.repository} lacks Neuron versions`);
  }
  return `${newest}-${containerVersion}`;
}

/** Python's truthiness of a list or dict from the config. */
function nonEmpty<T extends object>(value: T | undefined): T | undefined {
  return value !== undefined && Object.keys(value).length > 0 ? value : undefined;
}

/** PEP 440 order of plain release versions ("1.13" == "1.13.0"). */
function compareReleases(a: string, b: string): number {
  const parse = (v: string) => {
    if (!/^\d+(\.\d+)*$/.test(v)) {
      throw new ImageUriError(`Invalid version: ${v}`);
    }
    return v.split('.').map(Number);
  };
  const [x, y] = [parse(a), parse(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const diff = (x[i] ?? 0) - (y[i] ?? 0);
    if (diff !== 0) {
      return diff;
    }
  }
  return 0;
}
