import { ISignal, Signal } from '@lumino/signaling';
import { ITrainingJob, ITrainingJobsModel } from '../tokens';
import { isActive } from './status';

/**
 * Tells when a job this browser saw running ends (Completed, Failed,
 * Stopped). Jobs first seen already ended, as on a reload, are no news.
 */
export class JobEndings {
  constructor(private readonly _model: ITrainingJobsModel) {
    this._remember(_model.jobs);
    _model.changed.connect(this._check, this);
  }

  get ended(): ISignal<this, ITrainingJob> {
    return this._ended;
  }

  dispose(): void {
    this._model.changed.disconnect(this._check, this);
    Signal.clearData(this);
  }

  private _check(): void {
    const jobs = this._model.jobs;
    for (const job of jobs) {
      if (this._running.has(job.name) && !isActive(job)) {
        this._ended.emit(job);
      }
    }
    this._remember(jobs);
  }

  private _remember(jobs: ReadonlyArray<ITrainingJob>): void {
    this._running = new Set(jobs.filter(isActive).map(job => job.name));
  }

  private _running = new Set<string>();
  private readonly _ended = new Signal<this, ITrainingJob>(this);
}
