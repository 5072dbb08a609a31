/**
 * The error the catalog throws where `sagemaker.image_uris.retrieve` raises.
 * It names the argument and, when there are any, the valid choices, so a
 * dialog can show it as is.
 */
export class ImageUriError extends Error {
  constructor(
    message: string,
    readonly choices: readonly string[] = []
  ) {
    super(message);
    this.name = 'ImageUriError';
  }
}

/** Throws unless `value` is one of `choices` (the SDK's `_validate_arg`). */
export function checkArg(
  value: string | undefined | null,
  choices: readonly string[],
  argName: string,
  context?: string
): asserts value is string {
  if (value !== undefined && value !== null && choices.includes(value)) {
    return;
  }
  const shown = value === undefined || value === null ? '(none)' : value;
  const where = context ? ` for ${context}` : '';
  const options = choices.length ? choices.join(', ') : '(none available)';
  throw new ImageUriError(
    `Unsupported ${argName} ${shown}${where}: choose one of ${options}`,
    choices
  );
}

/** The value of an own key, never one inherited from Object.prototype. */
export function own<T>(
  record: Record<string, T> | undefined,
  key: string | undefined | null
): T | undefined {
  if (!record || key === undefined || key === null) {
    return undefined;
  }
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
