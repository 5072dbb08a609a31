/**
 * Hugging Face pipeline tasks by the suffix of the model's class, as its
 * `config.json` (`architectures`) names it; the first match wins. The same
 * table as jupyterlab_sagemaker_nlp/local/hf_tasks.json, which the local
 * endpoint's process reads (a test fails when the two differ).
 */
export const HF_TASKS_BY_HEAD: ReadonlyArray<[string, string]> = [
  ['ForSequenceClassification', 'text-classification'],
  ['ForTokenClassification', 'token-classification'],
  ['ForQuestionAnswering', 'question-answering'],
  ['ForMaskedLM', 'fill-mask'],
  ['ForConditionalGeneration', 'text2text-generation'],
  ['ForCausalLM', 'text-generation'],
  ['LMHeadModel', 'text-generation']
];

/** The task a model's config proposes, and the class it was read from. */
export interface IHfTaskProposal {
  task: string;
  architecture: string;
}

/**
 * The task of the first architecture in a `config.json` (its text, or the
 * parsed object) with a known suffix; undefined when there is none.
 */
export function taskFromConfig(config: unknown): IHfTaskProposal | undefined {
  let parsed = config;
  if (typeof config === 'string') {
    try {
      parsed = JSON.parse(config);
    } catch {
      return undefined;
    }
  }
  const architectures =
    parsed && typeof parsed === 'object' ? (parsed as { architectures?: unknown }).architectures : undefined;
  if (!Array.isArray(architectures)) {
    return undefined;
  }
  for (const architecture of architectures) {
    if (typeof architecture !== 'string') {
      continue;
    }
    const known = HF_TASKS_BY_HEAD.find(([suffix]) => architecture.endsWith(suffix));
    if (known) {
      return { task: known[1], architecture };
    }
  }
  return undefined;
}
