import { whyNotDeployable } from '../endpoints/deployChoices';
import { needsInferenceScript } from '../endpoints/deployPlan';
import { transformChoices, transformProblems } from '../endpoints/transformPlan';
import { ITrainingJob, ITransformRequest, TransformSplitType } from '../tokens';

/** How a local transform may cut its input: the local runner reads text files. */
export const LOCAL_SPLIT_TYPES: TransformSplitType[] = ['None', 'Line'];
export const SAGEMAKER_SPLIT_TYPES: TransformSplitType[] = ['None', 'Line', 'RecordIO', 'TFRecord'];
/** What the toolkits' default input_fn decodes; any other type needs an inference script. */
export const CONTENT_TYPES = ['text/csv', 'application/json', 'application/jsonlines', 'text/plain'];

/**
 * A transform needs what a deploy needs: a completed job with a model that
 * can be served. A PyTorch or MXNet model serves only with its inference
 * script, which a transform does not pack: it runs an endpoint's model.
 */
export function whyNotTransformable(job: ITrainingJob, modelName?: string): string | null {
  const why = whyNotDeployable(job);
  if (why) {
    return why.replace(/deployed/g, 'run as a batch transform');
  }
  if (job.target === 'sagemaker' && needsInferenceScript(job) && !modelName) {
    return `A ${job.framework} model serves only with its inference script: deploy ${job.name} with one, then start the batch transform from its endpoint (Batch transform there runs the endpoint's model).`;
  }
  return null;
}

/** What the Batch transform dialog proposes: one record per line of CSV, answers a line each. */
export function defaultTransformRequest(job: ITrainingJob): ITransformRequest {
  const notebookDir = (job.notebookPath ?? '').split('/').slice(0, -1).join('/');
  const huggingFace = job.framework === 'huggingface';
  return {
    input: job.target === 'local' ? notebookDir : '',
    contentType: 'text/csv',
    splitType: 'Line',
    assembleWith: 'Line',
    ...(job.target === 'sagemaker' && {
      instanceType: huggingFace ? 'ml.m5.xlarge' : 'ml.m5.large',
      instanceCount: 1
    })
  };
}

/** What keeps the request from running, each naming its fix; the server checks the folders. */
export function checkTransformRequest(job: ITrainingJob, request: ITransformRequest): string[] {
  const why = whyNotTransformable(job, request.modelName);
  if (why) {
    return [why];
  }
  if (job.target === 'sagemaker') {
    return transformProblems(transformChoices(request));
  }
  const problems: string[] = [];
  if (!request.input.trim()) {
    problems.push('No input folder: give the folder whose files are sent to the model, relative to the Jupyter root, e.g. examples/data/score.');
  }
  if (/^s3:\/\//.test(request.input) || /^s3:\/\//.test(request.output ?? '')) {
    problems.push('A local transform reads and writes folders here, not S3: give a folder, or train on SageMaker to transform S3 data.');
  }
  if (!LOCAL_SPLIT_TYPES.includes(request.splitType)) {
    problems.push(`Split type ${request.splitType} is not available locally: choose Line (one record per line) or None (one per file).`);
  }
  if (!request.contentType.trim()) {
    problems.push('No content type for the input: give its MIME type, e.g. text/csv or application/json.');
  }
  return problems;
}
