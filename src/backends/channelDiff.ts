import type { IManifestFile } from '../api/folderManifest';

/** What S3 has at a key (ListObjectsV2's Size and ETag). */
export interface IStoredObject {
  size: number;
  etag: string;
}

/** The files to upload and the objects at the prefix no file matches. */
export interface IChannelDiff {
  changed: IManifestFile[];
  unchanged: IManifestFile[];
  /** Keys relative to the prefix. */
  stale: string[];
  /** Same size, other ETag: unchanged if the object's metadata says we wrote this ETag. */
  maybeChanged: IManifestFile[];
}

/**
 * Compares a folder with what is at its prefix, by size and ETag. An
 * object S3 encrypted with KMS has an ETag that is not its MD5: same size
 * and another ETag is only "maybe changed", settled by the ETag we stored
 * in its metadata when we uploaded it.
 */
export function diffChannel(
  files: IManifestFile[],
  stored: Map<string, IStoredObject>
): IChannelDiff {
  const diff: IChannelDiff = { changed: [], unchanged: [], stale: [], maybeChanged: [] };
  for (const file of files) {
    const object = stored.get(file.path);
    if (!object || object.size !== file.size) {
      diff.changed.push(file);
    } else if (object.etag === file.etag) {
      diff.unchanged.push(file);
    } else {
      diff.maybeChanged.push(file);
    }
  }
  const paths = new Set(files.map(file => file.path));
  // A key ending in "/" is a folder marker from the console, not data.
  diff.stale = [...stored.keys()].filter(key => !paths.has(key) && !key.endsWith('/'));
  return diff;
}
