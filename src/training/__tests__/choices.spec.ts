import { buildTrainingScript } from '../../script';
import { testSettings } from './settings';
import { fitToCatalog } from '../catalogFit';
import { checkChoices } from '../checkChoices';
import { ITrainChoices, specFromChoices, validateChoices } from '../choices';
import { defaultChoices } from '../defaultChoices';
import { buildCreateTrainingJobRequest } from '../request';
import { parseKeyValueLines } from '../sagemakerChoices';

const trans = (text: string, ...args: string[]) =>
  args.reduce((t, a, i) => t.replace(`%${i + 1}`, a), text);

const SETTINGS = testSettings();

const AWS = {
  region: 'us-east-1',
  roleArn: 'arn:aws:iam::123456789012:role/SageMakerRole',
  bucket: 'sagemaker-us-east-1-123456789012'
};

function code(id: string, source: string, tags: string[] = []) {
  return { id, cellType: 'code' as const, source, tags };
}

/** The dialog's first values for a small notebook, as a click would make them. */
function choicesFor(cells: ReturnType<typeof code>[]): ITrainChoices {
  const script = buildTrainingScript(cells, cells.length - 1);
  return fitToCatalog(
    defaultChoices(
      { ...script, localModules: [] },
      SETTINGS,
      'work/notebook.ipynb'
    ),
    AWS.region
  );
}

const SKLEARN = [
  code('imports', 'from sklearn.linear_model import LogisticRegression'),
  code('params', 'C = 1.0\nmax_iter = 100\nname = "run"', ['parameters']),
  code(
    'train',
    'import os\nmodel = LogisticRegression(C=C, max_iter=max_iter)\nprint(os.environ.get("SM_CHANNEL_TRAIN"))'
  )
];

describe('the first choices of a click', () => {
  it('come from the script, the settings and the catalog', () => {
    const choices = choicesFor(SKLEARN);
    expect(choices.framework).toBe('sklearn');
    expect(choices.target).toBe('local');
    // The notebook's literal, not JavaScript's number: 1.0 stays 1.0.
    expect(choices.hyperparameters).toEqual({
      C: '1.0',
      max_iter: '100',
      name: '"run"'
    });
    expect(choices.channels).toEqual({ train: 'work/data/train' });
    expect(choices.jobBaseName).toBe('notebook');
    expect(choices.frameworkVersion).toMatch(/^\d+\.\d+-\d$/);
    expect(choices.pyVersion).toBe('py3');
  });

  it('keep what the cell remembers', () => {
    const script = buildTrainingScript(SKLEARN, 2);
    const choices = defaultChoices(
      { ...script, localModules: [] },
      SETTINGS,
      'work/notebook.ipynb',
      { target: 'sagemaker', hyperparameters: { C: '0.5' }, skipDialog: true }
    );
    expect(choices.target).toBe('sagemaker');
    expect(choices.skipDialog).toBe(true);
    expect(choices.hyperparameters.C).toBe('0.5');
    expect(choices.hyperparameters.max_iter).toBe('100');
  });
});

describe('checking the choices', () => {
  it('names the fix for a bad job name, count, channel and regex', () => {
    const choices: ITrainChoices = {
      ...choicesFor(SKLEARN),
      jobBaseName: 'my job!',
      instanceCount: 0,
      channels: { 'bad name': '' },
      metricDefinitions: [{ Name: 'loss', Regex: 'loss=[0-9.]+' }]
    };
    const problems = validateChoices(choices, trans);
    expect(problems).toEqual([
      'Job name "my job!": use letters, digits and hyphens, starting and ending with a letter or digit.',
      'Instance count must be a whole number of 1 or more.',
      'Channel name "bad name": use letters, digits, ".", "-" and "_" only.',
      'Channel "bad name" has no folder: give one or remove it.',
      'Metric "loss": its regex needs exactly one group ( ) around the number.'
    ]);
  });

  it('refuses SageMaker when the server has no AWS setup', () => {
    const choices = { ...choicesFor(SKLEARN), target: 'sagemaker' as const };
    expect(checkChoices(choices, null, trans)).toContain(
      'SageMaker is not set up on this server.'
    );
  });

  it('refuses a local folder as an S3 channel and Hugging Face on a CPU', () => {
    const sklearn = { ...choicesFor(SKLEARN), target: 'sagemaker' as const };
    sklearn.sagemaker = { ...sklearn.sagemaker, channels: { train: '/data' } };
    expect(checkChoices(sklearn, AWS, trans).join('\n')).toMatch(
      /Channel "train": "\/data" is not an S3 URI/
    );

    const hf = {
      ...choicesFor([
        code('imports', 'import transformers'),
        code('train', 'transformers.Trainer')
      ]),
      target: 'sagemaker' as const,
      instanceType: 'ml.m5.xlarge'
    };
    expect(checkChoices(hf, AWS, trans).join('\n')).toMatch(
      /Unsupported processor cpu for huggingface .* choose one of gpu/
    );
  });

  it('fits Hugging Face to a GPU instance and a base framework the catalog has', () => {
    const hf = choicesFor([
      code('imports', 'import transformers'),
      code('train', 'transformers.Trainer')
    ]);
    const fitted = fitToCatalog({ ...hf, target: 'sagemaker' }, AWS.region);
    expect(fitted.instanceType).toMatch(/^ml\.(g|p)/);
    expect(fitted.sagemaker.baseFrameworkVersion).toMatch(/^pytorch/);
    expect(checkChoices(fitted, AWS, trans)).toEqual([]);
  });
});

describe('choices to a SageMaker request', () => {
  it('carries spot, VPC, KMS, environment and tags as the SDK options', () => {
    const choices: ITrainChoices = {
      ...choicesFor(SKLEARN),
      target: 'sagemaker',
      sagemaker: {
        ...choicesFor(SKLEARN).sagemaker,
        channels: { train: `s3://${AWS.bucket}/data` },
        useSpot: true,
        maxWaitSeconds: 90000,
        maxRuntimeSeconds: 3600,
        subnets: 'subnet-1, subnet-2',
        securityGroupIds: 'sg-1',
        kmsKeyId: 'alias/key',
        environment: 'A=1\n# comment\nB = two',
        tags: 'team=nlp'
      }
    };
    expect(checkChoices(choices, AWS, trans)).toEqual([]);
    const spec = specFromChoices(choices, {
      jobName: 'notebook-2026-11-27-00-00-00-000',
      entryPoint: 'train.py',
      script: 'print(1)',
      requirements: ['numpy==2.0'],
      extraFileContents: [{ path: 'utils.py', content: 'X = 1' }],
      notebookPath: 'work/notebook.ipynb',
      cellId: 'train',
      kernelName: 'python3',
      aws: AWS
    });
    expect(spec.sourceFiles.map(f => f.path)).toEqual([
      'train.py',
      'requirements.txt',
      'utils.py'
    ]);
    expect(spec.floatHyperparameters).toEqual(['C']);
    const request = buildCreateTrainingJobRequest(spec, spec.sagemaker!, {
      imageUri: 'image',
      region: AWS.region,
      submitDirS3Uri: `s3://${AWS.bucket}/${spec.jobName}/source/sourcedir.tar.gz`
    });
    expect(request.HyperParameters!.C).toBe('1.0');
    expect(request.HyperParameters!.max_iter).toBe('100');
    expect(request.HyperParameters!.name).toBe('"run"');
    expect(request.EnableManagedSpotTraining).toBe(true);
    expect(request.StoppingCondition).toEqual({
      MaxRuntimeInSeconds: 3600,
      MaxWaitTimeInSeconds: 90000
    });
    expect(request.VpcConfig).toEqual({
      Subnets: ['subnet-1', 'subnet-2'],
      SecurityGroupIds: ['sg-1']
    });
    expect(request.ResourceConfig.VolumeKmsKeyId).toBe('alias/key');
    expect(request.Environment).toEqual({ A: '1', B: 'two' });
    expect(request.Tags).toContainEqual({ Key: 'team', Value: 'nlp' });
  });

  it('reports lines that are not KEY=VALUE', () => {
    expect(parseKeyValueLines('A=1\nnot a pair').problems).toEqual([
      'line 2: "not a pair" is not KEY=VALUE'
    ]);
  });
});
