import { IDeployChoices, ITrainingJob } from '../tokens';
import { deployBlocker, deployProblems, ENDPOINT_NAME } from './deployPlan';
import { HF_TASKS_BY_HEAD, IHfTaskProposal } from './hfTask';

/** The pipeline tasks a Hugging Face endpoint may run (`HF_TASK`). */
export const HF_TASKS = [...new Set(HF_TASKS_BY_HEAD.map(([, task]) => task)), 'feature-extraction'];

/** What the dialog starts with when the model's config names no task. */
export const DEFAULT_HF_TASK = 'text-classification';

/** What the deploy dialog proposes for a job; `proposal`: the task its model's config.json names. */
export function defaultDeployChoices(job: ITrainingJob, proposal?: IHfTaskProposal): IDeployChoices {
  return {
    endpointName: endpointNameFor(job.name),
    mode: 'realtime',
    instanceType: job.framework === 'huggingface' ? 'ml.m5.xlarge' : 'ml.m5.large',
    instanceCount: 1,
    memorySizeInMB: 2048,
    maxConcurrency: 5,
    ...(job.framework === 'huggingface' && { hfTask: proposal?.task ?? DEFAULT_HF_TASK })
  };
}

/** `<job>-ep`, cut to SageMaker's 63 characters. */
export function endpointNameFor(jobName: string): string {
  const suffix = '-ep';
  return jobName.slice(0, 63 - suffix.length).replace(/-+$/, '') + suffix;
}

/**
 * Why a job cannot be deployed, or null when it can: SageMaker's rules
 * (`deployBlocker`) for a SageMaker job; a local job needs only its model.
 */
export function whyNotDeployable(job: ITrainingJob): string | null {
  if (job.target === 'sagemaker') {
    return deployBlocker(job);
  }
  if (job.status !== 'Completed') {
    return `Only a completed job can be deployed; ${job.name} is ${job.status}.`;
  }
  if (!job.modelArtifact) {
    return `${job.name} saved no model (nothing was written to SM_MODEL_DIR).`;
  }
  return null;
}

/** What keeps these choices from making an endpoint, each naming its fix. */
export function checkDeployChoices(job: ITrainingJob, choices: IDeployChoices): string[] {
  if (job.target === 'sagemaker') {
    return deployProblems(job, choices);
  }
  // Served by the Jupyter server: only the name matters.
  return ENDPOINT_NAME.test(choices.endpointName)
    ? []
    : [
        `The endpoint name "${choices.endpointName}" is not valid: use 1 to 63 letters, digits and hyphens, starting and ending with a letter or digit.`
      ];
}
