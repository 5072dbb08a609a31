import { parse } from 'shell-quote';

/** One simple command of a shell line, as a shell splits it. */
export interface IShellCommand {
  /** `NAME=value` assignments before the command, which set its environment. */
  env: string[];
  /** The command and its arguments, quotes removed; `$NAME` and `{name}` left as written. */
  words: string[];
  /** Files its output goes to (`> p`, `>> p`, `&> p`), apart from /dev/null. */
  redirects: string[];
}

const WRITES_TO = new Set(['>', '>>', '>|', '&>', '&>>', '>&']);
const READS_FROM = new Set(['<', '<<', '<<<', '<(']);

/**
 * Splits a shell line into its simple commands, at `&&`, `||`, `;`, `|`
 * and `&`, and stops at a comment.
 */
export function shellCommands(line: string): IShellCommand[] {
  const commands: IShellCommand[] = [];
  let current: IShellCommand = { env: [], words: [], redirects: [] };
  const finish = () => {
    if (current.words.length > 0 || current.env.length > 0 || current.redirects.length > 0) {
      commands.push(current);
    }
    current = { env: [], words: [], redirects: [] };
  };
  // Variables stay as written: they are the shell's to fill in when the command runs.
  const tokens = parse(hashesInWordsEscaped(line), name => '$' + name);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (typeof token === 'string') {
      if (current.words.length === 0 && /^[A-Za-z_]\w*=/.test(token)) {
        current.env.push(token);
      } else {
        current.words.push(token);
      }
    } else if ('comment' in token) {
      break;
    } else if (token.op === 'glob') {
      current.words.push(token.pattern);
    } else if (WRITES_TO.has(token.op) || READS_FROM.has(token.op)) {
      if (/^\d$/.test(current.words[current.words.length - 1] ?? '')) {
        current.words.pop(); // `2>`: a file descriptor, not an argument
      }
      const target = tokens[i + 1];
      if (typeof target === 'string') {
        i++;
        const isDescriptor = token.op === '>&' && /^\d$/.test(target);
        if (WRITES_TO.has(token.op) && !isDescriptor && target !== '/dev/null') {
          current.redirects.push(target);
        }
      }
    } else {
      finish();
    }
  }
  finish();
  return commands;
}

/**
 * A shell starts a comment only with a `#` that begins a word; shell-quote
 * starts one at any `#` (`git+https://…#egg=x`). Escaping the others keeps them.
 */
function hashesInWordsEscaped(line: string): string {
  let quote: string | null = null;
  let escaped = '';
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quote === null && char === '#' && i > 0 && !/[\s;&|<>()]/.test(line[i - 1])) {
      escaped += '\\';
    }
    if (char === '\\' && quote !== "'") {
      escaped += char + (line[i + 1] ?? '');
      i++;
      continue;
    }
    if (char === quote) {
      quote = null;
    } else if (quote === null && (char === '"' || char === "'")) {
      quote = char;
    }
    escaped += char;
  }
  return escaped;
}
