import { NotebookPanel } from '@jupyterlab/notebook';
import { TranslationBundle } from '@jupyterlab/translation';
import { ITrainingJob, ITrainingJobsModel } from '../tokens';

const BADGE_CLASS = 'jp-SageMakerNLP-cellBadge';
/** The button beside the badge, on a cell that ran more than once. */
const COMPARE_CLASS = 'jp-SageMakerNLP-cellCompare';
/** On the cell's footer that holds a badge: JupyterLab gives the footer no height otherwise. */
const FOOTER_CLASS = 'jp-SageMakerNLP-badgeFooter';

/**
 * Puts a small status badge on each cell that started a job, showing its
 * latest job; a click opens that job in the sidebar. A cell that ran twice
 * or more also gets "Compare N runs" beside it. Both sit in the cell's
 * footer, under its outputs at the right, where they cover nothing (the
 * cell toolbar is at the cell's top right).
 */
export class CellBadges {
  constructor(
    private _jobs: ITrainingJobsModel,
    private _trans: TranslationBundle,
    private _openJob: (name: string) => void,
    private _compareRuns?: (cellId: string, notebookPath: string) => void
  ) {
    _jobs.changed.connect(this._updateAll, this);
  }

  /** Follow a notebook: its cells can be added, moved and re-rendered. */
  track(panel: NotebookPanel): void {
    this._panels.add(panel);
    const update = () => this._update(panel);
    panel.content.model?.cells.changed.connect(update);
    panel.content.modelContentChanged.connect(update);
    panel.disposed.connect(() => this._panels.delete(panel));
    void panel.revealed.then(update);
  }

  private _updateAll(): void {
    this._panels.forEach(panel => this._update(panel));
  }

  private _update(panel: NotebookPanel): void {
    for (const cell of panel.content.widgets) {
      const job = this._jobs.latestForCell(cell.model.id);
      const footer = badgeHolder(cell.node);
      const existing = footer.querySelector<HTMLButtonElement>(`:scope > .${BADGE_CLASS}`);
      const compare = footer.querySelector<HTMLButtonElement>(`:scope > .${COMPARE_CLASS}`);
      if (!job) {
        existing?.remove();
        compare?.remove();
        footer.classList.remove(FOOTER_CLASS);
        continue;
      }
      const badge = existing ?? this._createBadge(footer);
      this._render(badge, job);
      const runs = this._compareRuns ? this._jobs.jobsForCell(cell.model.id).length : 0;
      if (runs < 2) {
        compare?.remove();
      } else {
        const button = compare ?? this._createCompare(footer, badge, panel);
        this._renderCompare(button, cell.model.id, runs);
      }
    }
  }

  private _createCompare(
    holder: HTMLElement,
    badge: HTMLButtonElement,
    panel: NotebookPanel
  ): HTMLButtonElement {
    const button = document.createElement('button');
    button.className = COMPARE_CLASS;
    button.type = 'button';
    button.addEventListener('click', event => {
      event.stopPropagation();
      const cellId = button.dataset.cellId;
      if (cellId) {
        this._compareRuns?.(cellId, panel.context.path);
      }
    });
    // Left of the badge: the badge keeps its place at the right edge.
    holder.insertBefore(button, badge);
    return button;
  }

  private _renderCompare(button: HTMLButtonElement, cellId: string, runs: number): void {
    button.dataset.cellId = cellId;
    button.dataset.runs = String(runs);
    button.textContent = this._trans.__('Compare %1 runs', runs);
    const caption = this._trans.__('Compare the %1 runs of this cell side by side', runs);
    button.title = caption;
    button.setAttribute('aria-label', caption);
  }

  private _createBadge(holder: HTMLElement): HTMLButtonElement {
    const badge = document.createElement('button');
    badge.className = BADGE_CLASS;
    badge.type = 'button';
    badge.addEventListener('click', event => {
      event.stopPropagation();
      const name = badge.dataset.jobName;
      if (name) {
        this._openJob(name);
      }
    });
    holder.classList.add(FOOTER_CLASS);
    holder.appendChild(badge);
    return badge;
  }

  private _render(badge: HTMLButtonElement, job: ITrainingJob): void {
    const status =
      job.queuePosition !== undefined
        ? this._trans.__('Queued')
        : job.status === 'InProgress' && job.secondaryStatus
          ? job.secondaryStatus
          : job.status;
    badge.dataset.jobName = job.name;
    badge.dataset.status = job.status;
    badge.textContent = status;
    badge.title = this._trans.__('%1 (%2): open in Training jobs', job.name, status);
  }

  private _panels = new Set<NotebookPanel>();
}

/** The cell's footer (every JupyterLab 4 cell has one), else the cell itself. */
function badgeHolder(cellNode: HTMLElement): HTMLElement {
  return cellNode.querySelector<HTMLElement>(':scope > .jp-CellFooter') ?? cellNode;
}
