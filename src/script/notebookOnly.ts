import { SyntaxNode } from '@lezer/common';
import { ICellRemark } from './ipythonSyntax';
import { children, PythonSource } from './pythonSyntax';
import { callArguments, calleeName, eachNode } from './syntaxWalk';

/**
 * Code that works in a notebook but not in a training job, found in the
 * syntax tree (so strings and comments never count), each with its fix.
 */

/** The script's name, unless a cell imports a local module of that name. */
const ENTRY_POINT = 'train.py';
const ENTRY_POINT_BESIDE_TRAIN_MODULE = 'train_cell.py';

/** A notebook cell's translated Python, and where it stands in the notebook. */
export interface ICellPython {
  index: number;
  python: PythonSource | null;
  /** Only the cell's imports go into the script. */
  importsOnly?: boolean;
}

export interface INotebookOnlyFindings {
  entryPoint: string;
  /** "cell N line L: … <fix>", in notebook order. */
  warnings: string[];
}

/** The script's name and what in the taken cells only works in a notebook. */
export function findNotebookOnlyCode(cells: ICellPython[]): INotebookOnlyFindings {
  const entryModule = ENTRY_POINT.replace(/\.py$/, '');
  const remarks = cells.flatMap(({ index, python, importsOnly }) =>
    python
      ? notebookOnlyCode(python, entryModule, importsOnly).map(remark => ({ index, ...remark }))
      : []
  );
  const clashes = remarks.some(remark => remark.text.startsWith(CLASH));
  const entryPoint = clashes ? ENTRY_POINT_BESIDE_TRAIN_MODULE : ENTRY_POINT;
  return {
    entryPoint,
    warnings: remarks.map(({ index, line, text }) => {
      const said = text.startsWith(CLASH) ? `${text} ${entryPoint} instead.` : text;
      return `cell ${index + 1} line ${line}: ${said}`;
    })
  };
}

const CLASH = 'this imports the local module';
const CALLS_AND_IMPORTS = new Set(['CallExpression', 'ImportStatement']);

const NO_HUB_TOKEN =
  'the job has no Hugging Face token, so pushing to the Hub fails at the end of training.';
const HUB_FIX =
  'Leave it out (the model is kept from SM_MODEL_DIR), or pass the token as an HF_TOKEN environment variable.';
const OWN_CELL = 'move it to a cell of its own, which the script then leaves out.';

const CALL_WARNINGS: Record<string, string> = {
  PushToHubCallback: `PushToHubCallback: ${NO_HUB_TOKEN} Remove the callback from fit(). ${HUB_FIX}`,
  push_to_hub: `.push_to_hub(): ${NO_HUB_TOKEN} ${HUB_FIX}`,
  notebook_login:
    'notebook_login() waits for someone to type a token, which a job cannot do: ' +
    `${OWN_CELL} A job logs in from an HF_TOKEN environment variable.`,
  input: 'input() waits for typing, which a job cannot do: set the value in the parameters cell instead.',
  notebook_launcher:
    'notebook_launcher() starts processes from a notebook: call the training function directly ' +
    '(`fn(*args)`); for several GPUs or instances, choose the instance count and distribution in the dialog.'
};

/** What in one cell will not work in a job, by line. */
export function notebookOnlyCode(
  source: PythonSource,
  entryModule: string,
  importsOnly = false
): ICellRemark[] {
  const remarks: ICellRemark[] = [];
  const note = (node: SyntaxNode, text: string) =>
    remarks.push({ line: source.lineAt(node.from), text });
  eachNode(source, CALLS_AND_IMPORTS, node => {
    if (node.name === 'CallExpression' && !importsOnly) {
      const name = calleeName(node, source);
      const isMethod = node.firstChild?.name === 'MemberExpression';
      if (name && name in CALL_WARNINGS && !(isMethod && name === 'input')) {
        note(node, CALL_WARNINGS[name]);
      }
      const pushes = callArguments(node, source).keywords.get('push_to_hub');
      if (pushes && !['False', 'None'].includes(source.textOf(pushes))) {
        note(pushes, `push_to_hub=True: ${NO_HUB_TOKEN} Set push_to_hub=False. ${HUB_FIX}`);
      }
    } else if (node.name === 'ImportStatement') {
      const text = importRemark(importedModules(node, source), entryModule);
      if (text) {
        note(node, text);
      }
    }
  });
  return remarks;
}

function importRemark(modules: string[], entryModule: string): string | null {
  const within = (prefix: string) =>
    modules.some(m => m === prefix || m.startsWith(`${prefix}.`));
  if (within('google.colab')) {
    return `google.colab exists only in Colab: ${OWN_CELL} The job reads its data from the channels (SM_CHANNEL_<NAME>), not from Drive.`;
  }
  if (within('IPython')) {
    return (
      'IPython is not installed in the training image, so this import fails. Move it to a cell of its own, ' +
      'which the script then leaves out (display() then prints to the job log), or add ipython to the requirements.'
    );
  }
  if (within(entryModule)) {
    return `${CLASH} ${entryModule}.py, so the script is named`;
  }
  return null;
}

/**
 * Dotted modules an import names: `from a.b import c` → a.b, a.b.c
 * (c may be a module); `import a.b as x, d` → a.b, d. Relative imports name none.
 */
export function importedModules(node: SyntaxNode, source: PythonSource): string[] {
  const nodes = children(node);
  const dottedBefore = (part: SyntaxNode[]) => {
    const end = part.findIndex(n => n.name === 'as');
    return (end < 0 ? part : part.slice(0, end))
      .filter(n => n.name === 'VariableName')
      .map(n => source.textOf(n))
      .join('.');
  };
  const clauses = (part: SyntaxNode[]) => {
    const result: SyntaxNode[][] = [[]];
    part.forEach(n => (n.name === ',' ? result.push([]) : result[result.length - 1].push(n)));
    return result.map(dottedBefore).filter(name => name !== '');
  };
  if (nodes[0].name !== 'from') {
    return clauses(nodes.slice(1));
  }
  const importAt = nodes.findIndex(n => n.name === 'import');
  if (nodes[1].name !== 'VariableName') {
    return []; // from . import x
  }
  const module = dottedBefore(nodes.slice(1, importAt));
  return [module, ...clauses(nodes.slice(importAt + 1)).map(name => `${module}.${name}`)];
}
