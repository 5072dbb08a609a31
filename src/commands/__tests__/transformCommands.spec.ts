import { Dialog } from '@jupyterlab/apputils';
import { nullTranslator } from '@jupyterlab/translation';
import { CommandRegistry } from '@lumino/commands';
import { JobsModel } from '../../jobs/model';
import { FakeBackend, makeJob } from '../../jobs/__tests__/fakes';
import { FakeTransforms, transform } from '../../transform/__tests__/fakes';
import { TransformsModel } from '../../transform/model';
import { CommandIDs } from '../ids';
import { addTransformCommands } from '../transformCommands';

describe('the batch transform commands', () => {
  let commands: CommandRegistry;
  let jobs: JobsModel;
  let transforms: TransformsModel;
  let backend: FakeTransforms;
  const shown: string[] = [];

  beforeEach(async () => {
    commands = new CommandRegistry();
    jobs = new JobsModel({
      backends: [
        new FakeBackend('local', [
          makeJob({ name: 'done', status: 'Completed', modelArtifact: '/jobs/done/output/model.tar.gz' }),
          makeJob({ name: 'running', status: 'InProgress' })
        ])
      ],
      autoStart: false
    });
    await jobs.refresh();
    backend = new FakeTransforms('local', [transform('t-run', 2, 'InProgress', 'local'), transform('t-done', 1, 'Completed', 'local')]);
    transforms = new TransformsModel({ backends: [backend], autoStart: false, standby: 'never' });
    await transforms.refresh();
    addTransformCommands(commands, {
      jobs,
      transforms,
      showJobs: () => shown.push('jobs'),
      trans: nullTranslator.load('jupyterlab_sagemaker_nlp')
    });
  });

  afterEach(() => {
    jobs.dispose();
    transforms.dispose();
    Dialog.flush();
  });

  it('is offered for a completed job with a model, and says why not for one still running', () => {
    expect(commands.isEnabled(CommandIDs.transformJob, { name: 'done' })).toBe(true);
    expect(commands.isEnabled(CommandIDs.transformJob, { name: 'running' })).toBe(false);
    expect(commands.caption(CommandIDs.transformJob, { name: 'running' })).toMatch(
      /Only a completed job can be run as a batch transform; running is InProgress/
    );
    expect(commands.caption(CommandIDs.transformJob, {})).toBe('Select a completed job');
  });

  it('starts the transform the dialog asks for, and shows it', async () => {
    const running = commands.execute(CommandIDs.transformJob, { name: 'done' });
    const input = await waitFor(() => document.querySelector<HTMLInputElement>('.jp-Dialog input[name="input"]'));
    const dialog = document.querySelector<HTMLElement>('.jp-Dialog')!;
    const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(input), 'value')!.set!;
    setter.call(input, 'data/score');
    input.dispatchEvent(new Event('input', { bubbles: true }));
    dialog.querySelector<HTMLButtonElement>('.jp-mod-accept')!.click();
    const made = await running;
    expect(backend.started).toEqual([['done', expect.objectContaining({ input: 'data/score', splitType: 'Line' })]]);
    expect(made).toMatchObject({ name: 'done-transform' });
    expect(transforms.selected).toBe('done-transform');
    expect(shown).toContain('jobs');
  });

  it('stops only a transform in progress', async () => {
    expect(commands.isEnabled(CommandIDs.stopTransform, { name: 't-done' })).toBe(false);
    expect(await commands.execute(CommandIDs.stopTransform, { name: 't-done' })).toBe(false);
    expect(await commands.execute(CommandIDs.stopTransform, { name: 't-run' })).toBe(true);
    expect(backend.stopped).toEqual(['t-run']);
  });
});

async function waitFor<T>(find: () => T | null, timeout = 5000): Promise<T> {
  const until = Date.now() + timeout;
  for (;;) {
    const found = find();
    if (found) {
      return found;
    }
    if (Date.now() > until) {
      throw new Error('not found in time');
    }
    await new Promise(resolve => setTimeout(resolve, 20));
  }
}
