import { MainAreaWidget } from '@jupyterlab/apputils';
import { PathExt } from '@jupyterlab/coreutils';
import { TranslationBundle } from '@jupyterlab/translation';
import { ShownReactWidget } from '../shownReactWidget';
import * as React from 'react';
import { sageMakerNLPIcon } from '../icons';
import { CompareRuns, ICompareRunsProps } from './CompareRuns';

/** The comparison's body; it follows running runs only while it is shown. */
class CompareRunsView extends ShownReactWidget {
  constructor(private _props: Omit<ICompareRunsProps, 'visible'>) {
    super();
    this.addClass('jp-SageMakerNLP-compareView');
  }

  protected render(): JSX.Element {
    return <CompareRuns {...this._props} visible={this.isVisible} />;
  }

}

/** "Runs of cell 3 — notebook.ipynb", in the main area. */
export class CompareRunsWidget extends MainAreaWidget<CompareRunsView> {
  constructor(options: CompareRunsWidget.IOptions) {
    const { cellNumber, notebookPath, ...props } = options;
    super({ content: new CompareRunsView(props) });
    const { trans } = props;
    this.cellId = props.cellId;
    this.id = `sagemaker-nlp-compare-${props.cellId}`;
    this.addClass('jp-SageMakerNLP-compareWidget');
    this.title.icon = sageMakerNLPIcon;
    this.title.closable = true;
    const notebook = notebookPath ? PathExt.basename(notebookPath) : '';
    this.title.label =
      cellNumber !== undefined && notebook
        ? trans.__('Runs of cell %1 — %2', cellNumber, notebook)
        : notebook
          ? trans.__('Runs of a cell — %1', notebook)
          : trans.__('Runs of a cell');
    this.title.caption = notebookPath
      ? trans.__('The training runs of this cell of %1, side by side', notebookPath)
      : trans.__('The training runs of this cell, side by side');
  }

  readonly cellId: string;
}

export namespace CompareRunsWidget {
  export interface IOptions extends Omit<ICompareRunsProps, 'visible'> {
    /** The cell's position in its notebook, from 1, for the title. */
    cellNumber?: number;
    notebookPath?: string;
    trans: TranslationBundle;
  }
}
