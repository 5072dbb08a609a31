import { trainingImageUri } from '../catalog';
import { ITrainChoices, specFromChoices, validateChoices } from './choices';
import { checkSageMakerChoices } from './sagemakerChecks';
import { textProblems } from './sagemakerChoices';
import { sourceDirS3Uri } from './sagemakerOptions';
import { errorMessage } from '../errorMessage';

export type Translate = (text: string, ...args: string[]) => string;

/** Where SageMaker jobs go, as the server found it. */
export interface IAwsTarget {
  region: string;
  roleArn: string;
  bucket: string;
}

/**
 * Everything that keeps these choices from making a job, each naming its
 * fix: the dialog's own checks, and for SageMaker the image catalog's and
 * the request builder's, so a bad choice never reaches AWS.
 */
export function checkChoices(
  choices: ITrainChoices,
  aws: IAwsTarget | null,
  trans: Translate
): string[] {
  const problems = validateChoices(choices, trans);
  if (choices.target !== 'sagemaker') {
    return problems;
  }
  if (!aws) {
    return [...problems, trans('SageMaker is not set up on this server.')];
  }
  problems.push(...textProblems(choices.sagemaker));
  const jobName = `${choices.jobBaseName}-check`;
  const spec = specFromChoices(choices, {
    jobName,
    entryPoint: 'train.py',
    script: '',
    requirements: [],
    extraFileContents: [],
    notebookPath: '',
    cellId: '',
    kernelName: '',
    aws
  });
  let imageUri: string;
  try {
    imageUri = trainingImageUri({
      framework: spec.framework,
      region: aws.region,
      version: spec.frameworkVersion,
      pyVersion: spec.pyVersion,
      instanceType: spec.instanceType,
      baseFrameworkVersion: spec.baseFrameworkVersion
    });
  } catch (error) {
    return [...problems, errorMessage(error)];
  }
  return [
    ...problems,
    ...checkSageMakerChoices(spec, spec.sagemaker!, {
      imageUri,
      region: aws.region,
      submitDirS3Uri: sourceDirS3Uri(jobName, spec.sagemaker!)
    })
  ];
}
