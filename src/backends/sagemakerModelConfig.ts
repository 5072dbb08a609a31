import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { Gunzip } from 'fflate';
import { createTarDecoder } from 'modern-tar';
import { IHfTaskProposal, taskFromConfig } from '../endpoints/hfTask';
import { errorMessage } from '../errorMessage';
import type { ITrainingJob } from '../tokens';

/**
 * A model.tar.gz holds GBs of weights; config.json is usually its first
 * file. Reading stops once it is read, or after this many compressed bytes.
 */
export const MAX_ARCHIVE_BYTES = 64 * 1024 * 1024;

/** A config.json is a few KiB; a bigger entry is not one we read. */
const MAX_CONFIG_BYTES = 1024 * 1024;

export interface IModelConfigRead {
  /** The text of config.json; undefined when the archive has none within the cap. */
  config?: string;
  /** Compressed bytes read from S3 before stopping. */
  bytesRead: number;
}

/**
 * The task the job's model proposes, from the `config.json` in its
 * `model.tar.gz`; undefined (with a warning when the archive is unreadable)
 * when there is none. Never throws: the dialog then falls back to a default.
 */
export async function proposeHfTask(s3: S3Client, job: ITrainingJob): Promise<IHfTaskProposal | undefined> {
  if (!job.modelArtifact?.startsWith('s3://')) {
    return undefined;
  }
  try {
    const { config } = await readModelConfig(s3, job.modelArtifact);
    return config === undefined ? undefined : taskFromConfig(config);
  } catch (error) {
    console.warn(
      `sagemaker-nlp: no task proposed for ${job.name}: ${job.modelArtifact} could not be read as a gzip-compressed tar archive (${errorMessage(error)}).`
    );
    return undefined;
  }
}

/**
 * Streams `s3://…/model.tar.gz` through gunzip and untar, up to the first
 * `config.json` at the top or one folder down, then stops the download.
 * Throws when the object cannot be read or is not a .tar.gz.
 *
 * The compressed bytes are fed by hand, one S3 chunk at a time, only as
 * fast as the tar decoder takes them: piped through a DecompressionStream,
 * Node's would swallow the whole object while config.json is being read.
 */
export async function readModelConfig(
  s3: S3Client,
  uri: string,
  maxBytes = MAX_ARCHIVE_BYTES
): Promise<IModelConfigRead> {
  const match = /^s3:\/\/([^/]+)\/(.+)$/.exec(uri);
  if (!match) {
    throw new Error(`${uri} is not an s3:// URI of an object.`);
  }
  const download = new AbortController();
  const answer = await s3.send(new GetObjectCommand({ Bucket: match[1], Key: match[2] }), {
    abortSignal: download.signal
  });
  const source = (answer.Body as { transformToWebStream(): ReadableStream<Uint8Array> })
    .transformToWebStream()
    .getReader();
  const decoder = createTarDecoder();
  const entries = decoder.readable.getReader();
  let bytesRead = 0;
  let stopped = false;

  const feeding = (async () => {
    const tar = decoder.writable.getWriter();
    let inflated: Uint8Array[] = [];
    const gunzip = new Gunzip(data => inflated.push(data));
    try {
      while (!stopped) {
        const { done, value } = await source.read();
        if (done) {
          break;
        }
        bytesRead += value.byteLength;
        if (bytesRead > maxBytes) {
          break; // the cap: the decoder ends with what it has
        }
        gunzip.push(value);
        for (const data of inflated.splice(0)) {
          await tar.write(data as Uint8Array<ArrayBuffer>); // waits while the decoder is full
        }
      }
      await tar.close();
    } catch (error) {
      await tar.abort(error).catch(() => undefined);
    }
    inflated = [];
  })();

  try {
    for (;;) {
      const { done, value: entry } = await entries.read();
      if (done) {
        return { bytesRead };
      }
      if (entry.header.type === 'file' && isModelConfig(entry.header.name)) {
        if (entry.header.size > MAX_CONFIG_BYTES) {
          return { bytesRead };
        }
        const config = await new Response(entry.body).text();
        return { config, bytesRead };
      }
      await entry.body.cancel(); // skipped: the decoder moves on to the next entry
    }
  } finally {
    // Stops the download: the rest of the archive is never fetched.
    stopped = true;
    await entries.cancel().catch(() => undefined);
    await source.cancel().catch(() => undefined);
    download.abort();
    await feeding;
  }
}

/** `config.json`, `./config.json` or `<folder>/config.json`. */
function isModelConfig(name: string): boolean {
  return /^(\.\/)?([^/]+\/)?config\.json$/.test(name);
}
