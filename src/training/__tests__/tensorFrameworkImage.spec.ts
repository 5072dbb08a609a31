import { baseFrameworkVersionsFor, frameworkVersions, retrieveImageUri } from '../../catalog';
import { buildTrainingScript } from '../../script';
import { testSettings } from './settings';
import { baseFrameworkProblem, fitToCatalog, huggingFaceVersionsWith } from '../catalogFit';
import { checkChoices } from '../checkChoices';
import { defaultChoices } from '../defaultChoices';

const SETTINGS = testSettings({ defaultTarget: 'sagemaker', instanceType: 'ml.g5.xlarge' });

const code = (source: string, index: number) => ({ id: `c${index}`, cellType: 'code' as const, source, tags: [] });

const KERAS_HF = [
  'import tensorflow as tf\nfrom transformers import TFAutoModelForSequenceClassification, AutoTokenizer',
  [
    'model = TFAutoModelForSequenceClassification.from_pretrained("distilbert-base-uncased")',
    'model.compile(optimizer="adam")',
    'model.fit(tf.data.Dataset.range(1), epochs=1)',
    'model.save_pretrained("out")'
  ].join('\n')
].map(code);

const TORCH_HF = [
  'import torch\nfrom transformers import AutoModelForSequenceClassification, Trainer, TrainingArguments',
  'args = TrainingArguments(output_dir="out")\ntrainer = Trainer(model=AutoModelForSequenceClassification.from_pretrained("b"), args=args)\ntrainer.train()'
].map(code);

function firstChoices(cells: ReturnType<typeof code>[], settings = SETTINGS) {
  const script = buildTrainingScript(cells, cells.length - 1);
  return fitToCatalog(defaultChoices({ ...script, localModules: [] }, settings, 'nb.ipynb'), 'us-east-1');
}

const imageOf = (choices: ReturnType<typeof firstChoices>) =>
  retrieveImageUri({
    framework: choices.framework,
    region: 'us-east-1',
    version: choices.frameworkVersion,
    pyVersion: choices.pyVersion,
    instanceType: choices.instanceType,
    imageScope: 'training',
    baseFrameworkVersion: choices.sagemaker.baseFrameworkVersion
  });

describe('the right container for the code', () => {
  it('knows which transformers versions have a TensorFlow image, from the catalog', () => {
    const withTf = huggingFaceVersionsWith('tensorflow');
    expect(withTf.length).toBeGreaterThan(0);
    const newest = frameworkVersions('huggingface', 'training').slice(-1)[0];
    expect(withTf).not.toContain(newest); // the newest images are PyTorch-only
    for (const version of withTf) {
      expect(baseFrameworkVersionsFor(version, 'training').some(b => b.startsWith('tensorflow'))).toBe(true);
    }
  });

  it('gives Keras Hugging Face code a TensorFlow-based Hugging Face image', () => {
    const choices = firstChoices(KERAS_HF);
    expect(choices.framework).toBe('huggingface');
    expect(choices.sagemaker.baseFrameworkVersion).toMatch(/^tensorflow\d/);
    expect(huggingFaceVersionsWith('tensorflow')).toContain(choices.frameworkVersion);
    expect(imageOf(choices)).toContain('/huggingface-tensorflow-training:');
    expect(baseFrameworkProblem(choices)).toBeNull();
  });

  it('keeps PyTorch code on the newest PyTorch-based image', () => {
    const choices = firstChoices(TORCH_HF);
    expect(choices.frameworkVersion).toBe(frameworkVersions('huggingface', 'training').slice(-1)[0]);
    expect(choices.sagemaker.baseFrameworkVersion).toMatch(/^pytorch\d/);
    expect(imageOf(choices)).toContain('/huggingface-pytorch-training:');
  });

  it('never moves TensorFlow code to a PyTorch image when the chosen version has none: it says which do', () => {
    const newest = frameworkVersions('huggingface', 'training').slice(-1)[0];
    const first = firstChoices(KERAS_HF);
    const moved = fitToCatalog({ ...first, frameworkVersion: newest }, 'us-east-1');
    expect(moved.frameworkVersion).toBe(newest);
    expect(moved.sagemaker.baseFrameworkVersion).toMatch(/^tensorflow/);
    expect(() => imageOf(moved)).toThrow();
    const problem = baseFrameworkProblem(moved)!;
    expect(problem).toContain(`no Hugging Face training image has TensorFlow for transformers ${newest}`);
    for (const version of huggingFaceVersionsWith('tensorflow')) {
      expect(problem).toContain(version);
    }
    // The dialog's check says it in these words, before anything is sent.
    const aws = { region: 'us-east-1', roleArn: 'arn:aws:iam::123456789012:role/R', bucket: 'b' };
    expect(checkChoices(moved, aws, text => text)).toContain(problem);
  });

  it('gives Keras code that imports torch only to find a GPU the TensorFlow container', () => {
    const choices = firstChoices(
      [
        'import torch\nprint(torch.cuda.is_available())\nfrom tensorflow import keras',
        'model = keras.Sequential([keras.layers.Dense(1)])\nmodel.fit([[0.0]], [[0.0]])\nmodel.save("m.keras")'
      ].map(code)
    );
    expect(choices.framework).toBe('tensorflow');
    expect(imageOf(choices)).toContain('/tensorflow-training:');
  });

  it("prefers a TensorFlow version over the settings' one that has no TensorFlow image", () => {
    const newest = frameworkVersions('huggingface', 'training').slice(-1)[0];
    const settings = { ...SETTINGS, frameworkDefaults: { huggingface: { version: newest, pyVersion: 'py312' } } };
    const choices = firstChoices(KERAS_HF, settings);
    expect(huggingFaceVersionsWith('tensorflow')).toContain(choices.frameworkVersion);
    expect(imageOf(choices)).toContain('/huggingface-tensorflow-training:');
  });
});
