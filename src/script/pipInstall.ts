/** What a notebook's `pip …` line means for the training job. */
export type PipCommand =
  | { kind: 'install'; requirements: string[] }
  | { kind: 'harmless' } // list, show, freeze, …: nothing to carry over
  | { kind: 'problem'; message: string };

/** Read-only subcommands a script can simply leave out. */
const HARMLESS = new Set([
  'list', 'show', 'freeze', 'check', 'help', 'config', 'cache', 'debug',
  'inspect', 'index', '--version', '-V'
]);

/** Options requirements.txt understands too: they go in as lines of their own. */
const KEPT_WITH_VALUE: Record<string, string> = {
  '-i': '--index-url',
  '--index-url': '--index-url',
  '--extra-index-url': '--extra-index-url',
  '-f': '--find-links',
  '--find-links': '--find-links',
  '--trusted-host': '--trusted-host'
};
const KEPT_FLAGS = new Set(['--pre']);

/** Options that install from something the job does not have. */
const FROM_LOCAL_FILES = new Set([
  '-r', '--requirement', '-c', '--constraint', '-e', '--editable'
]);

/** Options about where or how pip installs here; their value is dropped too. */
const DROPPED_WITH_VALUE = new Set([
  '-t', '--target', '--prefix', '--root', '--upgrade-strategy',
  '--progress-bar', '--cache-dir', '--timeout', '--retries', '--python-version',
  '--platform', '--implementation', '--abi', '--log', '--proxy', '--src',
  '--root-user-action', '--report', '--no-binary', '--only-binary',
  '--config-settings', '-C', '--global-option', '--exists-action', '--cert',
  '--client-cert'
]);

/**
 * Reads the arguments after `pip`, as a shell would split them, up to the
 * first redirection or pipe (`> /dev/null`, `| tail`), which only concerned
 * the notebook's output.
 */
export function parsePipArguments(args: string): PipCommand {
  const words = shellWords(args);
  const subcommand = words.find(word => !word.startsWith('-')) ?? words[0];
  if (subcommand !== 'install') {
    return HARMLESS.has(subcommand ?? '--version')
      ? { kind: 'harmless' }
      : {
          kind: 'problem',
          message: `pip ${subcommand} changes the notebook's environment, not the job's. Remove it`
        };
  }
  const requirements: string[] = [];
  const rest = words.slice(words.indexOf('install') + 1);
  for (let i = 0; i < rest.length; i++) {
    const [option, attached] = splitOption(rest[i]);
    const value = () => attached ?? rest[++i] ?? '';
    if (FROM_LOCAL_FILES.has(option)) {
      const file = value();
      return {
        kind: 'problem',
        message:
          `pip install ${option} ${file} installs from a file the training job does not have. ` +
          `Add ${file} to the job's source files and list its packages on a %pip install line instead`
      };
    } else if (option in KEPT_WITH_VALUE) {
      requirements.push(`${KEPT_WITH_VALUE[option]} ${value()}`);
    } else if (KEPT_FLAGS.has(option)) {
      requirements.push(option);
    } else if (DROPPED_WITH_VALUE.has(option)) {
      value();
    } else if (!option.startsWith('-')) {
      if (/[{}$]/.test(option)) {
        return {
          kind: 'problem',
          message: `pip install ${option} uses a notebook variable. Write the package name out`
        };
      }
      requirements.push(option);
    }
  }
  return { kind: 'install', requirements };
}

function splitOption(word: string): [string, string | undefined] {
  if (word.startsWith('--') && word.includes('=')) {
    const at = word.indexOf('=');
    return [word.slice(0, at), word.slice(at + 1)];
  }
  if (/^-[a-zA-Z].+/.test(word) && !word.startsWith('--')) {
    const short = word.slice(0, 2);
    if (FROM_LOCAL_FILES.has(short) || short in KEPT_WITH_VALUE) {
      return [short, word.slice(2)]; // -rrequirements.txt
    }
  }
  return [word, undefined];
}

/** Shell-like words: quotes removed, stopping at a pipe, redirection or `;`. */
export function shellWords(text: string): string[] {
  const words: string[] = [];
  let word: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (char === '"' || char === "'") {
      const end = text.indexOf(char, i + 1);
      const stop = end < 0 ? text.length : end;
      word = (word ?? '') + text.slice(i + 1, stop);
      i = stop;
    } else if (/\s/.test(char)) {
      if (word !== null) {
        words.push(word);
      }
      word = null;
    } else if ('|;&<>'.includes(char)) {
      if (word !== null && !/^\d$/.test(word)) {
        words.push(word); // `2>` is a redirection, not an argument 2
      }
      return words;
    } else {
      word = (word ?? '') + char;
    }
  }
  if (word !== null) {
    words.push(word);
  }
  return words;
}
