import { ISignal, Signal } from '@lumino/signaling';
import { ITrainingJob, ITrainingJobsModel } from '../tokens';
import { isActive } from './status';

/** Something that runs and ends: a training job, a batch transform. */
export interface IEndingSource<T extends { name: string }> {
  /** Everything known now. */
  readonly items: () => ReadonlyArray<T>;
  readonly changed: ISignal<unknown, void>;
  readonly isActive: (item: T) => boolean;
}

/**
 * Tells when something this browser saw running ends (Completed, Failed,
 * Stopped). What is first seen already ended, as on a reload, is no news.
 */
export class Endings<T extends { name: string }> {
  constructor(private readonly _source: IEndingSource<T>) {
    this._remember(_source.items());
    _source.changed.connect(this._check, this);
  }

  get ended(): ISignal<this, T> {
    return this._ended;
  }

  dispose(): void {
    this._source.changed.disconnect(this._check, this);
    Signal.clearData(this);
  }

  private _check(): void {
    const items = this._source.items();
    for (const item of items) {
      if (this._running.has(item.name) && !this._source.isActive(item)) {
        this._ended.emit(item);
      }
    }
    this._remember(items);
  }

  private _remember(items: ReadonlyArray<T>): void {
    this._running = new Set(items.filter(this._source.isActive).map(item => item.name));
  }

  private _running = new Set<string>();
  private readonly _ended = new Signal<this, T>(this);
}

/** The training jobs that end. */
export class JobEndings extends Endings<ITrainingJob> {
  constructor(model: ITrainingJobsModel) {
    super({ items: () => model.jobs, changed: model.changed, isActive });
  }
}
