import { Dialog, ReactWidget, showDialog } from '@jupyterlab/apputils';
import React from 'react';
import { ITrainChoices } from '../../training/choices';
import { ITrainFormProps, TrainForm } from './TrainForm';

type FormOptions = Omit<ITrainFormProps, 'onChange' | 'problems' | 'initial'>;

class TrainFormWidget
  extends ReactWidget
  implements Dialog.IBodyWidget<ITrainChoices>
{
  constructor(
    private _options: FormOptions,
    private _choices: ITrainChoices,
    private _problems: string[]
  ) {
    super();
    this.addClass('jp-SageMakerNLP-trainDialogBody');
  }

  getValue(): ITrainChoices {
    return this._choices;
  }

  render(): JSX.Element {
    return (
      <TrainForm
        {...this._options}
        initial={this._choices}
        problems={this._problems}
        onChange={choices => (this._choices = choices)}
      />
    );
  }
}

/**
 * Asks for the job's choices. Invalid choices bring the dialog back with
 * the problems listed and the user's values kept; `null` means cancelled.
 */
export async function askTrainChoices(
  options: FormOptions,
  initial: ITrainChoices,
  validate: (choices: ITrainChoices) => string[]
): Promise<ITrainChoices | null> {
  const { trans } = options;
  let choices = initial;
  let problems: string[] = [];
  for (;;) {
    const body = new TrainFormWidget(options, choices, problems);
    const result = await showDialog({
      title: trans.__('Train this cell'),
      body,
      buttons: [
        Dialog.cancelButton({ label: trans.__('Cancel') }),
        Dialog.okButton({ label: trans.__('Start training') })
      ],
      focusNodeSelector: 'input[name="jobBaseName"]'
    });
    if (!result.button.accept || !result.value) {
      return null;
    }
    choices = result.value;
    problems = validate(choices);
    if (problems.length === 0) {
      return choices;
    }
  }
}
