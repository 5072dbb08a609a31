import { buildTrainingScript } from '../index';
import { callChangesObject } from '../methodEffects';
import { analyzeNames } from '../pythonNames';
import { PythonSource } from '../pythonSyntax';
import { notebook } from './cells';

const mutates = (code: string) => [...analyzeNames(new PythonSource(code)).mutates].sort();
const takenCells = (cells: string[]) =>
  buildTrainingScript(notebook(...cells), cells.length - 1).cells.map(c => c.index + 1);

describe('looking is not changing', () => {
  it('does not count read-only and unknown method calls as changes', () => {
    expect(
      mutates(
        [
          'tokenizer.decode(ids)',
          'tokenizer.batch_decode(batch["input_ids"][:2])',
          'metric.compute(predictions=fake_preds, references=labels)',
          'model.summary()',
          'df.head()',
          'dataset["train"].features.keys()',
          'model.print_trainable_parameters()',
          'trainer.evaluate()',
          'plt.plot(history.history["loss"])',
          'os.makedirs("out", exist_ok=True)'
        ].join('\n')
      )
    ).toEqual([]);
  });

  it('counts known mutators, in-place methods, families and inplace=True', () => {
    expect(
      mutates(
        [
          'nltk.download("punkt")',
          'np.random.seed(0)',
          'model.to(device)',
          'model.eval()',
          'tokenizer.add_special_tokens({"pad_token": "[PAD]"})',
          'data.set_format("torch")',
          'emb.weight.requires_grad_(False)',
          'tf.random.set_seed(1)',
          'trainer.add_callback(cb)',
          'net.load_state_dict(state)',
          'labels.append(3)',
          'df.dropna(inplace=True)',
          'sys.path.insert(0, "src")'
        ].join('\n')
      )
    ).toEqual(['data', 'df', 'emb', 'labels', 'model', 'net', 'nltk', 'np', 'sys', 'tf', 'tokenizer', 'trainer']);
  });

  it('keeps assignments to attributes and items as changes', () => {
    expect(mutates('model.config.pad_token_id = tok.eos_token_id\nbatch["x"] = 1')).toEqual(['batch', 'model']);
  });

  it('reads inplace=True from the syntax, not from a string', () => {
    expect(mutates('df.rename(columns={"inplace=True": "a"})')).toEqual([]);
    expect(callChangesObject('head', true)).toBe(true);
    expect(callChangesObject('fill_', false)).toBe(true);
    expect(callChangesObject('_private', false)).toBe(false);
  });

  it('leaves a cell that only looks at a needed object out of the script', () => {
    const cells = [
      'from transformers import AutoTokenizer\ntokenizer = AutoTokenizer.from_pretrained("bert-base-uncased")',
      'ids = tokenizer("hello")["input_ids"]\ntokenizer.decode(ids)',
      'import evaluate\nmetric = evaluate.load("accuracy")',
      'metric.compute(predictions=[0, 1], references=[0, 1])',
      'encoded = tokenizer(["a", "b"])\nprint(metric.compute(predictions=[1], references=[1]))'
    ];
    expect(takenCells(cells)).toEqual([1, 3, 5]);
  });

  it('still takes a cell that downloads what the training needs', () => {
    const cells = [
      'import nltk',
      'nltk.download("punkt")',
      'nltk.word_tokenize("peek at it")',
      'tokens = nltk.word_tokenize("train on this")'
    ];
    expect(takenCells(cells)).toEqual([1, 2, 4]);
  });
});
