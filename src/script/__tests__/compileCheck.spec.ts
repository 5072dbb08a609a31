/**
 * Python judges validity: scripts built from notebook shapes go to the real
 * server's /script/check (scripts/jest.sh starts it), and its verdict is
 * mapped back to the cell, line and column.
 */
import { ServerConnection } from '@jupyterlab/services';
import { checkScript } from '../../api/scriptCheck';
import { buildTrainingScript, scriptErrorFromSyntax, ScriptError } from '../index';
import { INotebookCell } from '../types';
import { notebook } from './cells';

const BASE_URL = process.env.SAGEMAKER_NLP_E2E_URL;
const settings = ServerConnection.makeSettings({
  baseUrl: BASE_URL ?? 'http://127.0.0.1:1/',
  token: process.env.SAGEMAKER_NLP_E2E_TOKEN ?? ''
});
const serverIt = BASE_URL ? it : it.skip;

/** The ScriptError Python's verdict gives, or null when the script is valid. */
async function verdict(cells: INotebookCell[], training = cells.length - 1): Promise<ScriptError | null> {
  const built = buildTrainingScript(cells, training);
  const { error } = await checkScript(built.script, 'python3', settings);
  return error && scriptErrorFromSyntax(error, built.lineMap, cells, built.script);
}

describe('the whole-script check by the kernel\'s Python', () => {
  if (!BASE_URL && process.env.CI) {
    it('needs the server that scripts/jest.sh starts', () => {
      throw new Error('SAGEMAKER_NLP_E2E_URL is not set: run jest through scripts/jest.sh');
    });
  }

  serverIt('accepts floats written with a trailing dot', async () => {
    const cells = notebook(
      'import torch\nopt = dict(lr=1e-3, momentum=0., weight_decay=0.)',
      'scale = 2.,\nwidth = (3. * 4)\neps = 1.e-8',
      'print(opt, scale, width, eps)'
    );
    expect(await verdict(cells)).toBeNull();
  });

  serverIt('accepts a long valid script (1,200 cells, over 6,000 lines)', async () => {
    const cells = notebook(
      ...Array.from({ length: 1200 }, (_, i) => `def step_${i}(x):\n    y = x * ${i}.\n    return y\n`),
      `print(${Array.from({ length: 1200 }, (_, i) => `step_${i}(1)`).join(' + ')})`
    );
    const built = buildTrainingScript(cells, cells.length - 1);
    expect(built.script.split('\n').length).toBeGreaterThan(6000);
    expect(await verdict(cells)).toBeNull();
  });

  serverIt.each([
    ['a missing colon', ['x = 1\nfor i in range(3)\n    x += i', 'print(x)'], 0, 2, 18, "expected ':'"],
    ['a syntax error in the training cell', ['x = 1', 'print(x)\ny = = 2'], 1, 2, 5, 'invalid syntax'],
    ['a bracket left open at the end of a cell', ['x = (1,\n     2', 'print(x)'], 0, 1, 5, "'(' was never closed"],
    ['top-level await', ['import asyncio\nx = 1\nawait asyncio.sleep(0)', 'print(x)'], 0, 3, 1, 'asyncio.run(main())']
  ])('names the cell, line and column of %s', async (_, sources, cell, line, column, words) => {
    const error = (await verdict(notebook(...(sources as string[]))))!;
    expect(error).toBeInstanceOf(ScriptError);
    expect(error).toMatchObject({ cellIndex: cell, line, column });
    expect(error.message).toContain(`Cell ${cell + 1}, line ${line}, column ${column}: `);
    expect(error.message).toContain(words as string);
  });

  serverIt('blames the cell line before a generated line, and names cell lines in the message', async () => {
    // The function body is missing: Python stops at the next cell's marker.
    const error = (await verdict(notebook('import os\ndef helper():', 'x = helper()\nprint(x)'), 1))!;
    expect(error).toMatchObject({ cellIndex: 0, line: 2 });
    expect(error.message).toContain('after function definition on cell 1 line 2');
    expect(error.message).not.toMatch(/on line \d/);
    expect(error.message).toContain('`def helper():`');
  });
});

describe('scriptErrorFromSyntax', () => {
  it('never blames a generated line', () => {
    const cells = notebook('x = (1', 'print(x)');
    const lineMap = [null, null, { cellIndex: 0, line: 1 }, null, null, { cellIndex: 1, line: 1 }];
    const error = scriptErrorFromSyntax(
      { kind: 'SyntaxError', message: 'invalid syntax', line: 4, column: 1 },
      lineMap,
      cells,
      '# header\n\n# --- cell 1 ---\nx = (1\n\n# --- cell 2 ---\nprint(x)\n'
    );
    expect(error).toMatchObject({ cellIndex: 0, line: 1, column: undefined });
  });
});
