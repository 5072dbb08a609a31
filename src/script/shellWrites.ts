import { IShellCommand } from './shellCommands';

/**
 * The paths a shell line's commands write, as written (`{name}` fields and `$NAME`
 * left alone): redirections, and the output of the commands notebooks use
 * to fetch and unpack data. A folder is given without a trailing slash.
 */
export function shellWrites(commands: IShellCommand[]): string[] {
  let folder: string | null = ''; // where `cd` went, relative to the notebook; null once unknown
  return commands.flatMap(command => {
    if (command.words[0] === 'cd') {
      const to = command.words[1];
      folder = to === undefined || to === '-' || to.startsWith('~') || folder === null ? null : joinPath(folder, to);
      return [];
    }
    const paths = [...command.redirects, ...commandWrites(command)];
    if (folder === null) {
      return []; // relative to a folder the line does not name
    }
    const from = folder;
    return paths.map(path => (path.startsWith('/') || path.startsWith('~') ? path : joinPath(from, path)));
  });
}

function commandWrites({ words }: IShellCommand): string[] {
  const [name, ...args] = words;
  switch (name?.replace(/^.*\//, '')) {
    case 'wget':
      return wgetWrites(args);
    case 'curl':
      return curlWrites(args);
    case 'git':
      return args[0] === 'clone' ? gitCloneWrites(args.slice(1)) : [];
    case 'tee':
    case 'touch':
    case 'mkdir':
      return read(args, {}).positional;
    case 'cp':
    case 'mv': {
      const { options, positional } = read(args, { '-t': 1, '--target-directory': 1, '-S': 1 });
      const target = options.get('-t') ?? options.get('--target-directory');
      if (target) {
        return [target];
      }
      return positional.length > 1 ? [positional[positional.length - 1]] : [];
    }
    case 'unzip':
      return optionValues(read(args, { '-d': 1, '-x': 1, '-P': 1 }), '-d');
    case 'tar':
      return tarWrites(args);
    case 'huggingface-cli':
    case 'hf':
      return args[0] === 'download' ? optionValues(read(args, HF_DOWNLOAD_VALUES), '--local-dir') : [];
    default:
      return [];
  }
}

/** Options that take the next word as their value, for each command. */
type ValueOptions = Record<string, 1>;

const WGET_VALUES: ValueOptions = {
  '-O': 1, '--output-document': 1, '-P': 1, '--directory-prefix': 1, '-o': 1, '--output-file': 1,
  '-a': 1, '--append-output': 1, '-t': 1, '--tries': 1, '-T': 1, '--timeout': 1, '-U': 1,
  '--user-agent': 1, '--header': 1, '--user': 1, '--password': 1, '-e': 1, '--execute': 1, '-i': 1
};
const CURL_VALUES: ValueOptions = {
  '-o': 1, '--output': 1, '--output-dir': 1, '-H': 1, '--header': 1, '-d': 1, '--data': 1,
  '--data-binary': 1, '--data-raw': 1, '-X': 1, '--request': 1, '-u': 1, '--user': 1, '-A': 1,
  '--user-agent': 1, '-e': 1, '--referer': 1, '-F': 1, '--form': 1, '-w': 1, '--write-out': 1,
  '-m': 1, '--max-time': 1, '--retry': 1, '-b': 1, '--cookie': 1, '-c': 1, '--cookie-jar': 1
};
const GIT_CLONE_VALUES: ValueOptions = {
  '-b': 1, '--branch': 1, '--depth': 1, '-o': 1, '--origin': 1, '-c': 1, '--config': 1,
  '--reference': 1, '--filter': 1, '-j': 1, '--jobs': 1, '--template': 1, '-u': 1,
  '--upload-pack': 1, '--shallow-since': 1, '--shallow-exclude': 1, '--separate-git-dir': 1
};
const HF_DOWNLOAD_VALUES: ValueOptions = {
  '--local-dir': 1, '--repo-type': 1, '--revision': 1, '--include': 1, '--exclude': 1,
  '--cache-dir': 1, '--token': 1, '--max-workers': 1
};

interface IReadArguments {
  options: Map<string, string>;
  positional: string[];
}

/** `--name value`, `--name=value`, `-xvalue` and flags, apart from the other words. */
function read(args: string[], values: ValueOptions): IReadArguments {
  const options = new Map<string, string>();
  const positional: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const word = args[i];
    const equals = word.indexOf('=');
    if (word.startsWith('--') && equals > 0) {
      options.set(word.slice(0, equals), word.slice(equals + 1));
    } else if (word in values) {
      options.set(word, args[++i] ?? '');
    } else if (/^-[^-]/.test(word)) {
      // A cluster of short flags (`-sLo`): a last letter that takes a value takes the next word.
      const last = '-' + word[word.length - 1];
      const attached = '-' + word[1];
      if (word.length > 2 && attached in values) {
        options.set(attached, word.slice(2));
        continue;
      }
      for (const letter of word.slice(1)) {
        options.set('-' + letter, '');
      }
      if (last in values) {
        options.set(last, args[++i] ?? '');
      }
    } else if (word !== '--' || i + 1 === args.length) {
      positional.push(word);
    }
  }
  return { options, positional };
}

function optionValues({ options }: IReadArguments, ...names: string[]): string[] {
  return names.map(name => options.get(name)).filter((value): value is string => !!value);
}

function wgetWrites(args: string[]): string[] {
  const parsed = read(args, WGET_VALUES);
  const logs = optionValues(parsed, '-o', '--output-file', '-a', '--append-output');
  const document = parsed.options.get('-O') ?? parsed.options.get('--output-document');
  if (document !== undefined) {
    return [...logs, ...(document === '-' || !document ? [] : [document])];
  }
  const folder = parsed.options.get('-P') ?? parsed.options.get('--directory-prefix');
  const files = parsed.positional.filter(isUrl).map(url => urlFileName(url) || 'index.html');
  return [...logs, ...files.map(file => (folder ? joinPath(folder, file) : file))];
}

function curlWrites(args: string[]): string[] {
  const parsed = read(args, CURL_VALUES);
  const folder = parsed.options.get('--output-dir');
  const output = parsed.options.get('-o') ?? parsed.options.get('--output');
  const files =
    output !== undefined
      ? [output].filter(file => file && file !== '-')
      : parsed.options.has('-O') || parsed.options.has('--remote-name')
        ? parsed.positional.filter(isUrl).map(urlFileName).filter(Boolean).slice(0, 1)
        : [];
  return [
    ...optionValues(parsed, '-c', '--cookie-jar'),
    ...files.map(file => (folder ? joinPath(folder, file) : file))
  ];
}

function gitCloneWrites(args: string[]): string[] {
  const [url, folder] = read(args, GIT_CLONE_VALUES).positional;
  if (!url) {
    return [];
  }
  return [folder ?? url.replace(/[/\\]+$/, '').replace(/^.*[/:]/, '').replace(/\.git$/, '')];
}

function tarWrites(args: string[]): string[] {
  // `tar xzf a.tgz` reads its first word as flags without the dash.
  const words = args[0] && !args[0].startsWith('-') ? ['-' + args[0], ...args.slice(1)] : args;
  const parsed = read(words, { '-f': 1, '--file': 1, '-C': 1, '--directory': 1 });
  const has = (letter: string, long: string) =>
    parsed.options.has(letter) || parsed.options.has(long);
  if (has('-c', '--create')) {
    return optionValues(parsed, '-f', '--file');
  }
  if (has('-x', '--extract')) {
    return optionValues(parsed, '-C', '--directory');
  }
  return [];
}

function isUrl(word: string): boolean {
  return /^[a-z][\w+.-]*:\/\//i.test(word);
}

/** The file a download saves to by default: the last part of the URL's path. */
function urlFileName(url: string): string {
  const path = url.replace(/[?#].*$/, '').replace(/^[a-z][\w+.-]*:\/\/[^/]*/i, '');
  return path.replace(/^.*\//, '');
}

function joinPath(folder: string, file: string): string {
  if (!folder || folder === '.') {
    return file;
  }
  return file.startsWith('/') ? file : folder.replace(/\/+$/, '') + '/' + file;
}
