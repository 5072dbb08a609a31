/** Every command of the extension; shortcuts, menus and toolbars name these. */
export const CommandIDs = {
  trainCell: 'sagemaker-nlp:train-cell',
  openJobs: 'sagemaker-nlp:open-jobs',
  /** Args: `{ name }`, the job to show in the Training jobs sidebar. */
  openJob: 'sagemaker-nlp:open-job',
  stopJob: 'sagemaker-nlp:stop-job',
  refreshJobs: 'sagemaker-nlp:refresh-jobs',
  toggleAllJobs: 'sagemaker-nlp:toggle-all-jobs'
} as const;
