import { pythonString } from './pythonLiteral';

/**
 * Text of a shell line or magic argument as a Python string. IPython fills
 * in `{name}` from the notebook's variables, so those become f-string
 * fields; `$name` is left to the shell.
 */
export function notebookFieldString(text: string): string {
  let hasFields = false;
  const escaped = text.replace(/\{([A-Za-z_][\w.]*)\}|[{}]/g, (match, name) => {
    if (name) {
      hasFields = true;
      return match;
    }
    return match + match;
  });
  return hasFields ? 'f' + pythonString(escaped) : pythonString(text);
}
