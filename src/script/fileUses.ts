import { SyntaxNode } from '@lezer/common';
import { CallArguments, callArguments, items } from './callArguments';
import { coverage, ICellFiles, IFileRead } from './filePaths';
import { stringLiteral } from './pythonLiteral';
import { normalizePath, pathPattern, pathText, StringConstants, UNKNOWN_PART } from './pathValues';
import { importedNames } from './pythonImports';
import { PythonSource } from './pythonSyntax';

export type { ICellFiles, IFileRead, IFileWrite } from './filePaths';
export { NO_FILES } from './filePaths';

const LOAD_DATASET_BUILDERS = new Set([
  'json', 'csv', 'parquet', 'text', 'arrow', 'pandas', 'xml',
  'imagefolder', 'audiofolder', 'videofolder', 'webdataset'
]);
const DATA_FRAME_WRITERS = new Set([
  'to_csv', 'to_json', 'to_parquet', 'to_pickle', 'to_excel', 'to_feather', 'to_orc', 'to_xml'
]);
const DATA_FRAME_READERS = new Set([
  'read_csv', 'read_json', 'read_parquet', 'read_table', 'read_excel', 'read_pickle',
  'read_feather', 'read_fwf', 'read_orc', 'read_xml'
]);
const DATASET_READERS = new Set(['from_json', 'from_csv', 'from_parquet', 'from_text']);
const NUMPY_SUFFIXES: Record<string, string> = {
  save: '.npy',
  savez: '.npz',
  savez_compressed: '.npz'
};
const NUMPY_READERS = new Set(['load', 'loadtxt', 'genfromtxt', 'fromfile']);
const SHUTIL_COPIES = new Set(['copy', 'copy2', 'copyfile', 'copytree', 'move']);
/** Modules whose `open(file, mode)` opens a file as the builtin does. */
const FILE_OPENERS = new Set(['io', 'gzip', 'bz2', 'lzma', 'codecs']);
/** Their `output_dir` gets the checkpoints and, often, the model (when `trainer.train()` runs). */
const TRAINING_ARGUMENTS = ['TrainingArguments', 'Seq2SeqTrainingArguments'];
/** Every function or method name `call` looks at: other calls are passed over at once. */
const FILE_CALLS = new Set([
  'open', 'save', 'savez', 'savez_compressed', 'savetxt', 'dump', 'load', 'copy', 'copy2',
  'copyfile', 'copytree', 'move', 'load_from_disk', 'load_model', 'load_dataset',
  'from_pretrained', 'urlretrieve', 'snapshot_download', 'hf_hub_download', 'save_to_disk',
  'extractall', 'save_pretrained', 'save_model', 'write_text', 'write_bytes', 'read_text',
  'read_bytes', 'ModelCheckpoint', ...TRAINING_ARGUMENTS, ...NUMPY_READERS, ...DATA_FRAME_WRITERS, ...DATA_FRAME_READERS, ...DATASET_READERS
]);
const PATH_KEYWORDS = [
  'file', 'path', 'filepath', 'filename', 'fname', 'f', 'path_or_buf', 'filepath_or_buffer',
  'path_or_paths', 'dataset_path', 'save_directory', 'output_dir', 'pretrained_model_name_or_path'
];

/**
 * The paths a cell reads and writes, in the order it does so: the files and
 * folders its Python code opens, saves and loads, its `import`s of local
 * modules, and what its shell lines write (`shellWrites`, `{name}` fields
 * filled from `constants`). A read the cell itself wrote earlier is left out.
 * Paths that cannot be worked out, URLs and the container's own `/opt/ml/`
 * are left out too.
 */
export function findFileUses(
  source: PythonSource,
  constants: StringConstants,
  shellWrites: Array<{ line: number; path: string }> = []
): ICellFiles {
  const finder = new FileUseFinder(source, constants);
  source.tree.iterate({
    enter: ref => {
      if (ref.name === 'CallExpression') {
        finder.call(ref.node);
      } else if (ref.name === 'ImportStatement') {
        finder.import(ref.node);
      }
    }
  });
  for (const { line, path } of shellWrites) {
    const filled = fillShellFields(path, constants);
    if (filled !== null) {
      finder.write(filled, line, false, filled.includes(UNKNOWN_PART));
    }
  }
  return finder.files;
}

/**
 * IPython fills `{name}` and `$name` in shell lines with Python's values
 * (a `$NAME` it does not know is left to the shell). What is not known
 * becomes UNKNOWN_PART; null when the start of the path is not known.
 */
function fillShellFields(path: string, constants: StringConstants): string | null {
  const filled = path.replace(
    /\{([^{}]*)\}|\$([A-Za-z_]\w*)/g,
    (_, field: string | undefined, name: string | undefined) =>
      constants((field ?? name)!.trim()) ?? UNKNOWN_PART
  );
  return filled.startsWith(UNKNOWN_PART) ? null : normalizePath(filled);
}

/** A path as written, or a pattern with UNKNOWN_PART for its unknown parts. */
interface IPathText {
  text: string;
  pattern: boolean;
}

class FileUseFinder {
  constructor(
    private readonly _source: PythonSource,
    private readonly _constants: StringConstants
  ) {}

  readonly files: ICellFiles = { reads: [], writes: [] };

  call(node: SyntaxNode): void {
    const callee = node.firstChild!;
    const argList = callee.nextSibling;
    const isMethod = callee.name === 'MemberExpression';
    const name = this._text(isMethod ? callee.lastChild! : callee);
    if (!FILE_CALLS.has(name) || argList?.name !== 'ArgList') {
      return;
    }
    const args = callArguments(argList, this._source);
    const line = this._source.lineAt(node.from);
    const object = isMethod ? this._text(callee.firstChild!) : '';
    const at = (position: number, ...keywords: string[]) => args.get(position, keywords);
    const read = (arg: SyntaxNode | null, ifWritten = false) =>
      this._read(arg, line, node, ifWritten);
    const write = (arg: SyntaxNode | null, suffix = '') => this._writeArg(arg, line, suffix);

    if (!isMethod && name === 'open') {
      return this._open(at(0, 'file'), at(1, 'mode'), line, node);
    }
    if (isMethod && FILE_OPENERS.has(object) && name === 'open') {
      return this._open(at(0, 'file'), at(1, 'mode'), line, node);
    }
    if (isMethod && (object === 'np' || object === 'numpy')) {
      if (name in NUMPY_SUFFIXES || name === 'savetxt') {
        return write(at(0, 'file', 'fname'), NUMPY_SUFFIXES[name] ?? '');
      }
      if (NUMPY_READERS.has(name)) {
        return read(at(0, 'file', 'fname'));
      }
      return;
    }
    if (isMethod && ['torch', 'joblib'].includes(object) && ['save', 'dump'].includes(name)) {
      return write(at(1, 'f', 'filename'));
    }
    if (isMethod && ['torch', 'joblib'].includes(object) && name === 'load') {
      return read(at(0, 'f', 'filename'));
    }
    if (isMethod && object === 'shutil' && SHUTIL_COPIES.has(name)) {
      read(at(0, 'src'));
      return write(at(1, 'dst'));
    }
    if (DATA_FRAME_READERS.has(name) || DATASET_READERS.has(name) || name === 'load_from_disk') {
      return read(at(0, ...PATH_KEYWORDS));
    }
    if (name === 'load_model') {
      return read(at(0, 'filepath', ...PATH_KEYWORDS));
    }
    if (name === 'load_dataset') {
      return this._loadDataset(args, line, node);
    }
    if (name === 'from_pretrained') {
      return read(at(0, ...PATH_KEYWORDS), true);
    }
    if (TRAINING_ARGUMENTS.includes(name)) {
      return write(at(0, 'output_dir'));
    }
    if (name === 'ModelCheckpoint') {
      return write(at(0, 'filepath'));
    }
    if (name === 'urlretrieve') {
      return write(at(1, 'filename'));
    }
    if (name === 'snapshot_download' || name === 'hf_hub_download') {
      return write(args.get(-1, ['local_dir']));
    }
    if (!isMethod) {
      return;
    }
    if (DATA_FRAME_WRITERS.has(name) || name === 'save_to_disk' || name === 'extractall') {
      return write(at(0, ...PATH_KEYWORDS));
    }
    if (['save_pretrained', 'save_model', 'save'].includes(name)) {
      return write(at(0, 'filepath', ...PATH_KEYWORDS));
    }
    const target = callee.firstChild!;
    if (name === 'write_text' || name === 'write_bytes') {
      return write(target);
    }
    if (name === 'read_text' || name === 'read_bytes') {
      return read(target);
    }
    if (name === 'open' && this._path(target) !== null) {
      return this._open(target, at(0, 'mode'), line, node); // Path(p).open("w")
    }
  }

  /** `import utils` / `from utils import x`, read as files only when some cell writes them. */
  import(node: SyntaxNode): void {
    const { packages } = importedNames(node, this._source);
    for (const module of packages) {
      this._addRead({
        path: module,
        line: this._source.lineAt(node.from),
        ifWritten: true,
        module: true,
        later: isInFunction(node)
      });
    }
  }

  write(path: string, line: number, append: boolean, pattern = false): void {
    if (isLocal(path)) {
      this.files.writes.push({ path: normalizePath(path), line, append, pattern });
    }
  }

  private _open(
    file: SyntaxNode | null,
    modeNode: SyntaxNode | null,
    line: number,
    call: SyntaxNode
  ): void {
    const mode = modeNode ? this._string(modeNode) : 'r';
    if (mode === null) {
      return;
    }
    if (/[wxa]/.test(mode)) {
      const path = file && this._pathOrPattern(file);
      if (path) {
        this.write(path.text, line, /a/.test(mode), path.pattern);
      }
    } else {
      this._read(file, line, call, false);
    }
  }

  /** `load_dataset("csv", data_files=…)`, `load_dataset("./folder")`, `load_dataset("imdb")`. */
  private _loadDataset(args: CallArguments, line: number, call: SyntaxNode): void {
    const first = args.get(0, ['path']);
    const builder = first && this._path(first);
    if (builder === null) {
      return;
    }
    const folder = LOAD_DATASET_BUILDERS.has(builder) ? '' : builder;
    const dataDir = args.get(-1, ['data_dir']);
    const dataDirPath = dataDir && this._path(dataDir);
    const dataFiles = args.get(-1, ['data_files']);
    const base = [folder, dataDirPath ?? ''].filter(Boolean).join('/');
    const files = dataFiles ? this._dataFiles(dataFiles) : [];
    if (files.length === 0 && base) {
      // A folder on disk or a dataset on the hub: the folder only counts when it is clearly local.
      const ifWritten = folder !== '' && !looksLocal(folder);
      this._addPath({ text: base, pattern: false }, line, call, ifWritten);
    }
    for (const file of files) {
      const text = base && !file.text.startsWith('/') ? `${base}/${file.text}` : file.text;
      this._addPath({ text, pattern: file.pattern }, line, call, false);
    }
  }

  /** `"a.json"`, `["a.json", …]`, `{"train": "a.json", …}`; a glob reads its folder. */
  private _dataFiles(node: SyntaxNode): IPathText[] {
    if (node.name === 'ArrayExpression' || node.name === 'TupleExpression') {
      return items(node).flatMap(item => this._dataFiles(item));
    }
    if (node.name === 'DictionaryExpression') {
      return items(node)
        .filter((_, i) => i % 3 === 2)
        .flatMap(value => this._dataFiles(value));
    }
    const path = this._pathOrPattern(node);
    if (!path) {
      return [];
    }
    const glob = path.text.search(/[*?[]/);
    const folder = path.text.slice(0, Math.max(path.text.lastIndexOf('/', glob), 0));
    if (glob < 0) {
      return [path];
    }
    return folder === '' ? [] : [{ text: folder, pattern: path.pattern }];
  }

  private _read(arg: SyntaxNode | null, line: number, call: SyntaxNode, ifWritten: boolean): void {
    const path = arg && this._pathOrPattern(arg);
    if (path) {
      this._addPath(path, line, call, ifWritten && !looksLocal(path.text));
    }
  }

  /** A pattern read only counts when some cell writes what it may name. */
  private _addPath(path: IPathText, line: number, call: SyntaxNode, ifWritten: boolean): void {
    if (isLocal(path.text)) {
      this._addRead({
        path: normalizePath(path.text),
        line,
        ifWritten: ifWritten || path.pattern,
        module: false,
        later: isInFunction(call),
        pattern: path.pattern
      });
    }
  }

  private _addRead(read: IFileRead): void {
    const writtenBefore = this.files.writes.some(write => coverage(write, read) === 'all');
    const seen = this.files.reads.some(r => r.path === read.path && r.module === read.module);
    if (!writtenBefore && !seen) {
      this.files.reads.push(read);
    }
  }

  private _writeArg(arg: SyntaxNode | null, line: number, suffix: string): void {
    const path = arg && this._pathOrPattern(arg);
    if (path) {
      const text = path.text.endsWith(suffix) ? path.text : path.text + suffix;
      this.write(text, line, false, path.pattern);
    }
  }

  private _path(node: SyntaxNode): string | null {
    return pathText(node, this._source, this._constants);
  }

  /** The path, or failing that a pattern for it. */
  private _pathOrPattern(node: SyntaxNode): IPathText | null {
    const text = this._path(node);
    if (text !== null) {
      return { text, pattern: false };
    }
    const pattern = pathPattern(node, this._source, this._constants);
    return pattern === null ? null : { text: pattern, pattern: true };
  }

  private _string(node: SyntaxNode): string | null {
    return stringLiteral(node, this._source);
  }


  private _text(node: SyntaxNode): string {
    return this._source.textOf(node);
  }
}

/** Not a URL, and not the container's own `/opt/ml/` (its channels and model folder). */
function isLocal(path: string): boolean {
  const normal = normalizePath(path);
  const isUrl = /^[a-zA-Z][\w+.-]*:\/\//.test(path);
  return !isUrl && normal !== '/opt/ml' && !normal.startsWith('/opt/ml/');
}

/** Written as a path, not a hub name: `./data`, `../x`, `/abs`, `~/x`, or a data file's name. */
function looksLocal(path: string): boolean {
  return (
    /^(\.{1,2}\/|\/|~)/.test(path) ||
    /\.(csv|tsv|jsonl?|parquet|arrow|txt|pkl|npy|npz|h5|keras)$/.test(path)
  );
}

function isInFunction(node: SyntaxNode): boolean {
  for (let parent = node.parent; parent; parent = parent.parent) {
    if (parent.name === 'FunctionDefinition' || parent.name === 'LambdaExpression') {
      return true;
    }
  }
  return false;
}
