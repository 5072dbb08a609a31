/** The most a SageMaker training job name may have. */
export const MAX_JOB_NAME_LENGTH = 63;

/** SageMaker's pattern for training job names (CreateTrainingJob). */
export const JOB_NAME_PATTERN = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;

const FALLBACK_BASE = 'training';

/**
 * `<base>-YYYY-MM-DD-HH-MM-SS-mmm` in UTC, as the SageMaker Python SDK's
 * `name_from_base` makes it: the base is cut so the whole name fits in 63
 * characters. Unlike the SDK, the base is first made valid: every run of
 * characters other than letters, digits and hyphens becomes one hyphen.
 */
export function makeJobName(base: string, now = new Date()): string {
  const timestamp = sagemakerTimestamp(now);
  const room = MAX_JOB_NAME_LENGTH - timestamp.length - 1;
  const valid = base
    .replace(/[^a-zA-Z0-9-]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, room)
    .replace(/-+$/, '');
  return `${valid || FALLBACK_BASE}-${timestamp}`;
}

/** Null when SageMaker accepts the name, else what to change. */
export function validateJobName(name: string): string | null {
  if (name.length === 0) {
    return 'Enter a job name.';
  }
  if (name.length > MAX_JOB_NAME_LENGTH) {
    return `A job name has at most ${MAX_JOB_NAME_LENGTH} characters; this one has ${name.length}. Shorten it.`;
  }
  if (!JOB_NAME_PATTERN.test(name)) {
    const bad = name.match(/[^a-zA-Z0-9-]/);
    const fix = bad
      ? `Replace "${bad[0]}" with a hyphen.`
      : 'Start and end it with a letter or digit.';
    return `A job name may use only letters, digits and hyphens, and must start and end with a letter or digit. ${fix}`;
  }
  return null;
}

/** `2024-01-02-03-04-05-006`: the SDK's `sagemaker_timestamp`, in UTC. */
function sagemakerTimestamp(now: Date): string {
  const pad = (value: number, width = 2) => String(value).padStart(width, '0');
  return [
    now.getUTCFullYear(),
    pad(now.getUTCMonth() + 1),
    pad(now.getUTCDate()),
    pad(now.getUTCHours()),
    pad(now.getUTCMinutes()),
    pad(now.getUTCSeconds()),
    pad(now.getUTCMilliseconds(), 3)
  ].join('-');
}
