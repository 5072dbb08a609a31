import { Dialog, ReactWidget, showDialog } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';

/** What keeps the form's value from being used, listed above the form. */
export function Problems({ problems }: { problems: string[] }): JSX.Element | null {
  return problems.length > 0 ? (
    <ul className="jp-SageMakerNLP-problems" role="alert">
      {problems.map(problem => (
        <li key={problem}>{problem}</li>
      ))}
    </ul>
  ) : null;
}

/** A form's value, changed a field or more at a time; each change is told to `onChange`. */
export function useFormValue<T>(initial: T, onChange: (value: T) => void): [T, (update: Partial<T>) => void] {
  const [value, setValue] = React.useState(initial);
  const change = (update: Partial<T>) => {
    const next = { ...value, ...update };
    setValue(next);
    onChange(next);
  };
  return [value, change];
}

/** What a form of a dialog is given: where it starts, what is wrong with it, whom to tell of a change. */
export interface IFormBodyProps<T> {
  initial: T;
  problems: string[];
  onChange: (value: T) => void;
}

export interface IAskOptions<T> {
  title: string;
  /** The form, drawn afresh each time the dialog opens. */
  form: (props: IFormBodyProps<T>) => JSX.Element;
  initial: T;
  /** What keeps the value from being used, each naming its fix; none: it is. */
  check: (value: T) => string[];
  accept: string;
  /** The field focused first, e.g. `input[name="endpointName"]`. */
  focus: string;
  trans: TranslationBundle;
}

/**
 * Asks for a value in a dialog of one form; a value with problems brings
 * the dialog back with them named, as typed. Null: cancelled.
 */
export async function askUntilValid<T>(options: IAskOptions<T>): Promise<T | null> {
  let value = options.initial;
  let problems: string[] = [];
  for (;;) {
    const result = await showDialog({
      title: options.title,
      body: new FormBody(options.form, value, problems),
      buttons: [
        Dialog.cancelButton({ label: options.trans.__('Cancel') }),
        Dialog.okButton({ label: options.accept })
      ],
      focusNodeSelector: options.focus
    });
    if (!result.button.accept || !result.value) {
      return null;
    }
    value = result.value;
    problems = options.check(value);
    if (problems.length === 0) {
      return value;
    }
  }
}

class FormBody<T> extends ReactWidget implements Dialog.IBodyWidget<T> {
  constructor(
    private _form: IAskOptions<T>['form'],
    private _initial: T,
    private _problems: string[]
  ) {
    super();
    this._value = _initial;
    this.addClass('jp-SageMakerNLP-trainDialogBody');
  }

  getValue(): T {
    return this._value;
  }

  render(): JSX.Element {
    const Form = this._form;
    return <Form initial={this._initial} problems={this._problems} onChange={value => (this._value = value)} />;
  }

  private _value: T;
}
