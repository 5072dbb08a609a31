import { Framework, HyperparameterValue } from '../tokens';

/** A notebook cell as the script builder needs it (nbformat, trimmed). */
export interface INotebookCell {
  id: string;
  cellType: 'code' | 'markdown' | 'raw';
  source: string;
  tags: string[];
}

/** A cell the script was built from, and why it was taken. */
export interface IScriptCell {
  /** Position in the notebook, 0-based. */
  index: number;
  id: string;
  reason: 'training' | 'dependency' | 'included' | 'parameters';
  /** Taken only for names its top-level imports bind: the script has just those imports. */
  importsOnly?: true;
}

/** A file a taken cell reads that no taken cell writes: offered as a source file or channel, else warned of. */
export interface IFileNeed {
  /** As the cell writes it, relative to the notebook's folder unless absolute. */
  path: string;
  cellIndex: number;
  /** 1-based, within the cell. */
  line: number;
}

/** How a save into SM_MODEL_DIR itself is named in `IModelSave.path`: nothing to copy. */
export const MODEL_DIR_PATH = '$SM_MODEL_DIR';

/** Where the script saves a model, e.g. `trainer.save_model("./results")`. */
export interface IModelSave {
  /** `$SM_MODEL_DIR` for a save into the model folder itself: nothing to copy. */
  path: string;
  cellIndex: number;
  line: number;
  /** The call or argument that saves there, e.g. `trainer.save_model` or `TrainingArguments(output_dir=…)`. */
  how: string;
}

/** Where a line of the script came from: a cell's index and its 1-based line. */
export interface IScriptLineOrigin {
  cellIndex: number;
  line: number;
}

export interface ITrainingScript {
  /** `train.py`, or `train_cell.py` when the code imports a module named `train`. */
  entryPoint: string;
  /** The full text of `train.py`. */
  script: string;
  /** Lines of requirements.txt: specifiers kept, in order, de-duplicated. */
  requirements: string[];
  /** The cells taken, in notebook order. */
  cells: IScriptCell[];
  /** From the cell tagged `parameters`, with the notebook's literal types. */
  hyperparameters: Record<string, HyperparameterValue>;
  /** Each hyperparameter as the cell writes it (`1.0` stays `1.0`). */
  hyperparameterLiterals: Record<string, string>;
  /** Detected from the imports of the taken cells. */
  framework: Framework | null;
  /** The tensor library the script's code uses (a Hugging Face job's base framework), if any. */
  tensorFramework: 'pytorch' | 'tensorflow' | null;
  /** Files read that no taken cell writes. */
  fileNeeds: IFileNeed[];
  /** Where the script saves its model; empty when it saves none. */
  modelSaves: IModelSave[];
  /** Channel names the script reads through `SM_CHANNEL_<NAME>`, lower-case. */
  channels: string[];
  /** What was translated, e.g. "cell 3 line 1: %matplotlib inline dropped". */
  translations: string[];
  /** What may go wrong at run time, e.g. a name no earlier cell defines. */
  warnings: string[];
  /** For each line of the script (index = line - 1), the cell line it came from; null for generated lines. */
  lineMap: Array<IScriptLineOrigin | null>;
}
