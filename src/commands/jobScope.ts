import { filterListIcon } from '@jupyterlab/ui-components';
import { CommandIDs } from './ids';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { TranslationBundle } from '@jupyterlab/translation';
import { CommandRegistry } from '@lumino/commands';
import type { IListedJobs } from '../jobs/listing';

/** Lists every SageMaker job of the region, or only ours again. */
export const TOGGLE_ALL_JOBS = CommandIDs.toggleAllJobs;

/** The setting that keeps the choice. */
export const LIST_ALL_JOBS_SETTING = 'listAllJobs';

/**
 * The jobs sidebar's scope follows the `listAllJobs` setting; the command
 * flips the setting (so the choice outlives a reload), or, when settings
 * cannot be written, the model alone.
 */
export function addJobScopeCommand(
  commands: CommandRegistry,
  jobs: IListedJobs,
  settings: ISettingRegistry.ISettings,
  trans: TranslationBundle
): void {
  const { setScope, scopeChanged } = jobs;
  if (!setScope || !scopeChanged) {
    return; // a model without scopes
  }
  const follow = () =>
    jobs.setScope!(settings.composite[LIST_ALL_JOBS_SETTING] === true ? 'all' : 'own');
  follow();
  settings.changed.connect(follow);
  scopeChanged.connect(() => commands.notifyCommandChanged(TOGGLE_ALL_JOBS));

  commands.addCommand(TOGGLE_ALL_JOBS, {
    label: trans.__('Show Every Training Job of the Region'),
    icon: filterListIcon,
    caption: trans.__(
      'List every SageMaker training job of the region, not only those started from notebooks with this extension'
    ),
    isToggled: () => jobs.scope === 'all',
    execute: async () => {
      const all = jobs.scope !== 'all';
      try {
        await settings.set(LIST_ALL_JOBS_SETTING, all);
      } catch (error) {
        console.error('sagemaker-nlp: could not save the jobs scope setting', error);
        jobs.setScope!(all ? 'all' : 'own');
      }
    }
  });
}
