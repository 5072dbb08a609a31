import { ITag } from '../tokens';

/** Tags that link a job back to the notebook cell it came from. */
export const NOTEBOOK_TAG = 'sagemaker-nlp:notebook';
export const CELL_TAG = 'sagemaker-nlp:cell';
/** On an endpoint, its model and config: the training job whose model it serves. */
export const JOB_TAG = 'sagemaker-nlp:job';

/** SageMaker's limit on a tag value. */
export const MAX_TAG_VALUE_LENGTH = 256;

/**
 * What SageMaker accepts in a tag value besides `@`, which we use as the
 * escape. A notebook path may hold more (`(1)`, `#`, `&`…), and one bad
 * character would fail the whole CreateTrainingJob call.
 */
const TAG_VALUE_CHAR = /[\p{L}\p{Z}\p{N}_.:/=+-]/u;

/** Our two tags, notebook path first. */
export function notebookTags(notebookPath: string, cellId: string): ITag[] {
  return [
    { Key: NOTEBOOK_TAG, Value: encodeTagValue(notebookPath) },
    { Key: CELL_TAG, Value: encodeTagValue(cellId) }
  ];
}

/**
 * The text with every character SageMaker refuses written as `@XX` per
 * UTF-8 byte; `@` itself becomes `@40`. Plain paths stay as they are.
 */
export function encodeTagValue(text: string): string {
  let encoded = '';
  for (const char of text) {
    if (TAG_VALUE_CHAR.test(char)) {
      encoded += char;
    } else {
      encoded += utf8Hex(char)
        .map(hex => `@${hex}`)
        .join('');
    }
  }
  return encoded;
}

/** Reads back a value written by `encodeTagValue`. */
export function decodeTagValue(value: string): string {
  return value.replace(/(?:@[0-9A-F]{2})+/g, run => {
    try {
      return decodeURIComponent(run.replace(/@/g, '%'));
    } catch {
      return run; // not ours: a tag someone wrote by hand
    }
  });
}

/** A character's UTF-8 bytes in upper-case hex. */
function utf8Hex(char: string): string[] {
  const code = char.codePointAt(0)!;
  if (code < 0x80) {
    // encodeURIComponent leaves some ASCII (`(`, `!`, `*`…) as it is.
    return [code.toString(16).toUpperCase().padStart(2, '0')];
  }
  return encodeURIComponent(char).split('%').slice(1);
}
