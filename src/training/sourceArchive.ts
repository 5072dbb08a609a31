import { packTar, TarEntry } from 'modern-tar';
import { ISourceFile } from '../tokens';

/** The name the SDK gives the archive, and what `sagemaker_submit_directory` points at. */
export const SOURCE_ARCHIVE_NAME = 'sourcedir.tar.gz';

/**
 * One fixed time for every entry, so the same sources make the same bytes.
 * Not the epoch: Python's `zipfile` refuses times before 1980, and a
 * `setup.py` in the source directory is built into a wheel by the container.
 */
export const ARCHIVE_MTIME = new Date(Date.UTC(2000, 0, 1));

/** A source file path that cannot go into the archive, with the fix. */
export class SourceArchiveError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SourceArchiveError';
  }
}

/**
 * `sourcedir.tar.gz` as the SageMaker Python SDK's `tar_and_upload_dir`
 * makes it: the files at the archive root, their folders before them,
 * gzip-compressed. Modes 0644 (files) and 0755 (folders), owner root.
 */
export async function buildSourceArchive(
  files: ISourceFile[]
): Promise<Uint8Array> {
  const tar = await packTar(tarEntries(files));
  return gzip(tar);
}

/** The tar entries for these files, folders first, in a stable order. */
export function tarEntries(files: ISourceFile[]): TarEntry[] {
  const encoder = new TextEncoder();
  const entries: TarEntry[] = [];
  const folders = new Set<string>();
  const seen = new Set<string>();
  for (const file of files) {
    const path = archivePath(file.path);
    if (seen.has(path) || folders.has(path)) {
      throw new SourceArchiveError(
        `The source directory lists "${path}" twice: remove one of the two files.`
      );
    }
    seen.add(path);
    const parts = path.split('/');
    for (let depth = 1; depth < parts.length; depth++) {
      const folder = parts.slice(0, depth).join('/');
      if (seen.has(folder)) {
        throw new SourceArchiveError(
          `"${folder}" is both a file and a folder in the source directory: rename one of them.`
        );
      }
      if (!folders.has(folder)) {
        folders.add(folder);
        entries.push({ header: header(`${folder}/`, 0, 'directory') });
      }
    }
    const body = encoder.encode(file.content);
    entries.push({ header: header(path, body.length, 'file'), body });
  }
  return entries;
}

/** A relative path with `/` separators, or an error naming the file. */
function archivePath(path: string): string {
  const parts = path
    .replace(/\\/g, '/')
    .split('/')
    .filter(part => part !== '' && part !== '.');
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) {
    throw new SourceArchiveError(
      `Source file "${path}" has an absolute path: give it relative to the source directory.`
    );
  }
  if (parts.length === 0 || parts.includes('..')) {
    throw new SourceArchiveError(
      `Source file "${path}" is outside the source directory: give a path inside it, without "..".`
    );
  }
  return parts.join('/');
}

function header(
  name: string,
  size: number,
  type: 'file' | 'directory'
): TarEntry['header'] {
  return {
    name,
    size,
    type,
    mode: type === 'directory' ? 0o755 : 0o644,
    mtime: ARCHIVE_MTIME,
    uid: 0,
    gid: 0,
    uname: 'root',
    gname: 'root'
  };
}

/** gzip through the platform's CompressionStream (browsers, Node ≥ 18). */
async function gzip(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Response(data as BodyInit).body!.pipeThrough(
    new CompressionStream('gzip')
  );
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
