import { SDK_RULES } from './data/sdkRules';
import { checkArg, ImageUriError, own } from './imageUriError';
import { instanceTypeFamily } from './instanceType';

/**
 * Building the image tag as the SDK's `_format_tag` and `_get_image_tag` do.
 */

/** The SDK's `_format_tag`: the non-empty parts joined with "-". */
export function formatTag(
  tagPrefix: string | undefined,
  processor: string | null,
  pyVersion: string | undefined,
  containerVersion: string | undefined,
  inferenceTool: string | undefined
): string {
  const parts = [tagPrefix, inferenceTool || processor, pyVersion, containerVersion];
  return parts.filter(part => !!part).join('-');
}

export interface ITagInput {
  framework: string;
  version: string;
  tagPrefix: string | undefined;
  processor: string | null;
  pyVersion: string | undefined;
  containerVersion: string | undefined;
  inferenceTool: string | undefined;
  /** The scope asked for (after the Graviton switch), not the one found. */
  imageScope: string | undefined;
  instanceType: string | undefined;
  distribution: Record<string, unknown> | undefined;
}

/** The SDK's `_get_image_tag` for the catalog's frameworks. */
export function imageTag(input: ITagInput): string {
  const family = instanceTypeFamily(input.instanceType);
  const plainTag = () =>
    formatTag(
      input.tagPrefix,
      input.processor,
      input.pyVersion,
      input.containerVersion,
      input.inferenceTool
    );
  if (input.framework === 'sklearn') {
    const graviton = input.imageScope === 'inference_graviton';
    if (family && graviton) {
      checkArg(family, SDK_RULES.gravitonFamilies, 'instance type family', 'Graviton images');
    }
    if (SDK_RULES.gravitonFamilies.includes(family) || graviton) {
      const tag = own(own(SDK_RULES.arm64Tags, input.framework), input.version);
      if (!tag) {
        throw new ImageUriError(`No arm64 image for ${input.framework} ${input.version}`);
      }
      return tag;
    }
    return plainTag();
  }
  const tag = plainTag();
  if (
    input.instanceType !== undefined &&
    autoSelectsContainerVersion(input.instanceType, input.distribution)
  ) {
    const suffix = own(SDK_RULES.autoContainerVersions, `${input.framework}-${tag}`);
    if (suffix) {
      return `${tag}-${suffix}`;
    }
  }
  return tag;
}

/** The SDK's `_should_auto_select_container_version`: p4d, or smdistributed. */
function autoSelectsContainerVersion(
  instanceType: string,
  distribution: Record<string, unknown> | undefined
): boolean {
  const p4d = !!instanceType && instanceTypeFamily(instanceType) === 'p4d';
  const smdistributed =
    !!distribution &&
    Object.keys(distribution).length > 0 &&
    Object.hasOwn(distribution, 'smdistributed');
  return p4d || smdistributed;
}
