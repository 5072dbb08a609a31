import { Dialog, Notification, showDialog } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';
import { IAwsConfig, IAwsSession } from '../tokens';
import { errorMessage } from '../errorMessage';
import { IAwsTarget } from '../training/checkChoices';

/** SageMaker's setup as the dialog needs it, or why there is none. */
export interface IAwsSetupState {
  target: IAwsTarget | null;
  problems: string[];
  bucketMissing: boolean;
}

/** Where SageMaker jobs would go, as the session knows it. */
export async function loadAwsSetup(session: IAwsSession): Promise<IAwsSetupState> {
  let config: IAwsConfig;
  try {
    config = await session.config();
  } catch (error) {
    return {
      target: null,
      problems: [errorMessage(error)],
      bucketMissing: false
    };
  }
  const { region, roleArn, bucket } = config;
  const problems = [...config.problems];
  const ready = !!region && !!roleArn && !!bucket && problems.length === 0;
  return {
    target: ready ? { region: region!, roleArn: roleArn!, bucket: bucket! } : null,
    problems,
    bucketMissing: config.bucketStatus === 'missing'
  };
}

/**
 * The SDK creates its default bucket silently; we ask first. True when the
 * bucket exists (now), false when the user declined.
 */
export async function ensureBucket(
  setup: IAwsSetupState,
  session: IAwsSession,
  trans: TranslationBundle
): Promise<boolean> {
  if (!setup.bucketMissing || !setup.target) {
    return true;
  }
  const { bucket, region } = setup.target;
  const answer = await showDialog({
    title: trans.__('Create the SageMaker bucket?'),
    body: trans.__(
      'Bucket %1 does not exist yet. SageMaker jobs keep their code and models there, as the SageMaker Python SDK does. Create it in %2?',
      bucket,
      region
    ),
    buttons: [
      Dialog.cancelButton({ label: trans.__('Cancel') }),
      Dialog.okButton({ label: trans.__('Create bucket') })
    ]
  });
  if (!answer.button.accept) {
    return false;
  }
  try {
    const config = await session.createDefaultBucket();
    setup.bucketMissing = config.bucketStatus === 'missing';
    return config.bucketStatus === 'ok';
  } catch (error) {
    Notification.error(
      trans.__(
        'Could not create bucket %1: %2',
        bucket,
        errorMessage(error)
      ),
      { autoClose: false }
    );
    return false;
  }
}
