import { FRAMEWORK_IDS } from './configLookup';
import { FRAMEWORK_CONFIGS } from './data/frameworks';
import { TRAINING_INSTANCE_TYPES } from './data/instanceTypes';
import { REGISTRIES } from './data/registries';
import { own } from './imageUriError';
import { retrieveImageUri } from './retrieve';
import type {
  FrameworkId,
  IHuggingFaceVersion,
  IImageConfig,
  IImageUriRequest,
  ImageScope,
  IScopeConfig,
  VersionConfig
} from './types';
import { errorMessage } from '../errorMessage';

/**
 * What a dialog may offer: the valid versions, Python versions, processors,
 * regions and instance types of a framework. Unknown inputs give [].
 */

export function frameworkIds(): FrameworkId[] {
  return [...FRAMEWORK_IDS];
}

/** Full versions in the SDK's order (oldest first). */
export function frameworkVersions(framework: string, imageScope: ImageScope): string[] {
  return Object.keys(scopeConfig(framework, imageScope)?.versions ?? {});
}

/** Short versions the SDK accepts too: "2.1" -> "2.1.0". */
export function versionAliases(
  framework: string,
  imageScope: ImageScope
): Record<string, string> {
  return { ...scopeConfig(framework, imageScope)?.versionAliases };
}

/** Hugging Face: the base frameworks of a transformers version ("pytorch2.1.0"…). */
export function baseFrameworkVersionsFor(
  version: string,
  imageScope: ImageScope
): string[] {
  const entry = versionEntry('huggingface', version, imageScope);
  return entry && 'byBaseFramework' in entry ? Object.keys(entry.byBaseFramework) : [];
}

export function pyVersionsFor(
  framework: string,
  version: string,
  imageScope: ImageScope,
  baseFrameworkVersion?: string
): string[] {
  const found = images(framework, version, imageScope, baseFrameworkVersion);
  return unique(found.map(([py]) => py).filter((py): py is string => !!py));
}

/** "cpu", "gpu" (or "inf", "trn") as the image's tag names them. */
export function processorsFor(
  framework: string,
  version: string,
  imageScope: ImageScope
): string[] {
  const config = scopeConfig(framework, imageScope);
  if (config?.processors?.length) {
    return [...config.processors];
  }
  const found = images(framework, version, imageScope);
  return unique(found.flatMap(([, image]) => image.processors ?? []));
}

/** Regions the image is published in (any Python / base version unless given). */
export function regionsFor(
  framework: string,
  version: string,
  imageScope: ImageScope,
  pyVersion?: string,
  baseFrameworkVersion?: string
): string[] {
  const found = images(framework, version, imageScope, baseFrameworkVersion).filter(
    ([py]) => pyVersion === undefined || py === undefined || py === pyVersion
  );
  return unique(found.flatMap(([, image]) => Object.keys(REGISTRIES[image.registries])));
}

/** Null when the SDK would return an image for these choices, else why not. */
export function checkChoice(request: IImageUriRequest): string | null {
  try {
    retrieveImageUri(request);
    return null;
  } catch (error) {
    return errorMessage(error);
  }
}

/** Training instance types that have an image for the other choices. */
export function trainingInstanceTypesFor(
  request: Omit<IImageUriRequest, 'instanceType'>
): string[] {
  return TRAINING_INSTANCE_TYPES.filter(
    instanceType => checkChoice({ ...request, instanceType }) === null
  );
}

function scopeConfig(framework: string, imageScope: string): IScopeConfig | undefined {
  if (!(FRAMEWORK_IDS as readonly string[]).includes(framework)) {
    return undefined;
  }
  return own(own(FRAMEWORK_CONFIGS, framework)?.configs, imageScope);
}

function versionEntry(
  framework: string,
  version: string,
  imageScope: string
): VersionConfig | IHuggingFaceVersion | undefined {
  const config = scopeConfig(framework, imageScope);
  const key = own(config?.versionAliases, version) ?? version;
  return own(config?.versions, key);
}

/** [pyVersion, image] pairs of a version, across base frameworks unless one is given. */
function images(
  framework: string,
  version: string,
  imageScope: string,
  baseFrameworkVersion?: string
): [string | undefined, IImageConfig][] {
  const entry = versionEntry(framework, version, imageScope);
  if (!entry) {
    return [];
  }
  let configs: VersionConfig[] = [];
  if ('byBaseFramework' in entry) {
    const base = own(entry.baseAliases, baseFrameworkVersion) ?? baseFrameworkVersion;
    configs =
      base === undefined
        ? Object.values(entry.byBaseFramework)
        : [own(entry.byBaseFramework, base)].filter((c): c is VersionConfig => !!c);
  } else {
    configs = [entry];
  }
  return configs.flatMap(config =>
    'byPyVersion' in config
      ? Object.entries(config.byPyVersion)
      : (config.pyVersions ?? [undefined]).map(
          py => [py, config] as [string | undefined, IImageConfig]
        )
  );
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
