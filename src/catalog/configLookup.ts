import { FRAMEWORK_CONFIGS } from './data/frameworks';
import { checkArg, ImageUriError, own } from './imageUriError';
import type {
  IHuggingFaceVersion,
  IImageConfig,
  IScopeConfig,
  VersionConfig
} from './types';

/**
 * Finding an image config the way `sagemaker.image_uris.retrieve` does:
 * scope, then version (or alias), then Hugging Face base framework, then
 * Python version. Each step throws, naming the choices, where the SDK raises.
 */

/** The frameworks the catalog offers (the SDK's ids). */
export const FRAMEWORK_IDS = [
  'pytorch',
  'tensorflow',
  'huggingface',
  'mxnet',
  'sklearn'
] as const;

/** The SDK's `_config_for_framework_and_scope` (no accelerator). */
export function scopeConfigFor(
  configName: string,
  imageScope: string | undefined
): { scope: string; config: IScopeConfig } {
  const framework = own(FRAMEWORK_CONFIGS, configName);
  if (!framework) {
    throw new ImageUriError(`The catalog has no images for ${configName}`);
  }
  const scope =
    framework.scopes.length === 1 ? framework.scopes[0] : imageScope;
  checkArg(scope, framework.scopes, 'imageScope', configName);
  const config = own(framework.configs, scope);
  if (!config) {
    throw new ImageUriError(
      `The catalog leaves out ${scope} images (${configName})`
    );
  }
  return { scope, config };
}

/** The SDK's `_validate_version_and_set_if_needed`. */
export function resolveVersion(
  version: string | undefined,
  config: IScopeConfig,
  context: string
): string {
  const available = Object.keys(config.versions);
  const aliased = Object.keys(config.versionAliases ?? {});
  if (available.length === 1 && !aliased.includes(version as string)) {
    return available[0];
  }
  if (!version) {
    // The SDK would pick the latest version; the catalog asks for one.
    throw new ImageUriError(
      `A version is needed for ${context}: choose one of ${available.join(', ')}`,
      available
    );
  }
  checkArg(version, [...available, ...aliased], 'version', context);
  return version;
}

/** The SDK's `_version_for_config` and the lookup that follows it. */
export function versionEntry(
  version: string,
  config: IScopeConfig
): VersionConfig | IHuggingFaceVersion {
  const key = own(config.versionAliases, version) ?? version;
  const entry = own(config.versions, key);
  if (!entry) {
    throw new ImageUriError(`Version alias ${version} points to no version`);
  }
  return entry;
}

/** Hugging Face: the images for a base framework ("pytorch2.1" or "pytorch2.1.0"). */
export function baseFrameworkEntry(
  entry: VersionConfig | IHuggingFaceVersion,
  baseFrameworkVersion: string | undefined,
  context: string
): VersionConfig {
  if (!('byBaseFramework' in entry)) {
    throw new ImageUriError(`No base framework images for ${context}`);
  }
  if (!entry.baseAliases || Object.keys(entry.baseAliases).length === 0) {
    // The SDK fails here too (it never sets the full base version).
    throw new ImageUriError(`No base framework aliases for ${context}`);
  }
  const full =
    own(entry.baseAliases, baseFrameworkVersion) ?? baseFrameworkVersion;
  const choices = Object.keys(entry.byBaseFramework);
  checkArg(full, choices, 'baseFrameworkVersion', context);
  return entry.byBaseFramework[full];
}

/** The SDK's `_validate_py_version_and_set_if_needed` and the lookup after it. */
export function resolvePyVersion(
  pyVersion: string | undefined,
  entry: VersionConfig | IHuggingFaceVersion,
  context: string
): { pyVersion: string | undefined; image: IImageConfig } {
  if ('byBaseFramework' in entry) {
    throw new ImageUriError(`A baseFrameworkVersion is needed for ${context}`);
  }
  const available =
    'byPyVersion' in entry ? Object.keys(entry.byPyVersion) : entry.pyVersions;
  if (!available || available.length === 0) {
    return { pyVersion: undefined, image: imageOf(entry, undefined) };
  }
  if (pyVersion === undefined && available.length === 1) {
    return { pyVersion: available[0], image: imageOf(entry, available[0]) };
  }
  checkArg(pyVersion, available, 'pyVersion', context);
  return { pyVersion, image: imageOf(entry, pyVersion) };
}

function imageOf(entry: VersionConfig, pyVersion: string | undefined): IImageConfig {
  if (!('byPyVersion' in entry)) {
    return entry;
  }
  const image = own(entry.byPyVersion, pyVersion);
  if (!image) {
    throw new ImageUriError(`No image for Python version ${pyVersion}`);
  }
  return image;
}
