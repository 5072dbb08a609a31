import { ITrainingJob, ITransformRequest } from '../../tokens';
import { TransformsModel } from '../model';
import { FakeTransforms, transform } from './fakes';

const job = { name: 'reviews-local', target: 'local', status: 'Completed' } as ITrainingJob;
const request: ITransformRequest = { input: 'data/score', contentType: 'text/csv', splitType: 'Line' };

describe('TransformsModel', () => {
  let sagemaker: FakeTransforms;
  let local: FakeTransforms;
  let model: TransformsModel;

  beforeEach(() => {
    sagemaker = new FakeTransforms('sagemaker', [transform('sm-old', 1), transform('sm-new', 5, 'InProgress')]);
    local = new FakeTransforms('local', [transform('local-mid', 3, 'Failed', 'local')]);
    model = new TransformsModel({ backends: [sagemaker, local], autoStart: false, standby: 'never' });
  });

  afterEach(() => model.dispose());

  it('merges every backend, newest first, and polls fast only while one runs', async () => {
    await model.refresh();
    expect(model.transforms.map(t => t.name)).toEqual(['sm-new', 'local-mid', 'sm-old']);
    expect(model.poll.frequency.interval).toBe(TransformsModel.DEFAULT_FREQUENCY.active);
    sagemaker.set('sm-new', 'Completed');
    await model.refresh();
    expect(model.poll.frequency.interval).toBe(TransformsModel.DEFAULT_FREQUENCY.idle);
  });

  it('starts a transform where its job ran, shows and selects it at once', async () => {
    await model.refresh();
    const listsBefore = local.lists;
    const made = await model.transform(job, request);
    expect(local.started).toEqual([['reviews-local', request]]);
    expect(sagemaker.started).toEqual([]);
    expect(model.selected).toBe(made.name);
    expect(model.transforms[0].name).toBe('reviews-local-transform');
    expect(local.lists).toBe(listsBefore); // shown before the next listing
    await expect(model.transform({ ...job, target: 'sagemaker' }, request)).resolves.toBeDefined();
  });

  it('stops, and reads logs, through the backend of the transform', async () => {
    await model.refresh();
    await model.stop('sm-new');
    expect(sagemaker.stopped).toEqual(['sm-new']);
    expect(local.stopped).toEqual([]);
    await expect(model.logStreams('local-mid')).resolves.toEqual([{ name: 'local', host: 'local' }]);
    expect(local.logged).toEqual(['local-mid']);
    await expect(model.logs('local-mid', 'local')).resolves.toMatchObject({
      events: [{ message: 'local-mid local' }]
    });
    await expect(model.stop('gone')).rejects.toThrow(/no transform named "gone"/);
  });

  it('after its first listing, lists nothing while no view shows it and nothing runs', async () => {
    const hidden = new TransformsModel({ backends: [local], autoStart: false });
    hidden.watched = false;
    await hidden.start();
    await hidden.poll.tick;
    expect(local.lists).toBe(1);
    await hidden.refresh();
    await hidden.refresh();
    expect(local.lists).toBe(1);
    hidden.watched = true;
    await hidden.poll.tick;
    expect(local.lists).toBe(2);
    hidden.dispose();
  });
});

describe('TransformsModel while hidden', () => {
  it('goes on polling while a transform runs, so its end is seen, then rests', async () => {
    const backend = new FakeTransforms('local', [transform('t', 1, 'InProgress', 'local')]);
    const model = new TransformsModel({ backends: [backend], autoStart: false, frequency: { active: 10, idle: 10 } });
    await model.refresh();
    model.watched = false;
    await model.start();
    const before = backend.lists;
    await new Promise(resolve => setTimeout(resolve, 100));
    expect(backend.lists).toBeGreaterThan(before);
    backend.set('t', 'Completed');
    await new Promise(resolve => setTimeout(resolve, 100));
    const ended = backend.lists;
    await new Promise(resolve => setTimeout(resolve, 100));
    expect(backend.lists).toBe(ended);
    model.dispose();
  });
});

describe('TransformsModel never shown', () => {
  it('lists once at start, to find a running transform, and rests when none runs', async () => {
    const idle = new FakeTransforms('local', [transform('done', 1, 'Completed', 'local')]);
    const model = new TransformsModel({ backends: [idle], autoStart: false, frequency: { active: 10, idle: 10 } });
    model.watched = false;
    await model.start();
    await new Promise(resolve => setTimeout(resolve, 150));
    expect(idle.lists).toBe(1);
    expect(model.transforms.map(t => t.name)).toEqual(['done']);
    model.dispose();
  });
});
