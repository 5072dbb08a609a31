import { Dialog, Notification, showDialog } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';
import { createDefaultBucket, getAwsConfig, IAwsConfig } from './backends/awsConfig';
import { IAwsTarget } from './training/checkChoices';

/** SageMaker's setup as the dialog needs it, or why there is none. */
export interface IAwsSetupState {
  target: IAwsTarget | null;
  problems: string[];
  bucketMissing: boolean;
}

/** Asks the server where SageMaker jobs would go (it caches discovery). */
export async function loadAwsSetup(): Promise<IAwsSetupState> {
  let config: IAwsConfig;
  try {
    config = await getAwsConfig();
  } catch (error) {
    return {
      target: null,
      problems: [error instanceof Error ? error.message : String(error)],
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
    const config = await createDefaultBucket();
    setup.bucketMissing = config.bucketStatus === 'missing';
    return config.bucketStatus === 'ok';
  } catch (error) {
    Notification.error(
      trans.__(
        'Could not create bucket %1: %2',
        bucket,
        error instanceof Error ? error.message : String(error)
      ),
      { autoClose: false }
    );
    return false;
  }
}
