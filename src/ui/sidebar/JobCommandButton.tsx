import { CommandRegistry } from '@lumino/commands';
import * as React from 'react';
import { ITrainingJob } from '../../tokens';

interface IProps {
  /** A command that takes `{ name }`, the job's. */
  id: string;
  label: string;
  job: ITrainingJob;
  commands: CommandRegistry;
  className?: string;
}

/**
 * A button that runs a command on the job: enabled as the command is for
 * it, with the command's caption (why not, when disabled) as its title.
 * Nothing when the plugin that adds the command is off.
 */
export function JobCommandButton({ id, label, job, commands, className }: IProps): JSX.Element | null {
  if (!commands.hasCommand(id)) {
    return null;
  }
  const args = { name: job.name };
  return (
    <button
      type="button"
      className={'jp-Button jp-mod-styled jp-mod-reject' + (className ? ` ${className}` : '')}
      disabled={!commands.isEnabled(id, args)}
      title={commands.caption(id, args)}
      onClick={() => void commands.execute(id, args)}
    >
      {label}
    </button>
  );
}
