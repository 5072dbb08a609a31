import { nullTranslator } from '@jupyterlab/translation';
import { uploadMessage } from '../uploadNotice';

const trans = nullTranslator.load('jupyterlab');
const base = { jobName: 'reviews-1', bytesDone: 0, bytes: 0, filesDone: 0 };

describe('uploadMessage', () => {
  it('says nothing is sent when S3 has every file, in the right number', () => {
    expect(uploadMessage({ ...base, files: 0, filesUnchanged: 1 }, trans)).toBe(
      'reviews-1: the data is already in S3 (1 file unchanged): nothing to upload.'
    );
    expect(uploadMessage({ ...base, files: 0, filesUnchanged: 3 }, trans)).toBe(
      'reviews-1: the data is already in S3 (3 files unchanged): nothing to upload.'
    );
  });

  it('counts files and megabytes done', () => {
    const progress = { ...base, files: 2, filesDone: 1, bytesDone: 1.5e6, bytes: 9.5e6, filesUnchanged: 4 };
    expect(uploadMessage(progress, trans)).toBe(
      'reviews-1: uploaded 1 of 2 files, 1.5 of 9.5 MB (4 unchanged, not sent again).'
    );
    expect(uploadMessage({ ...progress, files: 1 }, trans)).toBe(
      'reviews-1: uploaded 1 of 1 file, 1.5 of 9.5 MB (4 unchanged, not sent again).'
    );
  });
});
