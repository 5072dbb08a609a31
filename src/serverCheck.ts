import { Dialog, showDialog } from '@jupyterlab/apputils';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { TranslationBundle } from '@jupyterlab/translation';
import { LocalBackend } from './backends/local';
import { checkServerExtension } from './api/request';
import { readSettings } from './settings';
import { IAwsSession } from './tokens';

/**
 * Makes sure the server extension answers (a dialog says how to fix it when
 * it does not), then keeps the local runner's settings in step.
 */
export async function checkServer(
  trans: TranslationBundle,
  settings: ISettingRegistry.ISettings,
  session: IAwsSession
): Promise<void> {
  const health = await checkServerExtension();
  if (!health) {
    await showDialog({
      title: trans.__('SageMaker NLP: server extension missing'),
      body: trans.__(
        'The Jupyter server does not answer for jupyterlab-sagemaker-nlp, so jobs cannot run. Install the package in the Python environment that runs JupyterLab (pip install jupyterlab-sagemaker-nlp), check that "jupyter server extension list" shows jupyterlab_sagemaker_nlp enabled, then restart JupyterLab.'
      ),
      buttons: [Dialog.okButton({ label: trans.__('OK') })]
    });
    return;
  }
  // The server owns the local runner and the AWS setup; the Settings Editor
  // is where the user changes them, so they are passed on at load and on
  // every change. Empty AWS fields mean "discover": at load they are not
  // sent, so a page reload doesn't make the server discover anew.
  const local = new LocalBackend();
  const pushSettings = async (atLoad: boolean) => {
    const { localJobsFolder, maxConcurrentLocalJobs, region, roleArn, bucket } =
      readSettings(settings);
    try {
      await local.setConfig({
        jobsDir: localJobsFolder,
        maxConcurrentJobs: maxConcurrentLocalJobs
      });
      if (!atLoad || region || roleArn || bucket) {
        await session.setConfig({ region, roleArn, bucket });
      }
    } catch (error) {
      console.error('sagemaker-nlp: settings not applied on the server', error);
    }
  };
  settings.changed.connect(() => pushSettings(false));
  await pushSettings(true);
}
