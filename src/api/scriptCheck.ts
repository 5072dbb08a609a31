import { ServerConnection } from '@jupyterlab/services';
import type { ISyntaxProblem } from '../script';
import { requestAPI } from './request';

/** What the kernel's Python says of a script: its version and first syntax error. */
export interface IScriptCheck {
  python: string;
  interpreter: string;
  error: ISyntaxProblem | null;
  /** Why the server's own Python checked it instead of the kernel's. */
  note: string | null;
}

/** POST /sagemaker-nlp/script/check: compiled (never run) by the kernel's interpreter. */
export function checkScript(
  script: string,
  kernelName: string | null,
  settings?: ServerConnection.ISettings
): Promise<IScriptCheck> {
  return requestAPI<IScriptCheck>(
    'script/check',
    { method: 'POST', body: JSON.stringify({ script, ...(kernelName && { kernelName }) }) },
    settings
  );
}
