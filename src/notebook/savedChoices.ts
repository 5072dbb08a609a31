import { ICellModel } from '@jupyterlab/cells';
import { CELL_METADATA_KEY, ITrainChoices } from '../training/choices';

/** The choices last used for this cell, kept in its metadata (`sagemaker-nlp`). */
export function savedChoices(cell: ICellModel): Partial<ITrainChoices> | undefined {
  return cell.getMetadata(CELL_METADATA_KEY) as Partial<ITrainChoices> | undefined;
}

/** Remember the choices in the cell, so the next click can submit at once. */
export function saveChoices(cell: ICellModel, choices: ITrainChoices): void {
  cell.setMetadata(CELL_METADATA_KEY, { ...choices });
}
