import { buildTrainingScript } from '../index';
import { notebook } from './cells';

const warningsOf = (...cells: string[]) =>
  buildTrainingScript(notebook(...cells), cells.length - 1).warnings;

describe('code that only works in a notebook', () => {
  it('warns of pushing to the hub, naming cell, line and fix', () => {
    const warnings = warningsOf(
      'from transformers import TrainingArguments, Trainer\nimport os',
      [
        'args = TrainingArguments(',
        '    output_dir="out",',
        '    push_to_hub=True,',
        ')',
        'trainer = Trainer(model=None, args=args)',
        'trainer.train()',
        'trainer.push_to_hub("me/model")'
      ].join('\n')
    );
    expect(warnings).toEqual([
      expect.stringMatching(/^cell 2 line 3: push_to_hub=True: the job has no Hugging Face token.*Set push_to_hub=False/),
      expect.stringMatching(/^cell 2 line 7: \.push_to_hub\(\): the job has no Hugging Face token.*HF_TOKEN/)
    ]);
  });

  it('says nothing of push_to_hub=False, strings or comments', () => {
    const warnings = warningsOf(
      [
        'from transformers import TrainingArguments',
        '# notebook_login() then trainer.push_to_hub()',
        'note = "input() and from google.colab import drive"',
        'import keras_layers\nlayer = keras_layers.input(shape=(3,))',
        'args = TrainingArguments(output_dir="out", push_to_hub=False)'
      ].join('\n')
    );
    expect(warnings).toEqual([]);
  });

  it('warns of a login and a Colab import kept because the cell defines a needed name', () => {
    const warnings = warningsOf(
      'from huggingface_hub import notebook_login\nnotebook_login()\nfrom google.colab import drive\nmodel_name = "bert"',
      'print(model_name)'
    );
    expect(warnings).toEqual([
      expect.stringMatching(/^cell 1 line 2: notebook_login\(\) .* move it to a cell of its own/),
      expect.stringMatching(/^cell 1 line 3: google\.colab exists only in Colab: move it to a cell of its own/)
    ]);
  });

  it('warns of IPython imports, input(), PushToHubCallback and notebook_launcher', () => {
    const warnings = warningsOf(
      [
        'from IPython.display import HTML',
        'import IPython',
        'name = input("model? ")',
        'from transformers import PushToHubCallback',
        'cb = PushToHubCallback(output_dir="m", tokenizer=None)',
        'from accelerate import notebook_launcher',
        'notebook_launcher(print, ("x",), num_processes=2)'
      ].join('\n')
    ).filter(w => !w.includes('saves no model'));
    expect(warnings.map(w => w.split(':')[0])).toEqual([
      'cell 1 line 1', 'cell 1 line 2', 'cell 1 line 3', 'cell 1 line 5', 'cell 1 line 7'
    ]);
    expect(warnings[0]).toContain('IPython is not installed in the training image');
    expect(warnings[2]).toContain('set the value in the parameters cell');
    expect(warnings[3]).toContain('Remove the callback from fit()');
    expect(warnings[4]).toContain('call the training function directly');
  });

  it('names the script train_cell.py when a cell imports a local train module', () => {
    for (const source of ['from train import run\nrun()', 'import train\ntrain.run()', 'import train.utils as tu']) {
      const built = buildTrainingScript(notebook(source), 0);
      expect(built.entryPoint).toBe('train_cell.py');
      expect(built.warnings).toEqual([
        'cell 1 line 1: this imports the local module train.py, so the script is named train_cell.py instead.'
      ]);
    }
    expect(buildTrainingScript(notebook('from trainer import run\nrun()'), 0).entryPoint).toBe('train.py');
    expect(buildTrainingScript(notebook('from .train import run'), 0).entryPoint).toBe('train.py');
  });
});
