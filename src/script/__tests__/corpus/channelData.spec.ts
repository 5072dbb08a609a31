import { buildTrainingScript } from '../../index';
import { testSettings } from '../../../training/__tests__/settings';
import { defaultChoices } from '../../../training/defaultChoices';
import { planTrainingJob } from '../../../training/plan';
import { sageMakerChannels } from '../../../training/sagemakerChoices';
import { makeSpec } from '../../../jobs/__tests__/fakes';
import { notebook } from '../cells';

/**
 * Notebook shapes that read their data from channels, written for these
 * tests: each channel the script reads defaults to its folder next to the
 * notebook, and a SageMaker job uploads that folder under the job's base
 * name (`s3://<bucket>/<base>/input/<channel>/`).
 */
interface IShape {
  name: string;
  cells: string[];
  /** The channels found, in order. */
  channels: string[];
}

const SHAPES: IShape[] = [
  {
    name: 'environment default to a folder next to the notebook',
    cells: [
      'import os\nimport pandas as pd',
      'DATA_DIR = os.environ.get("SM_CHANNEL_TRAIN", "data/train")\ndf = pd.read_csv(os.path.join(DATA_DIR, "reviews.csv"))\nprint(len(df))'
    ],
    channels: ['train']
  },
  {
    name: 'argparse defaults from SM_CHANNEL_* for train and validation',
    cells: [
      'import argparse, os',
      [
        'parser = argparse.ArgumentParser()',
        'parser.add_argument("--train", default=os.environ.get("SM_CHANNEL_TRAIN", "data/train"))',
        'parser.add_argument("--validation", default=os.environ.get("SM_CHANNEL_VALIDATION", "data/validation"))',
        'args, _ = parser.parse_known_args()',
        'print(args.train, args.validation)'
      ].join('\n')
    ],
    channels: ['train', 'validation']
  },
  {
    name: 'os.environ[...] in the training cell itself (SDK examples)',
    cells: [
      'import os, glob\nfiles = glob.glob(os.path.join(os.environ["SM_CHANNEL_TRAINING"], "*.jsonl"))\nprint(files)'
    ],
    channels: ['training']
  },
  {
    name: 'os.getenv and a Hugging Face load_dataset of a channel folder',
    cells: [
      'import os\nfrom datasets import load_dataset',
      'data_dir = os.getenv("SM_CHANNEL_TRAIN", "data/train")\ntest_dir = os.getenv("SM_CHANNEL_TEST", "data/test")\nds = load_dataset("csv", data_files={"train": f"{data_dir}/train.csv", "test": f"{test_dir}/test.csv"})\nprint(ds)'
    ],
    channels: ['train', 'test']
  },
  {
    name: 'a notebook that reads no channel at all uploads nothing',
    cells: ['import numpy as np\nx = np.arange(10)\nprint(x.sum())'],
    channels: []
  }
];

const SETTINGS = testSettings({ defaultTarget: 'sagemaker' });
const AWS = {
  region: 'us-east-1',
  roleArn: 'arn:aws:iam::123456789012:role/SageMakerRole',
  bucket: 'sagemaker-us-east-1-123456789012'
};

describe('notebooks that read channels: the folders a SageMaker job uploads', () => {
  it.each(SHAPES)('$name', shape => {
    const cells = notebook(...shape.cells);
    const script = buildTrainingScript(cells, cells.length - 1);
    expect(script.channels).toEqual(shape.channels);
    const choices = defaultChoices(
      { ...script, localModules: [] },
      SETTINGS,
      'work/reviews.ipynb'
    );
    const spec = makeSpec({
      jobName: 'reviews-2026-12-01-10-00-00-000',
      target: 'sagemaker',
      framework: 'sklearn',
      frameworkVersion: '1.2-1',
      pyVersion: 'py3',
      instanceType: 'ml.m5.xlarge',
      instanceCount: 1,
      channels: sageMakerChannels(choices.channels, choices.sagemaker.channels),
      sagemaker: { roleArn: '', bucket: '' }
    });
    const { problems, sagemaker } = planTrainingJob(spec, AWS, {
      trainingImageUri: () => 'image'
    });
    expect(problems).toEqual([]);
    expect(sagemaker!.channelUploads).toEqual(
      shape.channels.map(channel => ({
        channel,
        folder: `work/data/${channel}`,
        s3Uri: `s3://${AWS.bucket}/reviews/input/${channel}/`
      }))
    );
  });
});
