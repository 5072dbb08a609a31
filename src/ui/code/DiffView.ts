import { MergeView } from '@codemirror/merge';
import { EditorState, Extension } from '@codemirror/state';
import { EditorView, lineNumbers } from '@codemirror/view';
import { MainAreaWidget } from '@jupyterlab/apputils';
import { IEditorLanguageRegistry, jupyterTheme } from '@jupyterlab/codemirror';
import { TranslationBundle } from '@jupyterlab/translation';
import { Panel, Widget } from '@lumino/widgets';
import { IFileComparison } from './compare';

export interface IDiffContent {
  /** The files compared; empty with `problem`. */
  compared: IFileComparison[];
  /** The job's files not built from the cell (added in the dialog, written by the script). */
  notCompared: string[];
  /** Why there is nothing to compare (no cell, no notebook, no script). */
  problem?: string;
}

/**
 * "Code of <job> vs the cell now": for each changed file, CodeMirror's
 * MergeView side by side (left what the job ran, right the cell now), read
 * only; "identical" when nothing changed. @codemirror/state and view are
 * JupyterLab's shared singletons, so the views use JupyterLab's copies.
 */
export async function diffView(
  jobName: string,
  content: IDiffContent,
  languages: IEditorLanguageRegistry | null,
  trans: TranslationBundle
): Promise<MainAreaWidget<Panel>> {
  const panel = new Panel();
  panel.addClass('jp-SageMakerNLP-codeDiff');
  if (content.problem) {
    panel.addWidget(message(content.problem, 'jp-SageMakerNLP-codeDiffProblem'));
  } else if (content.compared.every(file => file.same)) {
    panel.addWidget(
      message(
        trans.__(
          'Identical: the cell builds exactly the code job %1 ran (%2).',
          jobName,
          content.compared.map(file => file.path).join(', ')
        ),
        'jp-SageMakerNLP-codeDiffSame'
      )
    );
  } else {
    const python = (await languages?.getLanguage('python'))?.support;
    for (const file of content.compared) {
      panel.addWidget(fileDiff(file, python ? [python] : [], trans));
    }
  }
  if (content.notCompared.length > 0) {
    panel.addWidget(
      message(
        trans.__(
          'Not built from the cell, so not compared: %1.',
          content.notCompared.join(', ')
        ),
        'jp-SageMakerNLP-codeDiffNote'
      )
    );
  }
  const widget = new MainAreaWidget({ content: panel });
  widget.id = `sagemaker-nlp-code-diff-${jobName}`;
  widget.title.label = trans.__('Code of %1 vs the cell now', jobName);
  widget.title.closable = true;
  return widget;
}

function fileDiff(file: IFileComparison, language: Extension[], trans: TranslationBundle): Widget {
  const widget = new Widget();
  widget.addClass('jp-SageMakerNLP-fileDiff');
  widget.node.dataset.path = file.path;
  const heading = document.createElement('div');
  heading.className = 'jp-SageMakerNLP-fileDiffHeading';
  heading.textContent = file.same
    ? trans.__('%1: identical', file.path)
    : file.ran === undefined
      ? trans.__('%1: new, the job had no such file', file.path)
      : file.now === undefined
        ? trans.__('%1: the cell no longer builds it', file.path)
        : trans.__('%1: changed', file.path);
  const sides = document.createElement('div');
  sides.className = 'jp-SageMakerNLP-fileDiffSides';
  sides.append(side(trans.__('The job ran')), side(trans.__('The cell now')));
  widget.node.append(heading);
  if (file.same) {
    return widget;
  }
  widget.node.append(sides);
  const extensions = [
    lineNumbers(),
    // Long lines wrap: a change at their end must not be out of sight.
    EditorView.lineWrapping,
    jupyterTheme,
    ...(file.path.endsWith('.py') ? language : []),
    EditorState.readOnly.of(true),
    EditorView.editable.of(false)
  ];
  const view = new MergeView({
    a: { doc: file.ran ?? '', extensions },
    b: { doc: file.now ?? '', extensions },
    parent: widget.node,
    collapseUnchanged: { margin: 3, minSize: 6 }
  });
  widget.disposed.connect(() => view.destroy());
  return widget;
}

function side(text: string): HTMLElement {
  const label = document.createElement('div');
  label.className = 'jp-SageMakerNLP-fileDiffSide';
  label.textContent = text;
  return label;
}

function message(text: string, className: string): Widget {
  const widget = new Widget();
  widget.addClass(className);
  widget.node.textContent = text;
  return widget;
}
