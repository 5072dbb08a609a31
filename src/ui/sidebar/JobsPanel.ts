import { ITranslator } from '@jupyterlab/translation';
import { CommandToolbarButton, SidePanel } from '@jupyterlab/ui-components';
import { CommandRegistry } from '@lumino/commands';
import { CommandIDs } from '../../commands/ids';
import type { IPriceLookup } from '../../aws/prices';
import { ITrainingJobsModel } from '../../tokens';
import type { TransformsModel } from '../../transform/model';
import { sageMakerNLPIcon } from '../icons';
import { TransformsView } from '../transform/Transforms';
import { JobDetailView } from './JobDetail';
import { JobListView } from './JobList';

/**
 * The Training jobs sidebar: the list of jobs above the selected job's
 * detail, and the batch transforms below. It only reads the models and
 * follows their signals.
 */
export class JobsPanel extends SidePanel {
  constructor(options: JobsPanel.IOptions) {
    super({ translator: options.translator });
    const { model, commands } = options;
    const trans = options.translator.load('jupyterlab_sagemaker_nlp');
    this.id = 'sagemaker-nlp-jobs';
    this.addClass('jp-SageMakerNLP-jobsPanel');
    this.title.icon = sageMakerNLPIcon;
    this.title.caption = trans.__('Training jobs');

    // Icons only: a narrow sidebar has no room for labels; each says its label as a tooltip.
    for (const [name, id] of [
      ['refresh', CommandIDs.refreshJobs],
      ['scope', CommandIDs.toggleAllJobs],
      ['stop', CommandIDs.stopJob]
    ]) {
      if (commands.hasCommand(id)) {
        const caption = commands.label(id);
        this.toolbar.addItem(name, new CommandToolbarButton({ commands, id, label: '', caption }));
      }
    }
    this.addWidget(new JobListView({ model, trans }));
    this.addWidget(new JobDetailView({ model, trans, commands, prices: options.prices }));
    if (options.transforms) {
      this.addWidget(new TransformsView({ model: options.transforms, trans, commands }));
    }
  }
}

export namespace JobsPanel {
  export interface IOptions {
    model: ITrainingJobsModel;
    translator: ITranslator;
    /** Where `sagemaker-nlp:refresh-jobs` and `sagemaker-nlp:stop-job` are. */
    commands: CommandRegistry;
    /** Instance prices, for the cost of SageMaker jobs. */
    prices?: IPriceLookup;
    /** Batch transforms, listed below the jobs. */
    transforms?: TransformsModel;
  }
}
