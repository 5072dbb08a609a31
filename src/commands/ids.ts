/** Every command of the extension; shortcuts, menus and toolbars name these. */
export const CommandIDs = {
  trainCell: 'sagemaker-nlp:train-cell',
  openJobs: 'sagemaker-nlp:open-jobs',
  /** Args: `{ name }`, the job to show in the Training jobs sidebar. */
  openJob: 'sagemaker-nlp:open-job',
  stopJob: 'sagemaker-nlp:stop-job',
  refreshJobs: 'sagemaker-nlp:refresh-jobs',
  toggleAllJobs: 'sagemaker-nlp:toggle-all-jobs',
  /** Args: `{ name }`; without it, the selected job. */
  loadModel: 'sagemaker-nlp:load-model',
  /** Args: `{ name }`, the training job; without it, the selected job. */
  deployJob: 'sagemaker-nlp:deploy-job',
  /** Args: `{ name }`; without it, the selected job. */
  showJobCode: 'sagemaker-nlp:show-job-code',
  diffJobCode: 'sagemaker-nlp:diff-job-code',
  /** Args: `{ cellId, notebookPath? }`, else the active cell. */
  compareCellRuns: 'sagemaker-nlp:compare-cell-runs',
  openEndpoints: 'sagemaker-nlp:open-endpoints',
  refreshEndpoints: 'sagemaker-nlp:refresh-endpoints',
  /** Args: `{ name }`; without it, the selected endpoint. */
  deleteEndpoint: 'sagemaker-nlp:delete-endpoint',
  /** Args: `{ name }`; without it, the selected endpoint. */
  insertEndpointSnippet: 'sagemaker-nlp:insert-endpoint-snippet',
  /** Args: `{ name, modelName? }`: the training job, and the model to run (an endpoint's); else the selected job's. */
  transformJob: 'sagemaker-nlp:transform-job',
  /** Args: `{ name }`, the transform job to show in the Training jobs sidebar. */
  openTransform: 'sagemaker-nlp:open-transform',
  /** Args: `{ name }`; without it, the selected transform. */
  stopTransform: 'sagemaker-nlp:stop-transform'
} as const;
