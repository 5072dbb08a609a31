import { Framework } from '../tokens';
import { PythonSource } from './pythonSyntax';

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

export type TensorFramework = 'pytorch' | 'tensorflow';

const TENSORFLOW_PACKAGES = ['tensorflow', 'keras', 'tf_keras'];
const TORCH_PACKAGES = PACKAGES_BY_FRAMEWORK.find(([framework]) => framework === 'pytorch')![1];
/** Transformers' TensorFlow classes: TFAutoModelForSequenceClassification, TFBertModel, TFTrainer… */
const TRANSFORMERS_TF_CLASS = /^TF[A-Z]\w*$/;
const KERAS = /^keras$/;

/** A taken cell, as far as telling its tensor library goes. */
export interface ITensorCell {
  python: PythonSource | null;
  names: { imports: ReadonlySet<string> } | null;
}

/**
 * The tensor library the code runs on, which picks a Hugging Face image's
 * base framework. Keras (`import keras`, `tf.keras`, `from tensorflow import
 * keras`) and Transformers' `TF*` classes say TensorFlow even when torch is
 * imported too (notebooks import it to ask for a GPU).
 */
export function detectTensorFramework(cells: ITensorCell[]): TensorFramework | null {
  const imports = new Set(cells.flatMap(cell => [...(cell.names?.imports ?? [])]));
  const tfNames = [
    ...(imports.has('transformers') ? [TRANSFORMERS_TF_CLASS] : []),
    ...(imports.has('tensorflow') ? [KERAS] : [])
  ];
  const usesTensorFlowApi = cells.some(
    ({ python }) => python !== null && tfNames.length > 0 && namesAny(python, tfNames)
  );
  if (usesTensorFlowApi || imports.has('keras') || imports.has('tf_keras')) {
    return 'tensorflow';
  }
  if (TORCH_PACKAGES.some(name => imports.has(name))) {
    return 'pytorch';
  }
  return TENSORFLOW_PACKAGES.some(name => imports.has(name)) ? 'tensorflow' : null;
}

function namesAny(python: PythonSource, patterns: RegExp[]): boolean {
  let found = false;
  python.tree.iterate({
    enter: ref => {
      if (found) {
        return false;
      }
      if (ref.name === 'VariableName' || ref.name === 'PropertyName') {
        const name = python.text.slice(ref.from, ref.to);
        found = patterns.some(pattern => pattern.test(name));
      }
      return undefined;
    }
  });
  return found;
}
