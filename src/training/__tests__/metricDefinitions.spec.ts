/// <reference types="node" />
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { Framework, IMetricDefinition } from '../../tokens';
import { defaultMetricDefinitions, METRIC_NUMBER } from '../metricDefinitions';

const PYTHON = path.resolve(__dirname, '../../../.venv/bin/python');

/**
 * Real output: a BertForSequenceClassification (hidden size 32, 2 layers)
 * trained by transformers 5.24's Trainer for 2 epochs, logging every 2 steps,
 * then `print(trainer.evaluate())`; and Keras 3.15 (torch backend) `fit`
 * with verbose=1 (progress bar, redrawn with \r and \b) then verbose=2.
 */
const fixture = (name: string) =>
  fs.readFileSync(path.join(__dirname, 'fixtures', name), 'utf8').split('\n').filter(l => l);
const TRAINER_LINES = fixture('transformers-5.24-trainer.log');
const KERAS_LINES = fixture('keras-3.15-fit.log');

/** Metric name → value for one log line, as SageMaker reads it: the first capture group. */
function metricsOf(definitions: IMetricDefinition[], line: string): Record<string, number> {
  const found: Record<string, number> = {};
  for (const { Name, Regex } of definitions) {
    const match = new RegExp(Regex).exec(line);
    if (match) {
      found[Name] = Number(match[1]);
    }
  }
  return found;
}

const HF = defaultMetricDefinitions('huggingface');
const KERAS = defaultMetricDefinitions('tensorflow');
const GENERIC = defaultMetricDefinitions('pytorch');

describe('METRIC_NUMBER', () => {
  it.each([
    ['0.6931', '0.6931'],
    ['1e-05', '1e-05'],
    ['5.0e-5', '5.0e-5'],
    ['-0.5', '-0.5'],
    ['.25', '.25'],
    ['12', '12'],
    ['8.75E+02,', '8.75E+02'],
    ['3. ', '3.']
  ])('reads %j as %j', (text, number) => {
    expect(new RegExp(`^${METRIC_NUMBER}`).exec(text)?.[0]).toBe(number);
  });

  it('reads no number from nan or inf', () => {
    expect(new RegExp(`^${METRIC_NUMBER}`).exec('nan')).toBeNull();
    expect(new RegExp(`^${METRIC_NUMBER}`).exec('-inf')).toBeNull();
  });
});

describe('Hugging Face Trainer metrics', () => {
  it('reads the training log lines of transformers 5', () => {
    expect(metricsOf(HF, TRAINER_LINES[0])).toEqual({
      loss: 0.6939,
      grad_norm: 0.4509,
      learning_rate: 8.75e-6,
      epoch: 0.5
    });
  });

  it('reads evaluation lines without taking eval_loss for loss', () => {
    expect(metricsOf(HF, TRAINER_LINES[2])).toEqual({
      eval_loss: 0.6927,
      eval_accuracy: 0.5312,
      epoch: 1
    });
  });

  it('reads the summary line without taking train_loss for loss', () => {
    const summary = TRAINER_LINES.find(l => l.includes('train_runtime'))!;
    expect(metricsOf(HF, summary)).toEqual({
      train_runtime: 0.0806,
      train_samples_per_second: 794.4,
      train_loss: 0.6924,
      epoch: 2
    });
  });

  it('reads the bare floats transformers 4 prints and a dict printed by hand', () => {
    expect(
      metricsOf(HF, "{'loss': 0.6931, 'grad_norm': 1.2, 'learning_rate': 1e-05, 'epoch': 0.5}")
    ).toEqual({ loss: 0.6931, grad_norm: 1.2, learning_rate: 1e-5, epoch: 0.5 });
    expect(metricsOf(HF, "{'loss': -0.5, 'learning_rate': 5.0e-5}")).toEqual({
      loss: -0.5,
      learning_rate: 5e-5
    });
    expect(metricsOf(HF, TRAINER_LINES[TRAINER_LINES.length - 1])).toMatchObject({
      eval_loss: 0.6927265524864197,
      eval_accuracy: 0.53125,
      epoch: 2
    });
  });

  it('gives no value for nan rather than a wrong one', () => {
    expect(metricsOf(HF, "{'loss': 'nan', 'grad_norm': 'nan', 'learning_rate': '1e-05', 'epoch': '0.1'}"))
      .toEqual({ learning_rate: 1e-5, epoch: 0.1 });
    expect(metricsOf(HF, "{'loss': nan, 'epoch': 0.1}")).toEqual({ epoch: 0.1 });
  });
});

describe('Keras fit metrics', () => {
  it('reads the last values of a redrawn progress bar line', () => {
    expect(KERAS_LINES[0]).toBe('Epoch 1/2');
    expect(KERAS_LINES[1]).toContain('\r');
    expect(metricsOf(KERAS, KERAS_LINES[0])).toEqual({});
    expect(metricsOf(KERAS, KERAS_LINES[1])).toEqual({
      accuracy: 0.2917,
      loss: 0.9566,
      val_accuracy: 0.5625,
      val_loss: 0.7784
    });
  });

  it('reads verbose=2 lines', () => {
    expect(metricsOf(KERAS, KERAS_LINES[5])).toEqual({
      accuracy: 0.2917,
      loss: 0.9563,
      val_accuracy: 0.5625,
      val_loss: 0.7783
    });
  });

  it('reads the exponent form Keras uses for small values', () => {
    // Keras' progbar prints values under 1e-3 with "{:.4e}".
    expect(metricsOf(KERAS, '1/1 - 0s - 5ms/step - loss: 3.2100e-04 - val_loss: 1.0000e-05')).toEqual({
      loss: 3.21e-4,
      val_loss: 1e-5
    });
  });
});

describe('metrics of hand-written loops (PyTorch, scikit-learn, MXNet)', () => {
  it.each([
    ['epoch 1: loss=0.6931 accuracy=0.5', { loss: 0.6931, accuracy: 0.5 }],
    ['Epoch 2 | Loss: 0.35 | Acc: 0.91 | val_loss: 0.4 | val_acc: 0.88 | F1: 0.9', { loss: 0.35, accuracy: 0.91, val_loss: 0.4, val_accuracy: 0.88, f1: 0.9 }],
    // The lines the sklearn example notebook prints.
    ['train_accuracy=0.9375', { accuracy: 0.9375 }],
    ['validation_accuracy=0.8417', { val_accuracy: 0.8417 }],
    ['validation_f1=0.8376', { val_f1: 0.8376 }],
    ['Training Loss = 0.25 | Validation Loss = 0.5 | eval_f1 = 0.75', { loss: 0.25, val_loss: 0.5, val_f1: 0.75 }],
    ['train loss: 0.7, val loss: 0.6', { loss: 0.7, val_loss: 0.6 }],
    ['{"loss": 1e-3, "f1_score": 0.5}', { loss: 0.001, f1: 0.5 }],
    ['100%|##########| 10/10 [00:01<00:00, loss=0.123]', { loss: 0.123 }],
    ['Epoch[0] Train-accuracy=0.512', { accuracy: 0.512 }],
    ['step 10 grad_norm=1.5', {}]
  ])('reads %j', (line, expected) => {
    expect(metricsOf(GENERIC, line)).toEqual(expected);
  });

  it('serves sklearn, MXNet and unknown frameworks the same definitions', () => {
    for (const framework of ['sklearn', 'mxnet', null] as Array<Framework | null>) {
      expect(defaultMetricDefinitions(framework)).toEqual(GENERIC);
    }
  });
});

describe('every definition', () => {
  const all = [HF, KERAS, GENERIC].flat();

  it('has exactly one capture group and only syntax Python shares', () => {
    for (const { Regex } of all) {
      expect(new RegExp(`${Regex}|`).exec('')!.length).toBe(2);
      expect(Regex).not.toMatch(/\(\?<|\(\?[a-z]|\\[pPk]/);
      expect(Regex.length).toBeLessThanOrEqual(500); // SageMaker's limit
    }
  });

  it('is a fresh copy the caller may change', () => {
    defaultMetricDefinitions('huggingface')[0].Name = 'changed';
    expect(defaultMetricDefinitions('huggingface')[0].Name).toBe('loss');
  });

  it('finds the same values with Python, as SageMaker applies them', () => {
    if (!fs.existsSync(PYTHON)) {
      throw new Error(`${PYTHON} is missing: run \`make install\` to create the project's Python.`);
    }
    const lines = [
      ...TRAINER_LINES,
      ...KERAS_LINES,
      'Loss: 0.5, val_acc=0.25',
      'Training Loss = 0.25 | Validation Loss = 0.5 | eval_f1 = 0.75',
      "{'loss': 'nan'}"
    ];
    const sets = { huggingface: HF, tensorflow: KERAS, pytorch: GENERIC };
    const python = `
import json, re, sys
sets, lines = json.load(sys.stdin)
print(json.dumps({
    name: [{d["Name"]: float(m.group(1)) for d in defs for m in [re.search(d["Regex"], line)] if m}
           for line in lines]
    for name, defs in sets.items()
}))`;
    const fromPython = JSON.parse(
      execFileSync(PYTHON, ['-c', python], { input: JSON.stringify([sets, lines]), encoding: 'utf8' })
    );
    for (const [name, definitions] of Object.entries(sets)) {
      expect(fromPython[name]).toEqual(lines.map(line => metricsOf(definitions, line)));
    }
  });
});
