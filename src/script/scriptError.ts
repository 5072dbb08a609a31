/** Why a cell cannot become a training script, and where. */
export class ScriptError extends Error {
  constructor(
    message: string,
    /** The cell's position in the notebook, 0-based. */
    readonly cellIndex: number,
    readonly cellId: string,
    /** 1-based, within the cell. */
    readonly line: number,
    /** 1-based, within the line, when Python said where. */
    readonly column?: number
  ) {
    super(message);
    this.name = 'ScriptError';
  }
}
