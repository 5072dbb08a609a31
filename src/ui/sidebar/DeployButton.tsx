import { TranslationBundle } from '@jupyterlab/translation';
import { CommandRegistry } from '@lumino/commands';
import * as React from 'react';
import { CommandIDs } from '../../commands/ids';
import { ITrainingJob } from '../../tokens';

interface IProps {
  job: ITrainingJob;
  commands: CommandRegistry;
  trans: TranslationBundle;
}

/** "Deploy": enabled for a completed job with a model; otherwise its title says why not. */
export function DeployButton({ job, commands, trans }: IProps): JSX.Element | null {
  if (!commands.hasCommand(CommandIDs.deployJob)) {
    return null; // the endpoints plugin is off
  }
  const args = { name: job.name };
  return (
    <button
      type="button"
      className="jp-Button jp-mod-styled jp-mod-reject jp-SageMakerNLP-deployButton"
      disabled={!commands.isEnabled(CommandIDs.deployJob, args)}
      title={commands.caption(CommandIDs.deployJob, args)}
      onClick={() => void commands.execute(CommandIDs.deployJob, args)}
    >
      {trans.__('Deploy')}
    </button>
  );
}
