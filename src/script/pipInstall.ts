import { shellCommands } from './shellCommands';

/** What a notebook's `pip …` line means for the training job. */
export type PipCommand =
  | { kind: 'install'; requirements: string[] }
  | { kind: 'harmless' } // list, show, freeze, …: nothing to carry over
  | { kind: 'problem'; message: string };

export interface IPipReading {
  command: PipCommand;
  /** Options left out of requirements.txt, and why: "-q, --no-cache-dir (…)", one entry per reason. */
  dropped: string[];
}

/** Read-only subcommands a script can simply leave out. */
const HARMLESS = new Set([
  'list', 'show', 'freeze', 'check', 'help', 'config', 'cache', 'debug',
  'inspect', 'index', '--version', '-V'
]);

type OptionRule =
  | { kind: 'line'; name: string } // a line of requirements.txt of its own
  | { kind: 'each'; name: string } // written after each requirement of the command
  | { kind: 'after'; name: string } // written after the requirement before it
  | { kind: 'local'; name: string } // reads a file: kept only when it is a URL
  | { kind: 'drop'; why: string };

interface IOption {
  rule: OptionRule;
  takesValue: boolean;
}

const WHY = {
  output: "it only changes what pip prints",
  cache: "the container's pip has its own cache",
  upgrade:
    'requirements.txt is installed into the image as it is, so a package the image already has keeps ' +
    'its version: pin the one you need (e.g. transformers>=4.40) to get it',
  where: "the container's pip installs into the job's own Python",
  machine: "a setting of this machine's pip, not the container's",
  platform: 'it downloads for another machine; the container installs for its own',
  noDeps: 'requirements.txt cannot say it, so dependencies are installed too',
  unknown: 'requirements.txt cannot carry it'
};

const OPTIONS = new Map<string, IOption>();
function define(names: string[], rule: OptionRule, takesValue: boolean): void {
  names.forEach(name => OPTIONS.set(name, { rule, takesValue }));
}
define(['-i', '--index-url'], { kind: 'line', name: '--index-url' }, true);
define(['--extra-index-url'], { kind: 'line', name: '--extra-index-url' }, true);
define(['-f', '--find-links'], { kind: 'line', name: '--find-links' }, true);
define(['--trusted-host'], { kind: 'line', name: '--trusted-host' }, true);
define(['--no-binary'], { kind: 'line', name: '--no-binary' }, true);
define(['--only-binary'], { kind: 'line', name: '--only-binary' }, true);
define(['--use-feature'], { kind: 'line', name: '--use-feature' }, true);
define(['--pre'], { kind: 'line', name: '--pre' }, false);
define(['--prefer-binary'], { kind: 'line', name: '--prefer-binary' }, false);
define(['--no-index'], { kind: 'line', name: '--no-index' }, false);
define(['--require-hashes'], { kind: 'line', name: '--require-hashes' }, false);
define(['-C', '--config-settings'], { kind: 'each', name: '--config-settings' }, true);
define(['--global-option'], { kind: 'each', name: '--global-option' }, true);
define(['--hash'], { kind: 'after', name: '--hash' }, true);
define(['-r', '--requirement'], { kind: 'local', name: '-r' }, true);
define(['-c', '--constraint'], { kind: 'local', name: '-c' }, true);
define(['-e', '--editable'], { kind: 'local', name: '-e' }, true);
define(['-q', '--quiet', '-v', '--verbose', '--no-color', '--disable-pip-version-check',
  '--no-warn-script-location', '--no-warn-conflicts', '--no-python-version-warning', '--no-input'],
{ kind: 'drop', why: WHY.output }, false);
define(['--progress-bar', '--log', '--root-user-action', '--report'], { kind: 'drop', why: WHY.output }, true);
define(['--no-cache-dir'], { kind: 'drop', why: WHY.cache }, false);
define(['--cache-dir'], { kind: 'drop', why: WHY.cache }, true);
define(['-U', '--upgrade', '--force-reinstall', '-I', '--ignore-installed'], { kind: 'drop', why: WHY.upgrade }, false);
define(['--upgrade-strategy'], { kind: 'drop', why: WHY.upgrade }, true);
define(['--user', '--break-system-packages', '--system'], { kind: 'drop', why: WHY.where }, false);
define(['-t', '--target', '--prefix', '--root', '--src'], { kind: 'drop', why: WHY.where }, true);
define(['--isolated'], { kind: 'drop', why: WHY.machine }, false);
define(['--timeout', '--retries', '--proxy', '--cert', '--client-cert', '--exists-action'],
  { kind: 'drop', why: WHY.machine }, true);
define(['--python-version', '--platform', '--implementation', '--abi'], { kind: 'drop', why: WHY.platform }, true);
define(['--no-deps'], { kind: 'drop', why: WHY.noDeps }, false);
define(['--install-option'], { kind: 'drop', why: WHY.unknown }, true);

/** Where requirements.txt can still reach a file: a URL, or a VCS URL for `-e`. */
const REMOTE = /^(?:[a-z][\w+.-]*\+)?[a-z][\w+.-]*:\/\//i;

/** Reads the arguments after `pip`, as a shell would split them. */
export function parsePipArguments(args: string): PipCommand {
  return readPipWords(shellWords(args)).command;
}

/**
 * Where pip's own arguments start in a command's words (`pip install …`,
 * `python -m pip install …`, `uv pip install …`), or -1 when it is not pip.
 */
export function pipArgumentsStart(words: string[]): number {
  const program = (words[0] ?? '').replace(/^.*\//, '');
  if (/^pip(?:3(?:\.\d+)?)?$/.test(program)) {
    return 1;
  }
  if (program === 'uv' && words[1] === 'pip') {
    return 2;
  }
  const isPython = /^python(?:3(?:\.\d+)?)?$/.test(program) || words[0] === '{sys.executable}';
  return isPython && words[1] === '-m' && words[2] === 'pip' ? 3 : -1;
}

/** Reads pip's words after `pip`: what goes to requirements.txt, and what is dropped and why. */
export function readPipWords(words: string[]): IPipReading {
  const dropped = new Map<string, string[]>();
  const subcommand = words.find(word => !word.startsWith('-')) ?? words[0];
  if (subcommand !== 'install') {
    const command: PipCommand = HARMLESS.has(subcommand ?? '--version')
      ? { kind: 'harmless' }
      : {
          kind: 'problem',
          message: `pip ${subcommand} changes the notebook's environment, not the job's. Remove it`
        };
    return { command, dropped: [] };
  }
  const requirements: string[] = [];
  const packageAt: number[] = [];
  const forEach: string[] = [];
  const rest = expandFlagClusters(words.slice(words.indexOf('install') + 1));
  for (let i = 0; i < rest.length; i++) {
    const [name, attached] = splitOption(rest[i]);
    if (!name.startsWith('-')) {
      if (/[{}$]/.test(name)) {
        return problem(`pip install ${name} uses a notebook variable. Write the package name out`);
      }
      if (isLocalPath(name)) {
        return problem(
          `pip install ${name} installs from a path the training job does not have. ` +
            'Publish the package (or give its URL, e.g. git+https://…) and install that instead'
        );
      }
      packageAt.push(requirements.push(name) - 1);
      continue;
    }
    const option = OPTIONS.get(name);
    const value = option?.takesValue ? (attached ?? rest[++i] ?? '') : attached;
    const rule: OptionRule = option?.rule ?? { kind: 'drop', why: WHY.unknown };
    switch (rule.kind) {
      case 'line':
        requirements.push(value === undefined ? rule.name : `${rule.name} ${value}`);
        break;
      case 'each':
        forEach.push(`${rule.name} ${value}`);
        break;
      case 'after':
        if (packageAt.length > 0) {
          requirements[packageAt[packageAt.length - 1]] += ` ${rule.name}=${value}`;
        }
        break;
      case 'local':
        if (!REMOTE.test(value ?? '')) {
          return problem(
            `pip install ${name} ${value} installs from a file the training job does not have. ` +
              `Add ${value} to the job's source files and list its packages on a %pip install line instead`
          );
        }
        requirements.push(`${rule.name} ${value}`);
        break;
      case 'drop': {
        const written = value === undefined ? name : `${name} ${value}`;
        dropped.set(rule.why, [...(dropped.get(rule.why) ?? []), written]);
      }
    }
  }
  // On the command line these options apply to every package; requirements.txt says them per line.
  packageAt.forEach(at => (requirements[at] = [requirements[at], ...forEach].join(' ')));
  return {
    command: { kind: 'install', requirements },
    dropped: [...dropped].map(([why, options]) => `${[...new Set(options)].join(', ')} (${why})`)
  };
}

/** `.`, `./pkg`, `/tmp/x.whl`, `dist/a-1.0.tar.gz`: a package on this machine. */
function isLocalPath(requirement: string): boolean {
  if (/^file:/i.test(requirement)) {
    return true;
  }
  if (REMOTE.test(requirement) || /@\s*[a-z][\w+.-]*:\/\//i.test(requirement)) {
    return false; // a URL, or `name @ URL`
  }
  const name = requirement.replace(/\[.*$/, '');
  return /^[.~]|[\\/]/.test(name) || /\.(?:whl|zip|tar\.gz|tgz)$/.test(name);
}

function problem(message: string): IPipReading {
  return { command: { kind: 'problem', message }, dropped: [] };
}

/** `-qU` is `-q -U`; `-rfile` and `-ihttps://…` are an option with its value. */
function expandFlagClusters(words: string[]): string[] {
  return words.flatMap(word => {
    if (!/^-[a-zA-Z]{2,}$/.test(word)) {
      return [word];
    }
    const letters = [...word.slice(1)].map(letter => '-' + letter);
    const allFlags = letters.every(flag => OPTIONS.get(flag)?.takesValue === false);
    return allFlags ? letters : [word];
  });
}

function splitOption(word: string): [string, string | undefined] {
  if (word.startsWith('--') && word.includes('=')) {
    const at = word.indexOf('=');
    return [word.slice(0, at), word.slice(at + 1)];
  }
  if (/^-[a-zA-Z].+/.test(word) && !word.startsWith('--')) {
    const short = word.slice(0, 2);
    if (OPTIONS.get(short)?.takesValue) {
      return [short, word.slice(2)]; // -rrequirements.txt
    }
  }
  return [word, undefined];
}

/** Shell-like words of the first command: quotes removed, stopping at a pipe, redirection or `;`. */
export function shellWords(text: string): string[] {
  const [first] = shellCommands(text);
  return first ? [...first.env, ...first.words] : [];
}
