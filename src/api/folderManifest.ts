// The Jupyter server's `folders/manifest` route (jupyterlab_sagemaker_nlp/folders.py).
import { URLExt } from '@jupyterlab/coreutils';
import { ServerConnection } from '@jupyterlab/services';
import { requestAPI } from './request';

/** One file of a folder, as S3 would store it. */
export interface IManifestFile {
  /** Relative to the folder, with `/`. */
  path: string;
  size: number;
  /** The ETag S3 gives it uploaded in parts of `partSize`, quotes included. */
  etag: string;
}

export interface IFolderManifest {
  /** The folder, relative to the Jupyter root. */
  path: string;
  partSize: number;
  files: IManifestFile[];
  bytes: number;
  /** Hidden files and folders left out (Jupyter does not serve them). */
  skippedHidden: number;
}

/**
 * The files of a folder under the Jupyter root. The server refuses (with a
 * message naming the fix) a missing folder, one outside the root, and one
 * with too many files or a file too big to upload.
 */
export function folderManifest(
  folder: string,
  partSize: number,
  serverSettings?: ServerConnection.ISettings
): Promise<IFolderManifest> {
  const query = URLExt.objectToQueryString({ path: folder, partSize: String(partSize) });
  return requestAPI<IFolderManifest>(
    `folders/manifest${query}`,
    { method: 'GET' },
    serverSettings
  );
}

/** The URL of a file's bytes (Jupyter's own authenticated `/files/` route). */
export function fileUrl(
  path: string,
  settings: ServerConnection.ISettings = ServerConnection.makeSettings()
): string {
  return URLExt.join(settings.baseUrl, 'files', URLExt.encodeParts(path));
}

/**
 * The bytes of a file under the Jupyter root, or of a range of it
 * (`/files/` is a static file handler and answers `Range`).
 */
export async function readFileBytes(
  path: string,
  range?: { start: number; end: number },
  settings: ServerConnection.ISettings = ServerConnection.makeSettings()
): Promise<Uint8Array> {
  const headers: Record<string, string> = {};
  if (range) {
    headers.Range = `bytes=${range.start}-${range.end - 1}`;
  }
  const response = await ServerConnection.makeRequest(
    fileUrl(path, settings),
    { method: 'GET', headers },
    settings
  );
  if (!response.ok) {
    throw new Error(
      `Jupyter could not read "${path}" (HTTP ${response.status}): check the file is still there and readable.`
    );
  }
  if (range && response.status !== 206) {
    // A contents manager whose /files/ ignores Range would send the whole file for each part.
    throw new Error(
      `Jupyter sent all of "${path}" when asked for a part of it, so it cannot be uploaded in parts from here: upload the folder yourself (aws s3 sync) and give the channel that S3 URI.`
    );
  }
  return new Uint8Array(await response.arrayBuffer());
}
