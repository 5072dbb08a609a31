/**
 * @jest-environment ./src/aws/__tests__/jsdomWithStreams.js
 */
import { makeJob } from '../../jobs/__tests__/fakes';
import {
  checkDeployChoices,
  defaultDeployChoices,
  endpointNameFor,
  whyNotDeployable
} from '../deployChoices';

describe('deploy choices', () => {
  const job = makeJob({
    name: 'huggingface-tiny-bert-2026-12-01-15-00-00-000',
    target: 'sagemaker',
    framework: 'huggingface',
    status: 'Completed',
    modelArtifact: 's3://b/j/output/model.tar.gz'
  });
  const local = { ...job, target: 'local' as const, modelArtifact: '/jobs/j/output/model.tar.gz' };

  it('proposes a real-time endpoint named after the job, which the SageMaker checks accept', () => {
    const choices = defaultDeployChoices(job);
    expect(choices).toMatchObject({
      endpointName: 'huggingface-tiny-bert-2026-12-01-15-00-00-000-ep',
      mode: 'realtime',
      instanceType: 'ml.m5.xlarge',
      instanceCount: 1,
      hfTask: 'text-classification'
    });
    expect(checkDeployChoices(job, choices)).toEqual([]);
    expect(endpointNameFor('x'.repeat(70))).toHaveLength(63);
  });

  it('checks only the name of a local endpoint', () => {
    const choices = { endpointName: 'ok', mode: 'realtime' as const, instanceType: 'nonsense' };
    expect(checkDeployChoices(local, choices)).toEqual([]);
    expect(checkDeployChoices(local, { ...choices, endpointName: 'bad_name' })).toEqual([
      'The endpoint name "bad_name" is not valid: use 1 to 63 letters, digits and hyphens, starting and ending with a letter or digit.'
    ]);
    expect(checkDeployChoices(job, { ...choices, endpointName: 'bad_name' })).toHaveLength(3);
  });

  it('says why a job cannot be deployed', () => {
    expect(whyNotDeployable({ ...local, status: 'InProgress' })).toMatch(/Only a completed job can be deployed; .* is InProgress/);
    expect(whyNotDeployable({ ...local, modelArtifact: undefined })).toMatch(/SM_MODEL_DIR/);
    expect(whyNotDeployable(local)).toBeNull();
    expect(whyNotDeployable({ ...job, status: 'Failed' })).toMatch(/only a Completed job has a model to deploy/);
    expect(whyNotDeployable(job)).toBeNull();
  });
});
