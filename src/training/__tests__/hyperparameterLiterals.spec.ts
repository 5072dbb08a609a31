import { HyperparameterValue } from '../../tokens';
import {
  formatLiteral,
  ITrainChoices,
  parseLiteral,
  specFromChoices
} from '../choices';
import { defaultChoices } from '../defaultChoices';
import { testSettings } from './settings';
import { buildCreateTrainingJobRequest } from '../request';

const AWS = {
  region: 'us-east-1',
  roleArn: 'arn:aws:iam::123456789012:role/SageMakerRole',
  bucket: 'sagemaker-us-east-1-123456789012'
};

/** The choices of a SageMaker job with these hyperparameters, as typed. */
function choicesWith(hyperparameters: Record<string, string>): ITrainChoices {
  const facts = {
    framework: 'pytorch' as const,
    hyperparameters: Object.fromEntries(
      Object.keys(hyperparameters).map(name => [name, 0])
    ),
    channels: [],
    localModules: []
  };
  const settings = testSettings({ defaultTarget: 'sagemaker' });

  return defaultChoices(facts, settings, 'notebook.ipynb', { hyperparameters });
}

function specWith(hyperparameters: Record<string, string>) {
  return specFromChoices(choicesWith(hyperparameters), {
    jobName: 'notebook-2026-01-01-00-00-00-000',
    entryPoint: 'train.py',
    script: '',
    requirements: [],
    extraFileContents: [],
    notebookPath: 'notebook.ipynb',
    cellId: 'train',
    kernelName: 'python3',
    aws: AWS
  });
}

describe('a hyperparameter typed in the dialog', () => {
  it.each<[string, HyperparameterValue]>([
    ['None', null],
    ['True', true],
    ['False', false],
    ['  42  ', 42],
    ['1.0', 1]
  ])('reads %s alone', (text, value) => {
    expect(parseLiteral(text)).toEqual(value);
  });

  it.each<[string, string]>([
    ['"No None left"', 'No None left'],
    ["'True north'", 'True north'],
    ['"False start"', 'False start'],
    ["'it\\'s'", "it's"],
    ['"say \\"hi\\""', 'say "hi"'],
    ['"it\'s"', "it's"],
    ["'tab\\there'", 'tab\there'],
    ['"\\x41\\u00e9\\q"', 'A\u00e9\\q'],
    ['r"C:\\new"', 'C:\\new'],
    ['\'con\' "cat"', 'concat'],
    ['"""triple"""', 'triple'],
    ["''", '']
  ])('keeps the string %s as Python reads it', (text, value) => {
    expect(parseLiteral(text)).toBe(value);
  });

  it.each<[string, HyperparameterValue]>([
    ["{'k': 2}", { k: 2 }],
    ['{"a": "None"}', { a: 'None' }],
    [
      '{"lr": [1e-05, 0.1], \'nested\': {\'on\': True, "off": None}}',
      { lr: [1e-5, 0.1], nested: { on: true, off: null } }
    ],
    ['[[\'a\', "b"], [], [None]]', [['a', 'b'], [], [null]]],
    ['[1, 2,]', [1, 2]],
    ['(1, 2)', [1, 2]],
    ['1, 2', [1, 2]],
    ["('a',)", ['a']],
    ['()', []]
  ])('reads the nested literal %s', (text, value) => {
    expect(parseLiteral(text)).toEqual(value);
  });

  it.each<[string, number]>([
    ['1.', 1],
    ['2.e3', 2000],
    ['1e-05', 1e-5],
    ['.5', 0.5],
    ['-0.0', -0],
    ['-3', -3],
    ['+1', 1],
    ['1_000', 1000],
    ['0x10', 16]
  ])('reads the number %s', (text, value) => {
    expect(parseLiteral(text)).toBe(value);
  });

  it.each([
    'adam',
    'bare words',
    // Python has no literal for infinity: `--lr inf` is the text "inf" to the
    // toolkit too (json.loads fails, the raw value stays).
    'inf',
    'nan',
    "float('inf')",
    '1 + 2',
    '--1',
    '{1, 2}',
    "b'bytes'",
    'f"{x}"',
    '[True, adam]',
    '{1: 2}',
    'x = 1'
  ])('keeps %s, which is not a literal, as its text', text => {
    expect(parseLiteral(text)).toBe(text);
  });

  it('is written back as a Python literal', () => {
    expect(formatLiteral({ a: [true, null, 'x'] })).toBe(
      '{"a": [True, None, "x"]}'
    );
  });

  it('reads back what formatLiteral writes', () => {
    const value = {
      'None key': ['No None left', 'True north', 'quote " and \' and \\'],
      n: [1.5, -2, null, false]
    };
    expect(parseLiteral(formatLiteral(value))).toEqual(value);
  });
});

describe('whole Python floats', () => {
  it('are marked for the request when the literal is a float', () => {
    const spec = specWith({
      dot: '1.',
      zero: '2.0',
      exp: '1e3',
      negative: '-0.0',
      int: '1',
      hex: '0x10',
      text: '"1.0"',
      fraction: '1.5',
      word: 'inf'
    });
    expect(spec.hyperparameters).toEqual({
      dot: 1,
      zero: 2,
      exp: 1000,
      negative: -0,
      int: 1,
      hex: 16,
      text: '1.0',
      fraction: 1.5,
      word: 'inf'
    });
    expect(spec.floatHyperparameters).toEqual(['dot', 'zero', 'exp', 'negative']);
  });

  it('reach SageMaker as the user wrote them', () => {
    const spec = specWith({
      lr: '1.',
      dropout: '-0.0',
      schedule: 'inf',
      note: '"No None left"',
      config: "{'k': 2}"
    });
    const request = buildCreateTrainingJobRequest(spec, spec.sagemaker!, {
      imageUri: 'image',
      region: AWS.region,
      submitDirS3Uri: `s3://${AWS.bucket}/${spec.jobName}/source/sourcedir.tar.gz`
    });
    expect(request.HyperParameters).toMatchObject({
      lr: '1.0',
      dropout: '-0.0',
      schedule: '"inf"',
      note: '"No None left"',
      config: '{"k": 2}'
    });
  });
});
