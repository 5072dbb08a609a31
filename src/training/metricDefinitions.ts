import { Framework, IMetricDefinition } from '../tokens';

/**
 * A number as training logs print it: `3`, `-0.5`, `.5`, `1e-05`, `5.0e-5`.
 * `nan` and `inf` are left out: CloudWatch cannot store them, so a line
 * with one yields no value rather than a wrong one.
 *
 * Every regex here keeps to what JavaScript and Python regexes share (no
 * lookbehind, no named groups, no inline flags) and has one capture group,
 * because SageMaker applies them with Python to each log line.
 */
export const METRIC_NUMBER = '[-+]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][-+]?\\d+)?';

/**
 * SageMaker's limits on AlgorithmSpecification.MetricDefinitions. The local
 * runner applies the same (tests/test_definition_parity.py).
 */
export const MAX_METRIC_DEFINITIONS = 40;
export const MAX_METRIC_NAME_LENGTH = 255;
export const MAX_METRIC_REGEX_LENGTH = 500;
/** Capture groups a metric regex has: one, around the value SageMaker reads. */
export const METRIC_REGEX_GROUPS = 1;

/** What keeps these definitions from making metrics, each naming its fix. */
export function checkMetricDefinitions(
  definitions: ReadonlyArray<IMetricDefinition>
): string[] {
  const problems: string[] = [];
  if (definitions.length > MAX_METRIC_DEFINITIONS) {
    problems.push(
      `There are ${definitions.length} metric definitions; SageMaker allows at most ${MAX_METRIC_DEFINITIONS}: remove some.`
    );
  }
  const seen = new Set<string>();
  for (const definition of definitions) {
    const problem = checkMetricDefinition(definition, seen);
    if (problem) {
      problems.push(problem);
    }
    seen.add(definition.Name);
  }
  return problems;
}

/** What CloudWatch keeps in a metric name: ASCII 32 to 126. */
function isPrintableAscii(char: string): boolean {
  return char >= ' ' && char <= '~';
}

function checkMetricDefinition(
  { Name, Regex }: IMetricDefinition,
  seen: ReadonlySet<string>
): string | null {
  if (!Name.trim()) {
    return 'A metric definition has no name: name it or remove it.';
  }
  const refused = [...Name].find(char => !isPrintableAscii(char));
  if (refused !== undefined) {
    const suggestion = [...Name].map(char => (isPrintableAscii(char) ? char : '_')).join('');
    return `Metric ${JSON.stringify(Name)}: CloudWatch takes metric names of printable ASCII only, and this one has ${JSON.stringify(refused)}: rename it, e.g. ${JSON.stringify(suggestion)}.`;
  }
  if (Name.length > MAX_METRIC_NAME_LENGTH) {
    return `Metric "${Name.slice(0, 40)}…": the name has ${Name.length} characters; SageMaker allows at most ${MAX_METRIC_NAME_LENGTH}. Shorten it.`;
  }
  if (seen.has(Name)) {
    return `Metric "${Name}" is defined twice: keep one definition.`;
  }
  if (!Regex) {
    return `Metric "${Name}" has no regex: add one, e.g. ${Name}=([0-9.]+)`;
  }
  if (Regex.length > MAX_METRIC_REGEX_LENGTH) {
    return `Metric "${Name}": the regex has ${Regex.length} characters; SageMaker allows at most ${MAX_METRIC_REGEX_LENGTH}. Shorten it.`;
  }
  let groups: number;
  try {
    // An empty alternative always matches, so exec() tells the group count.
    groups = new RegExp(`${Regex}|`).exec('')!.length - 1;
  } catch {
    return `Metric "${Name}": its regex does not compile; fix it.`;
  }
  return groups === METRIC_REGEX_GROUPS
    ? null
    : `Metric "${Name}": its regex needs exactly one group ( ) around the number; it has ${groups}.`;
}

/**
 * Hugging Face Trainer prints a dict per logging step: transformers 4
 * prints the floats bare (`'loss': 0.6931`), transformers 5 formats them as
 * strings (`'loss': '0.6931'`). The quotes around the key keep `loss` from
 * matching `train_loss` or `eval_loss`.
 */
function trainerLogKey(name: string): IMetricDefinition {
  return { Name: name, Regex: `['"]${name}['"]: ['"]?(${METRIC_NUMBER})` };
}

/** `name: value` or `name=value` (or `name": value` from JSON). */
function namedValue(name: string, pattern: string, prefix = ''): IMetricDefinition {
  return {
    Name: name,
    Regex: `${prefix}\\b${pattern}['"]?\\s*[=:]\\s*(${METRIC_NUMBER})`
  };
}

/**
 * Keras redraws its progress bar with `\r` and `\b` on one log line, so the
 * greedy `[\s\S]*` skips to the last value: the epoch's result. Its names
 * are joined by underscores, so `\bloss` never finds `val_loss`.
 */
const LAST_ON_LINE = '[\\s\\S]*';

const HUGGING_FACE = [
  'loss',
  'learning_rate',
  'grad_norm',
  'epoch',
  'eval_loss',
  'eval_accuracy',
  'eval_f1',
  'train_loss',
  'train_runtime',
  'train_samples_per_second'
].map(trainerLogKey);

/** Keras `fit` progress: `… - accuracy: 0.5000 - loss: 0.6931 - val_accuracy: …`. */
const KERAS = ['loss', 'accuracy', 'val_loss', 'val_accuracy'].map(name =>
  namedValue(name, name, LAST_ON_LINE)
);

const TRAIN = '(?:[Tt]rain(?:ing)?[_ -]?)?';
const VALIDATION = '(?:[Vv]al(?:id(?:ation)?)?|[Ee]val)[_ -]?';
const ACCURACY = '[Aa]cc(?:uracy)?';
const F1 = '[Ff]1(?:[_ -]?score)?';

/**
 * What hand-written loops tend to print: `loss=0.69`, `train_accuracy=0.9`,
 * `Validation loss: 0.7`, `val_acc: 0.5`, `f1 = 0.8`. The first value on the
 * line counts, since such a line often reads `train loss: 0.7, val loss: 0.6`.
 */
const GENERIC = [
  namedValue('loss', `${TRAIN}[Ll]oss`),
  namedValue('accuracy', `${TRAIN}${ACCURACY}`),
  namedValue('f1', `${TRAIN}${F1}`),
  namedValue('val_loss', `${VALIDATION}[Ll]oss`),
  namedValue('val_accuracy', `${VALIDATION}${ACCURACY}`),
  namedValue('val_f1', `${VALIDATION}${F1}`)
];

/** Metric definitions that fit what a framework's training loop logs. */
export function defaultMetricDefinitions(
  framework: Framework | null
): IMetricDefinition[] {
  const definitions =
    framework === 'huggingface'
      ? HUGGING_FACE
      : framework === 'tensorflow'
        ? KERAS
        : GENERIC;
  return definitions.map(definition => ({ ...definition }));
}
