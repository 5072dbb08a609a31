import { baseFrameworkProblem } from './catalogFit';
import { ITrainChoices, specFromChoices, validateChoices } from './choices';
import { planTrainingJob } from './plan';
import { textProblems } from './sagemakerChoices';

export type Translate = (text: string, ...args: string[]) => string;

/** Where SageMaker jobs go, as the server found it. */
export interface IAwsTarget {
  region: string;
  roleArn: string;
  bucket: string;
}

/**
 * Everything that keeps these choices from making a job, each naming its
 * fix: the dialog's own checks, then the job plan's (`planTrainingJob`, the
 * same the backends carry out), so a bad choice never reaches a backend.
 */
export function checkChoices(
  choices: ITrainChoices,
  aws: IAwsTarget | null,
  trans: Translate
): string[] {
  const problems = validateChoices(choices, trans);
  if (choices.target === 'sagemaker') {
    if (!aws) {
      return [...problems, trans('SageMaker is not set up on this server.')];
    }
    problems.push(...textProblems(choices.sagemaker));
    const base = baseFrameworkProblem(choices);
    if (base) {
      problems.push(base);
    }
  }
  if (problems.length > 0) {
    return problems; // the plan would say the same things less kindly
  }
  const spec = specFromChoices(choices, {
    jobName: `${choices.jobBaseName}-check`,
    entryPoint: 'train.py',
    script: '',
    requirements: [],
    extraFileContents: [],
    notebookPath: '',
    cellId: '',
    kernelName: '',
    aws: aws ?? undefined
  });
  return planTrainingJob(spec, aws).problems;
}
