/** Cell → training script: pure, no DOM, no network. */
export { buildTrainingScript } from './buildTrainingScript';
export { ScriptError } from './scriptError';
export { scriptErrorFromSyntax } from './compileCheck';
export { spotResumeNote } from './keepModel';
export type { ISyntaxProblem } from './compileCheck';
export type {
  IFileNeed,
  IModelSave,
  INotebookCell,
  IScriptCell,
  IScriptLineOrigin,
  ITrainingScript
} from './types';
