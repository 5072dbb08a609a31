import { Framework } from '../tokens';

/** In order of precedence: a Transformers notebook also imports torch. */
const PACKAGES_BY_FRAMEWORK: Array<[Framework, string[]]> = [
  ['huggingface', ['transformers', 'sentence_transformers', 'peft', 'trl', 'setfit']],
  ['pytorch', ['torch', 'torchvision', 'torchaudio', 'torchtext', 'lightning', 'pytorch_lightning']],
  ['tensorflow', ['tensorflow', 'keras', 'tf_keras']],
  ['mxnet', ['mxnet', 'gluonnlp']],
  ['sklearn', ['sklearn']]
];

/** The framework container a script needs, from the packages it imports. */
export function detectFramework(imports: ReadonlySet<string>): Framework | null {
  for (const [framework, packages] of PACKAGES_BY_FRAMEWORK) {
    if (packages.some(name => imports.has(name))) {
      return framework;
    }
  }
  return null;
}
