import { Notification } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';
import { IChannelUploadProgress } from '../tokens';

/**
 * The notification of a job's channel uploads: files and bytes done while
 * they go, then a warning if the job will also read objects the folder no
 * longer has. `done()` lets it close by itself.
 */
export class UploadNotice {
  constructor(private readonly _trans: TranslationBundle) {}

  readonly report = (progress: IChannelUploadProgress): void => {
    const message = uploadMessage(progress, this._trans);
    if (this._id === null) {
      this._id = Notification.emit(message, 'in-progress', { autoClose: false });
    } else {
      Notification.update({ id: this._id, message });
    }
    if (progress.stale?.length) {
      Notification.warning(
        this._trans._n(
          '%2 will also read %1 file in S3 that the folder no longer has (%3): delete it from S3 (aws s3 rm) if the job must not see it.',
          '%2 will also read %1 files in S3 that the folder no longer has (e.g. %3): delete them from S3 (aws s3 rm) if the job must not see them.',
          progress.stale.length,
          progress.jobName,
          progress.stale[0]
        ),
        { autoClose: false }
      );
    }
  };

  done(): void {
    if (this._id !== null) {
      Notification.update({ id: this._id, type: 'info', autoClose: 5000 });
    }
  }

  private _id: string | null = null;
}

export function uploadMessage(p: IChannelUploadProgress, trans: TranslationBundle): string {
  if (p.files === 0) {
    return trans._n(
      '%2: the data is already in S3 (%1 file unchanged): nothing to upload.',
      '%2: the data is already in S3 (%1 files unchanged): nothing to upload.',
      p.filesUnchanged,
      p.jobName
    );
  }
  const mb = (bytes: number) => (bytes / 1e6).toFixed(1);
  return trans._n(
    '%2: uploaded %3 of %1 file, %4 of %5 MB (%6 unchanged, not sent again).',
    '%2: uploaded %3 of %1 files, %4 of %5 MB (%6 unchanged, not sent again).',
    p.files,
    p.jobName,
    String(p.filesDone),
    mb(p.bytesDone),
    mb(p.bytes),
    String(p.filesUnchanged)
  );
}
