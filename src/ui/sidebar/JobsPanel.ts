import { ITranslator } from '@jupyterlab/translation';
import { refreshIcon, SidePanel, ToolbarButton } from '@jupyterlab/ui-components';
import { IJobsModel } from '../../tokens';
import { sageMakerNLPIcon } from '../icons';
import { JobDetailView } from './JobDetail';
import { JobListView } from './JobList';

/**
 * The Training jobs sidebar: the list of jobs above the selected job's
 * detail. It only reads the jobs model and follows its signals.
 */
export class JobsPanel extends SidePanel {
  constructor(options: JobsPanel.IOptions) {
    super({ translator: options.translator });
    const { model } = options;
    const trans = options.translator.load('jupyterlab_sagemaker_nlp');
    this.id = 'sagemaker-nlp-jobs';
    this.addClass('jp-SageMakerNLP-jobsPanel');
    this.title.icon = sageMakerNLPIcon;
    this.title.caption = trans.__('Training jobs');

    this.toolbar.addItem(
      'refresh',
      new ToolbarButton({
        icon: refreshIcon,
        tooltip: trans.__('Refresh the training jobs'),
        onClick: () => void model.refresh()
      })
    );
    this.addWidget(new JobListView({ model, trans }));
    this.addWidget(new JobDetailView({ model, trans }));
  }
}

export namespace JobsPanel {
  export interface IOptions {
    model: IJobsModel;
    translator: ITranslator;
  }
}
