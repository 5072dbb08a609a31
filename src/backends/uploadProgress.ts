import { ISignal, Signal } from '@lumino/signaling';

/** How far the upload of a job's channel folders is. */
export interface IChannelUploadProgress {
  jobName: string;
  filesDone: number;
  files: number;
  bytesDone: number;
  bytes: number;
  /** Files of the folders that S3 already had, unchanged: not uploaded again. */
  filesUnchanged: number;
  /** Set once the uploads are done: objects at the prefixes that the folders no longer have. */
  stale?: string[];
}

/**
 * Told while a SageMaker submit uploads channel folders. The backend sits in
 * a lazy chunk behind the jobs model, so the command that shows the
 * notification listens here (for its job's name) instead of being handed
 * to the backend.
 */
export const channelUploadProgress: ISignal<unknown, IChannelUploadProgress> =
  new Signal<unknown, IChannelUploadProgress>({});

export function reportChannelUpload(progress: IChannelUploadProgress): void {
  (channelUploadProgress as Signal<unknown, IChannelUploadProgress>).emit(progress);
}
