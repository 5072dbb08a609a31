import { MainAreaWidget } from '@jupyterlab/apputils';
import { CodeEditor, CodeEditorWrapper, IEditorServices } from '@jupyterlab/codeeditor';
import { TranslationBundle } from '@jupyterlab/translation';
import { TabPanel, Widget } from '@lumino/widgets';
import { skippedReason } from '../../backends/jobSourceFiles';
import { ISourceFile } from '../../tokens';

/**
 * "Code of <job>": one tab per file, each in JupyterLab's own editor, read
 * only, highlighted by its file type; a file not shown says why.
 */
export function jobCodeView(
  jobName: string,
  files: ReadonlyArray<ISourceFile>,
  editors: IEditorServices,
  trans: TranslationBundle
): MainAreaWidget<TabPanel> {
  const tabs = new TabPanel();
  tabs.addClass('jp-SageMakerNLP-jobCode');
  for (const file of entryPointFirst(files)) {
    tabs.addWidget(fileTab(file, editors, trans));
  }
  if (files.length === 0) {
    tabs.addWidget(note(trans.__('This job ran no files.'), trans.__('No files')));
  }
  const widget = new MainAreaWidget({ content: tabs });
  widget.id = `sagemaker-nlp-code-${jobName}`;
  widget.title.label = trans.__('Code of %1', jobName);
  widget.title.closable = true;
  return widget;
}

function fileTab(file: ISourceFile, editors: IEditorServices, trans: TranslationBundle): Widget {
  const reason = skippedReason(file);
  if (reason) {
    return note(trans.__('%1 is not shown: %2.', file.path, reason), file.path);
  }
  const model = new CodeEditor.Model({
    mimeType: editors.mimeTypeService.getMimeTypeByFilePath(file.path)
  });
  model.sharedModel.setSource(file.content);
  const editor = new CodeEditorWrapper({
    factory: editors.factoryService.newDocumentEditor,
    model,
    editorOptions: { config: { readOnly: true, lineNumbers: true } }
  });
  editor.addClass('jp-SageMakerNLP-codeFile');
  editor.node.dataset.path = file.path;
  editor.title.label = file.path;
  editor.disposed.connect(() => model.dispose());
  return editor;
}

function note(text: string, label: string): Widget {
  const widget = new Widget();
  widget.addClass('jp-SageMakerNLP-codeNote');
  widget.node.textContent = text;
  widget.title.label = label;
  return widget;
}

/** The script first: it is what the user came to read. */
function entryPointFirst(files: ReadonlyArray<ISourceFile>): ISourceFile[] {
  const rank = (path: string) =>
    path === 'train.py' || path === 'train_cell.py' ? 0 : path === 'requirements.txt' ? 1 : 2;
  return [...files].sort((a, b) => rank(a.path) - rank(b.path));
}
