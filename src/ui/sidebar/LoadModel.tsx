import { TranslationBundle } from '@jupyterlab/translation';
import { CommandRegistry } from '@lumino/commands';
import * as React from 'react';
import { CommandIDs } from '../../commands/ids';
import { whyNoModel } from '../../notebook/loadModelCode';
import { ITrainingJob } from '../../tokens';

interface IProps {
  job: ITrainingJob;
  commands: CommandRegistry;
  trans: TranslationBundle;
}

/** "Load the model in the notebook", once the job has a model. */
export function LoadModel({ job, commands, trans }: IProps): JSX.Element | null {
  if (whyNoModel(job) !== null) {
    return null;
  }
  return (
    <button
      type="button"
      className="jp-Button jp-mod-styled jp-mod-reject jp-SageMakerNLP-loadModel"
      title={commands.caption(CommandIDs.loadModel, { name: job.name })}
      onClick={() => void commands.execute(CommandIDs.loadModel, { name: job.name })}
    >
      {trans.__('Load the model in the notebook')}
    </button>
  );
}
