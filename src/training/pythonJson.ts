import { HyperparameterValue } from '../tokens';

/**
 * Python's `json.dumps(value)` with its defaults, which the SageMaker
 * Python SDK applies to every hyperparameter: `", "` and `": "` separators,
 * non-ASCII escaped as `\uXXXX` (ensure_ascii), floats as Python's `repr`.
 *
 * A JavaScript number does not say whether the notebook had `2` or `2.0`:
 * safe integers are written as Python ints (`2`), everything else as a
 * Python float (`1e-05`, `0.1`, `1.5e+16`).
 */
export function pythonJsonDumps(value: HyperparameterValue): string {
  if (value === null) {
    return 'null';
  }
  if (typeof value === 'boolean') {
    return value ? 'true' : 'false';
  }
  if (typeof value === 'number') {
    return pythonNumber(value);
  }
  if (typeof value === 'string') {
    return pythonString(value);
  }
  if (Array.isArray(value)) {
    return `[${value.map(pythonJsonDumps).join(', ')}]`;
  }
  const items = Object.entries(value).map(
    ([key, item]) => `${pythonString(key)}: ${pythonJsonDumps(item)}`
  );
  return `{${items.join(', ')}}`;
}

/**
 * Hyperparameters as the SDK sends them: each value `json.dumps`-ed. The
 * names in `floats` held a whole Python float (`1.0`), which a JavaScript
 * number cannot tell from `1`: they are written as floats.
 */
export function encodeHyperparameters(
  values: Record<string, HyperparameterValue>,
  floats: Iterable<string> = []
): Record<string, string> {
  const whole = new Set(floats);
  const encoded: Record<string, string> = {};
  for (const [name, value] of Object.entries(values)) {
    encoded[name] =
      whole.has(name) && typeof value === 'number'
        ? pythonFloatRepr(value)
        : pythonJsonDumps(value);
  }
  return encoded;
}

function pythonNumber(value: number): string {
  if (Number.isNaN(value)) {
    return 'NaN';
  }
  if (!Number.isFinite(value)) {
    return value > 0 ? 'Infinity' : '-Infinity';
  }
  if (Number.isSafeInteger(value)) {
    return String(value);
  }
  return pythonFloatRepr(value);
}

/**
 * `repr(float)`: the shortest digits that read back to the same double
 * (JavaScript finds the same ones), written in fixed notation when the
 * decimal exponent is in [-4, 16), else as `d.ddde±XX`.
 */
export function pythonFloatRepr(value: number): string {
  const sign = value < 0 || Object.is(value, -0) ? '-' : '';
  const [mantissa, exponentText] = Math.abs(value).toExponential().split('e');
  const digits = mantissa.replace('.', '');
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 16) {
    const fraction = digits.length > 1 ? `.${digits.slice(1)}` : '';
    const expSign = exponent < 0 ? '-' : '+';
    const expDigits = String(Math.abs(exponent)).padStart(2, '0');
    return `${sign}${digits[0]}${fraction}e${expSign}${expDigits}`;
  }
  if (exponent < 0) {
    return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
  }
  const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
  const fraction = digits.slice(exponent + 1) || '0';
  return `${sign}${whole}.${fraction}`;
}

const SHORT_ESCAPES: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f'
};

/**
 * Everything outside printable ASCII is escaped; the regex walks UTF-16
 * code units, so an emoji becomes its two surrogates, as in Python.
 */
function pythonString(text: string): string {
  const escaped = text.replace(
    /[\\"]|[^ -~]/g,
    char =>
      SHORT_ESCAPES[char] ??
      `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`
  );
  return `"${escaped}"`;
}
