import { SyntaxNode } from '@lezer/common';
import { cellStringConstants, IStringSourceCell, pathValue, StringConstants } from './pathValues';
import { PythonSource } from './pythonSyntax';
import {
  argumentAt,
  callArguments,
  calleeName,
  calleeText,
  eachNode,
  eachNodeWithin,
  ICallArguments
} from './syntaxWalk';
import { IModelSave, MODEL_DIR_PATH } from './types';

/** A save into SageMaker's model folder itself: nothing to copy. */
export { MODEL_DIR_PATH };

/** `TrainingArguments` and the configs that extend it (TRL's trainers). */
const OUTPUT_DIR_CONFIGS =
  /(^|\.)((Seq2Seq)?TrainingArguments|(SFT|DPO|ORPO|KTO|CPO|GRPO|PPO|Reward)Config)$/;
const NUMPY = /^(np|numpy|jnp)\./;
const CALLS = new Set(['CallExpression']);
const ASSIGNMENTS = new Set(['AssignStatement']);

/** Where a call saves: the argument's position and keyword; null when the call saves nothing. */
function savedArgument(call: SyntaxNode, source: PythonSource, args: ICallArguments): SyntaxNode | null {
  const name = calleeName(call, source);
  const callee = calleeText(call, source);
  if (OUTPUT_DIR_CONFIGS.test(callee)) {
    return argumentAt(args, 0, 'output_dir');
  }
  switch (name) {
    case 'save_model': // trainer.save_model(path); tf.keras.models.save_model(model, path)
      return /(^|\.)models\.save_model$|^save_model$/.test(callee)
        ? argumentAt(args, 1, 'filepath')
        : argumentAt(args, 0, 'output_dir');
    case 'save_pretrained':
      return argumentAt(args, 0, 'save_directory');
    case 'save':
      if (NUMPY.test(callee)) {
        return null; // arrays, not a model
      }
      return /^torch\.save$/.test(callee) ? argumentAt(args, 1, 'f') : argumentAt(args, 0, 'filepath');
    case 'save_weights':
      return argumentAt(args, 0, 'filepath');
    case 'to_disk': // spaCy
      return argumentAt(args, 0, 'path');
    case 'dump': // joblib.dump(m, path), pickle.dump(m, open(path, "wb"))
      return /^(joblib|pickle|dill|cloudpickle)\.dump$|^dump$/.test(callee)
        ? openedPath(argumentAt(args, 1, 'filename') ?? args.keywords.get('file') ?? null, source)
        : null;
    case 'fit': // sentence-transformers: model.fit(…, output_path=…)
      return args.keywords.get('output_path') ?? null;
    default:
      return null;
  }
}

/** `open(path, "wb")` stands for `path`. */
function openedPath(node: SyntaxNode | null, source: PythonSource): SyntaxNode | null {
  if (node?.name === 'CallExpression' && calleeText(node, source) === 'open') {
    return callArguments(node, source).positional[0] ?? null;
  }
  return node;
}

/** A save whose path only the running job knows. */
export interface IUnknownSave {
  cellIndex: number;
  line: number;
  how: string;
}

export interface IModelSaves {
  saves: IModelSave[];
  unknown: IUnknownSave[];
}

/** A taken cell, as far as finding its saves goes. */
export interface ISavingCell extends IStringSourceCell {
  index: number;
}

/**
 * Where the taken cells save a model, in notebook order. `cells` is the
 * whole notebook (constants are looked up through earlier cells);
 * `isTaken` says which cells are in the script.
 */
export function findModelSaves(cells: ISavingCell[], isTaken: (index: number) => boolean): IModelSaves {
  const constants = cellStringConstants(cells, index => !isTaken(index));
  const result: IModelSaves = { saves: [], unknown: [] };
  const taken = cells.filter(cell => isTaken(cell.index) && cell.python);
  const modelDirNames = new Set<string>();
  taken.forEach(cell => namesHoldingModelDir(cell.python!, modelDirNames));
  for (const cell of taken) {
    const python = cell.python!;
    eachNode(python, CALLS, node => {
      const args = callArguments(node, python);
      const saved = savedArgument(node, python, args);
      if (!saved) {
        return;
      }
      const line = python.lineAt(node.from);
      const how = describeCall(node, python, saved);
      const path = savedPath(saved, python, constants[cell.index], modelDirNames);
      if (path === null) {
        result.unknown.push({ cellIndex: cell.index, line, how });
      } else {
        result.saves.push({ path, cellIndex: cell.index, line, how });
      }
    });
  }
  return result;
}

function savedPath(
  node: SyntaxNode,
  source: PythonSource,
  constants: StringConstants,
  modelDirNames: Set<string>
): string | null {
  if (mentionsModelDir(node, source, modelDirNames)) {
    return MODEL_DIR_PATH;
  }
  const path = pathValue(node, source, constants);
  if (path !== null && (path === '/opt/ml/model' || path.startsWith('/opt/ml/model/'))) {
    return MODEL_DIR_PATH;
  }
  return path;
}

/**
 * `os.environ["SM_MODEL_DIR"]`, `os.path.join(model_dir, "m")` after
 * `model_dir = os.getenv("SM_MODEL_DIR")`, and `args.model_dir` (the
 * SageMaker examples' `--model-dir` argument).
 */
function mentionsModelDir(node: SyntaxNode, source: PythonSource, names: Set<string>): boolean {
  let found = false;
  eachNodeWithin(node, part => {
    const text = source.textOf(part);
    found ||=
      (part.name === 'String' && /^[rbu]*['"]SM_MODEL_DIR['"]$/i.test(text)) ||
      (part.name === 'VariableName' && names.has(text)) ||
      (part.name === 'PropertyName' && text === 'model_dir');
  });
  return found;
}

/** Adds the names a cell sets from SageMaker's model folder: `model_dir = os.environ["SM_MODEL_DIR"]`. */
function namesHoldingModelDir(source: PythonSource, names: Set<string>): void {
  eachNode(source, ASSIGNMENTS, node => {
    const target = node.firstChild;
    const value = node.lastChild;
    if (
      node.name === 'AssignStatement' &&
      target?.name === 'VariableName' &&
      value &&
      value.from > target.to &&
      mentionsModelDir(value, source, names)
    ) {
      names.add(source.textOf(target));
    }
  });
}

/** `trainer.save_model`, or `TrainingArguments(output_dir=…)` for a keyword. */
function describeCall(call: SyntaxNode, source: PythonSource, saved: SyntaxNode): string {
  const callee = calleeText(call, source);
  const keyword = saved.prevSibling?.name === 'AssignOp' ? saved.prevSibling.prevSibling : null;
  return keyword ? `${callee}(${source.textOf(keyword)}=…)` : callee;
}

/** What a warning says when the script keeps no model, naming the training cell's last line. */
export function modelSaveWarnings(found: IModelSaves, trainingCell: { index: number; lines: number }): string[] {
  const unknown = found.unknown.map(
    ({ cellIndex, line, how }) =>
      `cell ${cellIndex + 1} line ${line}: ${how} saves where only the running job knows, so it is not kept: ` +
      'write the path as a string, or save to os.environ["SM_MODEL_DIR"].'
  );
  // A model saved into SM_MODEL_DIR is kept: where else it writes (checkpoints, logs) need not be.
  if (found.saves.some(save => save.path === MODEL_DIR_PATH)) {
    return [];
  }
  if (found.saves.length > 0 || unknown.length > 0) {
    return unknown;
  }
  return [
    `cell ${trainingCell.index + 1} line ${trainingCell.lines}: the script saves no model, so it is lost ` +
      'when the job ends: call trainer.save_model(...) (or model.save_pretrained, joblib.dump) with a path, ' +
      'or save to os.environ["SM_MODEL_DIR"], at the end of this cell.'
  ];
}
