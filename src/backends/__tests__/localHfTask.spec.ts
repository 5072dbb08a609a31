/**
 * @jest-environment ./src/aws/__tests__/jsdomWithStreams.js
 */
import { e2eServer } from '../../aws/__tests__/e2eServer';
import { EndpointsModel } from '../../endpoints/model';
import { ITrainingJob, ITrainingJobSpec } from '../../tokens';
import { LocalBackend } from '../local';
import { LocalEndpoints } from '../localEndpoints';
import { spec } from './sagemakerFixtures';

/**
 * The deploy dialog's task for a local job, from its model folder's
 * config.json through the real Jupyter server of scripts/aws-stack.sh
 * (`GET …/local/jobs/<name>/hf-task`), and the model's dispatch by target.
 */
const { serverSettings } = e2eServer();

const WRITES_CONFIG = (architecture: string) => `
import json, os
with open(os.path.join(os.environ["SM_MODEL_DIR"], "config.json"), "w") as f:
    json.dump({"architectures": ["${architecture}"], "model_type": "bert"}, f)
`;

describe('proposeHfTask for local jobs', () => {
  const jobs = new LocalBackend({ serverSettings });
  const local = new LocalEndpoints({ serverSettings });

  async function completedJob(name: string, train: string): Promise<ITrainingJob> {
    const jobName = `${name}-${Date.now()}`;
    const job: ITrainingJobSpec = {
      ...spec({ jobName }),
      target: 'local',
      framework: 'huggingface',
      instanceType: 'local',
      channels: {},
      sagemaker: undefined,
      kernelName: 'python3',
      sourceFiles: [{ path: 'train.py', content: train }]
    };
    await jobs.submit(job);
    for (let i = 0; i < 600; i++) {
      const found = (await jobs.list()).find(j => j.name === jobName);
      if (found && found.status !== 'InProgress') {
        expect(found.status).toBe('Completed');
        return found;
      }
      await new Promise(resolve => setTimeout(resolve, 100));
    }
    throw new Error(`${jobName} did not complete`);
  }

  it('proposes the task of the architecture the model folder names', async () => {
    const job = await completedJob('hf-task', WRITES_CONFIG('DistilBertForTokenClassification'));
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
    const bare = await completedJob('hf-bare', WRITES_CONFIG('BertModel'));
    expect(await local.proposeHfTask(bare)).toBeUndefined();
    await expect(local.proposeHfTask({ ...bare, name: 'no-such-job' })).rejects.toThrow(
      "No local training job named 'no-such-job'."
    );
  });
});
