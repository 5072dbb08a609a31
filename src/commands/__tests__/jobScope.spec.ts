import { nullTranslator } from '@jupyterlab/translation';
import { CommandRegistry } from '@lumino/commands';
import { Signal } from '@lumino/signaling';
import type { ISettingRegistry } from '@jupyterlab/settingregistry';
import { JobsModel } from '../../jobs/model';
import { FakeBackend } from '../../jobs/__tests__/fakes';
import { addJobScopeCommand, TOGGLE_ALL_JOBS } from '../jobScope';

/** The part of ISettings the command uses, kept in memory. */
function fakeSettings(listAllJobs: boolean, writable = true) {
  const settings = {
    composite: { listAllJobs } as Record<string, unknown>,
    changed: new Signal<unknown, void>({}),
    async set(key: string, value: unknown) {
      if (!writable) {
        throw new Error('read-only');
      }
      settings.composite = { ...settings.composite, [key]: value };
      settings.changed.emit();
    }
  };
  return settings;
}

describe('sagemaker-nlp:toggle-all-jobs', () => {
  let model: JobsModel;
  let commands: CommandRegistry;

  beforeEach(() => {
    model = new JobsModel({ backends: [new FakeBackend('sagemaker')], autoStart: false });
    commands = new CommandRegistry();
  });

  afterEach(() => model.dispose());

  it('follows the setting, and flips it', async () => {
    const settings = fakeSettings(false);
    addJobScopeCommand(commands, model, settings as unknown as ISettingRegistry.ISettings, nullTranslator.load('x'));
    expect(model.scope).toBe('own');
    expect(commands.isToggled(TOGGLE_ALL_JOBS)).toBe(false);

    await commands.execute(TOGGLE_ALL_JOBS);
    expect(settings.composite.listAllJobs).toBe(true);
    expect(model.scope).toBe('all');
    expect(commands.isToggled(TOGGLE_ALL_JOBS)).toBe(true);

    await settings.set('listAllJobs', false);
    expect(model.scope).toBe('own');
  });

  it('starts from the saved choice, and flips the model when settings cannot be written', async () => {
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const settings = fakeSettings(true, false);
    addJobScopeCommand(commands, model, settings as unknown as ISettingRegistry.ISettings, nullTranslator.load('x'));
    expect(model.scope).toBe('all');
    await commands.execute(TOGGLE_ALL_JOBS);
    expect(model.scope).toBe('own');
    jest.restoreAllMocks();
  });
});
