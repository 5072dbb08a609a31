/**
 * @jest-environment ./src/aws/__tests__/jsdomWithStreams.js
 */
import { EndpointsModel } from '../../endpoints/model';
import { LocalEndpoints } from '../localEndpoints';
import { localServer } from './localServer';

/**
 * The deploy dialog's task for a local job, from its model folder's
 * config.json through the real Jupyter server of scripts/aws-stack.sh
 * (`GET …/local/jobs/<name>/hf-task`), and the model's dispatch by target.
 */
const { serverSettings, completedJob } = localServer();

const WRITES_CONFIG = (architecture: string) => `
import json, os
with open(os.path.join(os.environ["SM_MODEL_DIR"], "config.json"), "w") as f:
    json.dump({"architectures": ["${architecture}"], "model_type": "bert"}, f)
`;

describe('proposeHfTask for local jobs', () => {
  const local = new LocalEndpoints({ serverSettings });

  it('proposes the task of the architecture the model folder names', async () => {
    const job = await completedJob(
      'hf-task',
      WRITES_CONFIG('DistilBertForTokenClassification'),
      'huggingface'
    );
    expect(await local.proposeHfTask(job)).toEqual({
      task: 'token-classification',
      architecture: 'DistilBertForTokenClassification'
    });
    // Through the model: the local backend answers for a local job, not the SageMaker one.
    const sagemaker = { target: 'sagemaker' as const, list: async () => [], delete: async () => undefined };
    const propose = jest.fn(async () => ({ task: 'fill-mask', architecture: 'BertForMaskedLM' }));
    const model = new EndpointsModel({
      backends: [local, { ...sagemaker, proposeHfTask: propose }],
      autoStart: false
    });
    expect((await model.proposeHfTask(job))?.task).toBe('token-classification');
    expect(propose).not.toHaveBeenCalled();
    expect(await model.proposeHfTask({ ...job, target: 'sagemaker' })).toEqual({
      task: 'fill-mask',
      architecture: 'BertForMaskedLM'
    });
    model.dispose();
  });

  it('proposes nothing for a model without a known architecture, and 404s an unknown job', async () => {
    const bare = await completedJob('hf-bare', WRITES_CONFIG('BertModel'), 'huggingface');
    expect(await local.proposeHfTask(bare)).toBeUndefined();
    await expect(local.proposeHfTask({ ...bare, name: 'no-such-job' })).rejects.toThrow(
      "No local training job named 'no-such-job'."
    );
  });
});
