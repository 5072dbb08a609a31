import { TranslationBundle } from '@jupyterlab/translation';
import { Widget } from '@lumino/widgets';
import { isActive } from '../jobs/status';
import { ITrainingJobsModel } from '../tokens';

/**
 * The status bar's "2 training jobs running": shown while any job runs,
 * queues or stops; a click opens the Training jobs sidebar.
 */
export class RunningJobsStatus extends Widget {
  constructor(
    private readonly _jobs: ITrainingJobsModel,
    private readonly _trans: TranslationBundle,
    onClick: () => void
  ) {
    super({ node: document.createElement('button') });
    this.addClass('jp-SageMakerNLP-runningJobs');
    (this.node as HTMLButtonElement).type = 'button';
    this.node.addEventListener('click', onClick);
    _jobs.changed.connect(this._update, this);
    this._update();
  }

  /** How many jobs are active now. */
  get count(): number {
    return this._jobs.jobs.filter(isActive).length;
  }

  dispose(): void {
    this._jobs.changed.disconnect(this._update, this);
    super.dispose();
  }

  private _update(): void {
    const count = this.count;
    this.node.textContent = this._trans._n(
      '%1 training job running',
      '%1 training jobs running',
      count
    );
    this.node.title = this._trans.__('Show the Training jobs sidebar');
    this.node.dataset.count = String(count);
  }
}
