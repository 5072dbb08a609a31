/** Every command of the extension; shortcuts, menus and toolbars name these. */
export const CommandIDs = {
  trainCell: 'sagemaker-nlp:train-cell',
  openJobs: 'sagemaker-nlp:open-jobs',
  stopJob: 'sagemaker-nlp:stop-job',
  refreshJobs: 'sagemaker-nlp:refresh-jobs'
} as const;
