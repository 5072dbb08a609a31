import { nullTranslator } from '@jupyterlab/translation';
import { deletionText } from '../../../commands/endpointCommands';
import { IEndpoint } from '../../../tokens';
import { capacityLabel, endpointStatusLabel, modelNames } from '../format';

const trans = nullTranslator.load('jupyterlab_sagemaker_nlp');

function endpoint(overrides: Partial<IEndpoint> = {}): IEndpoint {
  return {
    name: 'reviews',
    target: 'sagemaker',
    status: 'InService',
    creationTime: new Date(0),
    configName: 'reviews-config',
    variants: [{ name: 'AllTraffic', modelName: 'reviews-model', instanceType: 'ml.m5.large', instanceCount: 2 }],
    ...overrides
  };
}

describe('endpoint words', () => {
  it('says the capacity: instances, serverless memory, more variants', () => {
    expect(capacityLabel(endpoint(), trans)).toBe('ml.m5.large × 2');
    expect(
      capacityLabel(
        endpoint({ variants: [{ name: 'AllTraffic', serverless: { memorySizeInMB: 2048, maxConcurrency: 5 } }] }),
        trans
      )
    ).toBe('serverless 2048 MB');
    const two = endpoint();
    two.variants.push({ name: 'B', modelName: 'reviews-model', instanceType: 'ml.c5.xlarge', instanceCount: 1 });
    expect(capacityLabel(two, trans)).toBe('ml.m5.large × 2 (+1 variants)');
    expect(modelNames(two)).toEqual(['reviews-model']);
    expect(capacityLabel(endpoint({ variants: [] }), trans)).toBe('');
  });

  it('names every status in words', () => {
    expect(endpointStatusLabel('InService', trans)).toBe('In service');
    expect(endpointStatusLabel('UpdateRollbackFailed', trans)).toBe('Update rollback failed');
  });

  it('names what a deletion removes', () => {
    expect(deletionText(endpoint(), trans)).toBe(
      'This deletes the endpoint reviews, its config reviews-config, its model reviews-model. It cannot be undone.'
    );
    expect(deletionText(endpoint({ configName: undefined, variants: [] }), trans)).toBe(
      'This deletes the endpoint reviews. It cannot be undone.'
    );
    expect(deletionText(endpoint({ target: 'local' }), trans)).toMatch(/local endpoint reviews will be stopped/);
  });
});
