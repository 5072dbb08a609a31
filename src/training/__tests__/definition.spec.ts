import * as fs from 'fs';
import * as path from 'path';
import { ITrainingJobSpec } from '../../tokens';
import {
  checkJobDefinition,
  trainingJobDefinition,
  validateChannelName
} from '../definition';
import { validateJobName } from '../jobName';
import { checkMetricDefinitions } from '../metricDefinitions';

/** The verdicts the local runner gives too (tests/test_definition_parity.py). */
const RULES = JSON.parse(
  fs.readFileSync(path.join(__dirname, 'fixtures', 'job-rules.json'), 'utf-8')
) as Record<
  'jobNames' | 'channelNames' | 'metricRegexes' | 'metricNames',
  { valid: string[]; invalid: string[] }
>;

const SPEC: ITrainingJobSpec = {
  jobName: 'job-1',
  target: 'local',
  framework: 'sklearn',
  frameworkVersion: '1.2-1',
  pyVersion: 'py3',
  entryPoint: 'train.py',
  sourceFiles: [{ path: 'train.py', content: 'print(1)' }],
  hyperparameters: { C: 1, max_iter: 100, name: 'run', tags: ['a', 'é'] },
  floatHyperparameters: ['C'],
  channels: { train: 'data/train', test: 'data/test' },
  metricDefinitions: [{ Name: 'accuracy', Regex: 'accuracy=([0-9.]+)' }],
  instanceType: 'local',
  instanceCount: 1,
  notebookPath: 'work/a#b.ipynb',
  cellId: 'cell-1',
  kernelName: 'python3'
};

describe('trainingJobDefinition', () => {
  it('encodes the hyperparameters as the SDK does, with the script-mode keys', () => {
    expect(trainingJobDefinition(SPEC)).toEqual({
      TrainingJobName: 'job-1',
      HyperParameters: {
        C: '1.0',
        max_iter: '100',
        name: '"run"',
        tags: '["a", "\\u00e9"]',
        sagemaker_program: '"train.py"',
        sagemaker_container_log_level: '20',
        sagemaker_job_name: '"job-1"'
      },
      AlgorithmSpecification: {
        MetricDefinitions: [{ Name: 'accuracy', Regex: 'accuracy=([0-9.]+)' }]
      },
      InputDataConfig: [{ ChannelName: 'train' }, { ChannelName: 'test' }],
      ResourceConfig: { InstanceCount: 1, InstanceType: 'local' },
      Tags: [
        { Key: 'sagemaker-nlp:notebook', Value: 'work/a@23b.ipynb' },
        { Key: 'sagemaker-nlp:cell', Value: 'cell-1' }
      ]
    });
  });

  it('adds the region, the submit directory and the log level when given', () => {
    const { HyperParameters } = trainingJobDefinition(SPEC, {
      region: 'eu-west-1',
      submitDirectory: 's3://b/job-1/source/sourcedir.tar.gz',
      containerLogLevel: 10
    });
    expect(Object.keys(HyperParameters).slice(4)).toEqual([
      'sagemaker_submit_directory',
      'sagemaker_program',
      'sagemaker_container_log_level',
      'sagemaker_job_name',
      'sagemaker_region'
    ]);
    expect(HyperParameters.sagemaker_region).toBe('"eu-west-1"');
    expect(HyperParameters.sagemaker_container_log_level).toBe('10');
  });

  it('keeps its own script-mode keys over a user value of that name', () => {
    const spec = { ...SPEC, hyperparameters: { sagemaker_program: 'other.py' } };
    expect(trainingJobDefinition(spec).HyperParameters.sagemaker_program).toBe(
      '"train.py"'
    );
  });

  it('leaves out what there is none of', () => {
    const definition = trainingJobDefinition({
      ...SPEC,
      channels: {},
      metricDefinitions: []
    });
    expect(definition.AlgorithmSpecification).toEqual({});
    expect('InputDataConfig' in definition).toBe(false);
  });
});

describe('the rules of a job definition, shared with the local runner', () => {
  it.each(RULES.jobNames.valid)('accepts the job name %j', name => {
    expect(validateJobName(name)).toBeNull();
  });

  it.each(RULES.jobNames.invalid)('refuses the job name %j', name => {
    expect(validateJobName(name)).not.toBeNull();
  });

  it.each(RULES.channelNames.valid)('accepts the channel name %j', name => {
    expect(validateChannelName(name)).toBeNull();
  });

  it.each(RULES.channelNames.invalid)('refuses the channel name %j', name => {
    expect(validateChannelName(name)).toMatch(/rename the channel\.$/);
  });

  it.each(RULES.metricRegexes.valid)('accepts the metric regex %j', regex => {
    expect(checkMetricDefinitions([{ Name: 'm', Regex: regex }])).toEqual([]);
  });

  it.each(RULES.metricNames.valid)('accepts the metric name %j', name => {
    expect(checkMetricDefinitions([{ Name: name, Regex: 'v=([0-9.]+)' }])).toEqual([]);
  });

  it.each(RULES.metricNames.invalid)('refuses the metric name %j, naming the fix', name => {
    const problems = checkMetricDefinitions([{ Name: name, Regex: 'v=([0-9.]+)' }]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/name it|rename it/);
  });

  it.each(RULES.metricRegexes.invalid)('refuses the metric regex %j', regex => {
    expect(checkMetricDefinitions([{ Name: 'm', Regex: regex }])).toHaveLength(1);
  });
});

describe('checkJobDefinition', () => {
  it('accepts a good spec', () => {
    expect(checkJobDefinition(SPEC)).toEqual([]);
  });

  it('names every fix', () => {
    const many = Array.from({ length: 41 }, (_, i) => ({
      Name: `m${i}`,
      Regex: `m${i}=([0-9.]+)`
    }));
    expect(
      checkJobDefinition({
        ...SPEC,
        jobName: 'my_job',
        channels: { '..': 'x', ok: 'y' },
        metricDefinitions: [
          ...many,
          { Name: 'm0', Regex: 'm0=([0-9.]+)' },
          { Name: 'two', Regex: '(a)=(b)' },
          { Name: 'x'.repeat(256), Regex: 'x=(1)' }
        ]
      })
    ).toEqual([
      'A job name may use only letters, digits and hyphens, and must start and end with a letter or digit. Replace "_" with a hyphen.',
      'Channel name "..": use 1 to 64 letters, digits, ".", "-" and "_" (not "." or ".."); rename the channel.',
      'There are 44 metric definitions; SageMaker allows at most 40: remove some.',
      'Metric "m0" is defined twice: keep one definition.',
      'Metric "two": its regex needs exactly one group ( ) around the number; it has 2.',
      `Metric "${'x'.repeat(40)}…": the name has 256 characters; SageMaker allows at most 255. Shorten it.`
    ]);
  });
});
