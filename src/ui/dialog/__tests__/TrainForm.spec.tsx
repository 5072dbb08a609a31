import { ReactWidget } from '@jupyterlab/apputils';
import { sleep } from '@jupyterlab/testing';
import { nullTranslator } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';
import React from 'react';
import { buildTrainingScript } from '../../../script';
import { testSettings } from '../../../training/__tests__/settings';
import { defaultChoices } from '../../../training/defaultChoices';
import { ITrainFormProps, TrainForm } from '../TrainForm';

const SETTINGS = testSettings();

/** A notebook whose training cell uses a name no earlier cell defines. */
const SCRIPT = buildTrainingScript(
  [
    { id: 'imports', cellType: 'code', source: 'import torch', tags: [] },
    { id: 'train', cellType: 'code', source: 'torch.save(model, "m.pt")', tags: [] }
  ],
  1
);

const AWS_PROBLEMS = [
  'No AWS credentials: configure a profile or an instance role, then restart JupyterLab.',
  'No AWS region: set one in Settings → SageMaker NLP training.'
];

describe('TrainForm', () => {
  let widget: Widget;

  async function show(props: Partial<ITrainFormProps> = {}): Promise<HTMLElement> {
    const all: ITrainFormProps = {
      initial: defaultChoices(
        { ...SCRIPT, localModules: [] },
        SETTINGS,
        'notebook.ipynb'
      ),
      cells: SCRIPT.cells.map(c => ({ label: `Cell ${c.index + 1}`, reason: c.reason })),
      script: SCRIPT.script,
      requirements: SCRIPT.requirements,
      translations: SCRIPT.translations,
      warnings: SCRIPT.warnings,
      fileNeeds: [],
      modelSaves: [],
      candidateFiles: [],
      awsSetup: null,
      awsProblems: AWS_PROBLEMS,
      problems: [],
      trans: nullTranslator.load('jupyterlab'),
      onChange: () => undefined,
      ...props
    };
    widget = ReactWidget.create(<TrainForm {...all} />);
    Widget.attach(widget, document.body);
    // React renders the widget on a later tick.
    for (let i = 0; i < 100 && !widget.node.firstChild; i++) {
      await sleep(10);
    }
    return widget.node;
  }

  afterEach(() => widget.dispose());

  const lines = (node: HTMLElement, selector: string) =>
    Array.from(node.querySelectorAll(`${selector} li`)).map(li => li.textContent);

  it('gives each reason SageMaker cannot be picked a line of its own', async () => {
    const node = await show();
    expect(lines(node, '.jp-SageMakerNLP-awsProblems')).toEqual(AWS_PROBLEMS);
    const sagemaker = node.querySelector<HTMLInputElement>('input[value="sagemaker"]')!;
    expect(sagemaker.disabled).toBe(true);
    expect(sagemaker.parentElement!.textContent).not.toContain('restart');
  });

  it('shows the script warnings outside the collapsed preview', async () => {
    const node = await show();
    expect(SCRIPT.warnings).toHaveLength(1);
    expect(lines(node, '.jp-SageMakerNLP-warnings')).toEqual(SCRIPT.warnings);
    expect(
      node.querySelector('.jp-SageMakerNLP-warnings')!.closest('details')
    ).toBeNull();
  });

  it('shows neither list when there is nothing to say', async () => {
    const node = await show({
      warnings: [],
      awsSetup: {
        region: 'us-east-1',
        roleArn: 'arn:aws:iam::123456789012:role/SageMakerRole',
        bucket: 'sagemaker-us-east-1-123456789012'
      },
      awsProblems: []
    });
    expect(node.querySelector('.jp-SageMakerNLP-awsProblems')).toBeNull();
    expect(node.querySelector('.jp-SageMakerNLP-warnings')).toBeNull();
    expect(node.querySelector<HTMLInputElement>('input[value="sagemaker"]')!.disabled).toBe(false);
  });

  it('offers a file the script reads as a source file, ticked when chosen', async () => {
    let latest = defaultChoices({ ...SCRIPT, localModules: [] }, SETTINGS, 'nb/notebook.ipynb');
    latest = { ...latest, extraFiles: ['nb/reviews.csv'] };
    const node = await show({
      initial: latest,
      fileNeeds: [
        { path: 'reviews.csv', cellIndex: 2, line: 4, found: 'nb/reviews.csv', kind: 'file', binary: false },
        { path: 'corpus', cellIndex: 3, line: 1, found: 'nb/corpus', kind: 'directory', binary: false }
      ],
      onChange: choices => (latest = choices)
    });
    const file = node.querySelector<HTMLInputElement>('input[name="need-nb/reviews.csv"]')!;
    const folder = node.querySelector<HTMLInputElement>('input[name="need-nb/corpus"]')!;
    expect(file.parentElement!.textContent).toBe(
      'Ship reviews.csv with the job (cell 3 line 4 reads it; no cell writes it)'
    );
    expect([file.checked, folder.checked]).toEqual([true, false]);
    folder.click();
    await sleep(10);
    expect(latest.extraFiles).toEqual(['nb/reviews.csv', 'nb/corpus']);
    file.click();
    await sleep(10);
    expect(latest.extraFiles).toEqual(['nb/corpus']);
  });

  it('says where the model will be saved from', async () => {
    const node = await show({
      modelSaves: [{ path: 'results', cellIndex: 4, line: 7, how: 'trainer.save_model' }]
    });
    const saves = node.querySelector('.jp-SageMakerNLP-modelSaves')!;
    expect(saves.textContent).toContain('The model will be saved from `results` and kept');
    expect(lines(node, '.jp-SageMakerNLP-modelSaves')).toEqual(['cell 5 line 7: trainer.save_model']);
    widget.dispose();
    const direct = await show({
      modelSaves: [{ path: '$SM_MODEL_DIR', cellIndex: 4, line: 9, how: 'joblib.dump' }]
    });
    expect(direct.querySelector('.jp-SageMakerNLP-modelSaves')!.textContent).toContain(
      'The model is saved into SM_MODEL_DIR'
    );
    expect(direct.textContent).not.toContain('$SM_MODEL_DIR');
    widget.dispose();
    expect((await show()).querySelector('.jp-SageMakerNLP-modelSaves')).toBeNull();
  });
});
