import * as fs from 'fs';
import * as path from 'path';
import { HF_TASKS_BY_HEAD, taskFromConfig } from '../hfTask';

describe('taskFromConfig', () => {
  it('proposes the task of the model class config.json names', () => {
    expect(taskFromConfig('{"architectures": ["BertForSequenceClassification"], "num_labels": 2}')).toEqual({
      task: 'text-classification',
      architecture: 'BertForSequenceClassification'
    });
    expect(taskFromConfig({ architectures: ['GPT2LMHeadModel'] })).toEqual({
      task: 'text-generation',
      architecture: 'GPT2LMHeadModel'
    });
  });

  it('takes the first architecture with a known task', () => {
    expect(taskFromConfig({ architectures: ['MyModel', 3, 'T5ForConditionalGeneration'] })).toEqual({
      task: 'text2text-generation',
      architecture: 'T5ForConditionalGeneration'
    });
  });

  it('proposes nothing for a bare encoder, no architectures, or not JSON', () => {
    expect(taskFromConfig({ architectures: ['BertModel'] })).toBeUndefined();
    expect(taskFromConfig({ architectures: 'BertForMaskedLM' })).toBeUndefined();
    expect(taskFromConfig('{}')).toBeUndefined();
    expect(taskFromConfig('{"architectures": [')).toBeUndefined();
    expect(taskFromConfig(null)).toBeUndefined();
  });

  it('uses the table the local endpoint process reads (local/hf_tasks.json)', () => {
    const file = path.join(__dirname, '../../../jupyterlab_sagemaker_nlp/local/hf_tasks.json');
    expect(JSON.parse(fs.readFileSync(file, 'utf-8'))).toEqual(HF_TASKS_BY_HEAD);
  });
});
