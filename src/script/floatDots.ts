import { PythonLineScanner } from './lineScanner';

/** `0.`, `2.`, `1.e-5`, `3.j`: a number whose dot no digit follows. */
const TRAILING_DOT_FLOAT = /(?<![\w.])\d[\d_]*\.(?![\d_])(?:[eE][+-]?\d[\d_]*)?[jJ]?(?!\w)/g;

/**
 * The text with each trailing-dot float's dot taken out and a space put
 * after the number (`lr = 2.` → `lr = 2 `, `1.e-5` → `1e-5 `), so that
 * @lezer/python, which reads `2.` as an attribute access, sees a number.
 * Same length and lines: offsets and line numbers stay true. Values stay
 * equal (`2 ` == `2.`) but lose their float type: read literals' text from
 * the original.
 */
export function floatDotsNeutralised(text: string): string {
  if (!/\d\./.test(text)) {
    return text;
  }
  const scanner = new PythonLineScanner();
  const lines = text.split('\n').map(line => {
    let patched = line;
    scanner.advance(line, (from, to) => {
      const code = line.slice(from, to);
      patched =
        patched.slice(0, from) +
        code.replace(TRAILING_DOT_FLOAT, number => number.replace('.', '') + ' ') +
        patched.slice(to);
    });
    return patched;
  });
  return lines.join('\n');
}
