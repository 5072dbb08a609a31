/**
 * Which method calls change their object when their result is displayed or
 * dropped (`obj.method(…)` as a statement). Looking at an object
 * (`tokenizer.decode(ids)`, `model.summary()`) must not drag the cell into
 * the script; calling it for effect (`nltk.download("punkt")`,
 * `model.to(device)`, `df.drop(…, inplace=True)`) must.
 */

/** Methods real notebooks call for what they do, not for what they return. */
const MUTATORS = new Set([
  // list, dict, set, deque
  'append', 'appendleft', 'extend', 'extendleft', 'insert', 'update', 'add', 'pop',
  'popitem', 'remove', 'discard', 'clear', 'sort', 'reverse', 'setdefault',
  // fitting and training
  'fit', 'partial_fit', 'fit_transform', 'fit_generator', 'train', 'fine_tune',
  'fit_one_cycle', 'compile', 'build', 'build_vocab', 'step', 'zero_grad', 'backward',
  'optimize', 'learn',
  // devices, modes and modules
  'to', 'cuda', 'cpu', 'half', 'float', 'bfloat16', 'eval', 'apply', 'freeze',
  'unfreeze', 'tie_weights', 'gradient_checkpointing_enable', 'prepare_model_for_kbit_training',
  // datasets and tokenizers
  'set_format', 'reset_format', 'add_tokens', 'add_special_tokens',
  'resize_token_embeddings', 'add_pipe', 'add_label',
  // state from elsewhere, seeds, environment, logging
  'download', 'seed', 'manual_seed', 'manual_seed_all', 'seed_everything', 'init',
  'login', 'chdir', 'filterwarnings', 'simplefilter', 'basicConfig', 'putenv'
]);

/** Prefixes of method families that change state: `set_seed`, `add_callback`, `load_weights`… */
const MUTATOR_PREFIXES = [
  'set_', 'add_', 'register_', 'enable_', 'disable_', 'load_', 'train_', 'fit_', 'freeze_',
  'unfreeze_'
];

/** Methods that only read, even if their names look like a family above. */
const READ_ONLY = new Set([
  'decode', 'batch_decode', 'encode', 'encode_plus', 'batch_encode_plus', 'tokenize',
  'convert_ids_to_tokens', 'convert_tokens_to_ids', 'convert_tokens_to_string',
  'compute', 'summary', 'head', 'tail', 'describe', 'info', 'sample', 'value_counts',
  'print_trainable_parameters', 'num_parameters', 'get_vocab', 'keys', 'values', 'items',
  'get', 'count', 'index', 'copy', 'predict', 'predict_proba', 'evaluate', 'generate',
  'score', 'transform', 'plot', 'show', 'most_similar', 'similarity', 'parameters',
  'named_parameters', 'state_dict', 'get_params', 'to_dict', 'to_json_string',
  'is_available', 'device_count', 'memory_allocated', 'unique', 'nunique', 'isnull',
  'isna', 'sum', 'mean', 'max', 'min', 'shape', 'select', 'filter', 'map', 'shuffle',
  'train_test_split', 'load_metric'
]);

/**
 * Whether a statement `obj.<method>(…)` changes `obj`. A call that says
 * `inplace=True` (pandas) changes it whatever the method's name.
 */
export function callChangesObject(method: string, inplace: boolean): boolean {
  if (inplace) {
    return true;
  }
  if (READ_ONLY.has(method)) {
    return false;
  }
  return (
    MUTATORS.has(method) ||
    isTorchInPlace(method) ||
    MUTATOR_PREFIXES.some(prefix => method.startsWith(prefix))
  );
}

/** `zero_()`, `requires_grad_()`, `uniform_()`: torch's in-place methods end in one underscore. */
function isTorchInPlace(method: string): boolean {
  return /^[a-z][a-z0-9_]*[a-z0-9]_$/.test(method);
}
