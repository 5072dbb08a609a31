import { TranslationBundle } from '@jupyterlab/translation';
import { CommandRegistry } from '@lumino/commands';
import * as React from 'react';
import { CommandIDs } from '../../commands/ids';
import { ITrainingJob } from '../../tokens';

interface IProps {
  job: ITrainingJob;
  trans: TranslationBundle;
  commands: CommandRegistry;
}

/** "The code it ran" and "Compare with the cell now", as commands. */
export function JobCode({ job, trans, commands }: IProps): JSX.Element {
  const run = (id: string) => () => void commands.execute(id, { name: job.name });
  const fromCell = !!job.notebookPath && !!job.cellId;
  return (
    <div className="jp-SageMakerNLP-jobCodeButtons">
      <button
        type="button"
        className="jp-Button jp-mod-styled jp-mod-reject"
        onClick={run(CommandIDs.showJobCode)}
      >
        {trans.__('The code it ran')}
      </button>
      <button
        type="button"
        className="jp-Button jp-mod-styled jp-mod-reject"
        disabled={!fromCell}
        title={
          fromCell
            ? trans.__('Diff the code the job ran against what its cell builds now')
            : trans.__('This job was not started from a notebook cell')
        }
        onClick={run(CommandIDs.diffJobCode)}
      >
        {trans.__('Compare with the cell now')}
      </button>
    </div>
  );
}
