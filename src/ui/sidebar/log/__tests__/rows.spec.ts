import type { ILogLine } from '../../../../jobs/logs';
import { findMatches, MAX_MATCHES, RowLayout, rowPieces } from '../rows';
import { parseLine, shownLength } from '../shownLine';

let seq = 0;
const line = (message: string): ILogLine => ({ host: 'algo-1', timestamp: seq, seq: seq++, message });

describe('parseLine', () => {
  it('turns SGR codes into classes and colours, and keeps the text as text', () => {
    const shown = parseLine('\x1b[1;31mError\x1b[0m: <b>&amp;\x1b[38;5;196m!\x1b[38;2;1;2;3m?\x1b[0m\n');
    expect(shown.text).toBe('Error: <b>&amp;!?');
    expect(shown.segments).toEqual([
      { text: 'Error', className: 'jp-SageMakerNLP-ansi-red-fg jp-SageMakerNLP-ansi-bold' },
      { text: ': <b>&amp;', className: '' },
      { text: '!', className: '', color: 'rgb(255, 0, 0)' },
      { text: '?', className: '', color: 'rgb(1, 2, 3)' }
    ]);
  });

  it('shows what the last carriage return left, and tabs as spaces to the next stop', () => {
    expect(parseLine(' 10%|#   \r 50%|#####\r\n').text).toBe(' 50%|#####');
    expect(parseLine('a\tb\x1b[32mcd\tx\x1b[0m').text).toBe('a       bcd     x');
  });
});

describe('RowLayout', () => {
  it('cuts long lines into rows of the given width and finds rows of characters', () => {
    const lines = [line('short'), line('x'.repeat(25)), line('')];
    const layout = new RowLayout(lines, 10);
    expect(layout.rowCount).toBe(1 + 3 + 1);
    expect([0, 1, 2, 3, 4].map(row => layout.rowAt(row))).toEqual([
      { lineIndex: 0, start: 0, end: 5 },
      { lineIndex: 1, start: 0, end: 10 },
      { lineIndex: 1, start: 10, end: 20 },
      { lineIndex: 1, start: 20, end: 25 },
      { lineIndex: 2, start: 0, end: 0 }
    ]);
    expect(layout.rowOf(1, 15)).toBe(2);
  });

  it('lays out a 1 MB line and 100,000 lines without trouble', () => {
    const lines = Array.from({ length: 100000 }, (_, i) => line(`line ${i}`));
    lines.push(line('y'.repeat(1 << 20)));
    const started = Date.now();
    const layout = new RowLayout(lines, 100);
    expect(layout.rowCount).toBe(100000 + Math.ceil((1 << 20) / 100));
    expect(layout.rowAt(layout.rowCount - 1).lineIndex).toBe(100000);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('rowPieces', () => {
  it('cuts the styled segments of a row and marks the hits in it', () => {
    const { segments } = parseLine('ab\x1b[31mcdef\x1b[0mgh');
    expect(rowPieces(segments, 1, 7, [{ lineIndex: 0, start: 3, end: 6, current: true }])).toEqual([
      { text: 'b', className: '' },
      { text: 'c', className: 'jp-SageMakerNLP-ansi-red-fg' },
      { text: 'def', className: 'jp-SageMakerNLP-ansi-red-fg', mark: 'current' },
      { text: 'g', className: '' }
    ]);
  });
});

describe('findMatches', () => {
  it('finds every place, ignoring case, and stops at a bound', () => {
    const lines = [line('Loss loss'), line('none'), line('\x1b[1mLOSS\x1b[0m')];
    expect(findMatches(lines, 'loss')).toEqual([
      { lineIndex: 0, start: 0, end: 4 },
      { lineIndex: 0, start: 5, end: 9 },
      { lineIndex: 2, start: 0, end: 4 }
    ]);
    expect(findMatches(lines, '')).toEqual([]);
    const many = Array.from({ length: MAX_MATCHES + 5 }, () => line('a'));
    expect(findMatches(many, 'a')).toHaveLength(MAX_MATCHES);
  });
});

describe('shownLength', () => {
  it('agrees with the parsed text, with or without a fast path', () => {
    for (const message of ['plain\n', 'crlf\r\n', 'cr\r', 'a\rb\n', '\x1b[1mbold\x1b[0m\n', '\x1b[38;5;2mg\x1b[m\r\n', '\x1b[2Kcleared', 'tab\there', '']) {
      expect(shownLength(line(message))).toBe(parseLine(message).text.length);
    }
  });
});

describe('RowLayout after a change', () => {
  it('measures again only from the first new line, and agrees with a fresh layout', () => {
    const merged = [line('a'.repeat(25)), line('b'), line('c'.repeat(12))];
    const before = new RowLayout(merged, 10);
    // A late host's line lands before the last one; another at the end.
    merged.splice(2, 0, line('late '.repeat(5)));
    merged.push(line('end'));
    expect(RowLayout.unchanged(merged, 10, before)).toBe(2);
    const after = new RowLayout(merged, 10, before);
    const fresh = new RowLayout(merged, 10);
    expect(after.rowCount).toBe(fresh.rowCount);
    for (let row = 0; row < fresh.rowCount; row++) {
      expect(after.rowAt(row)).toEqual(fresh.rowAt(row));
    }
    // Older lines dropped, or another width: everything again.
    expect(RowLayout.unchanged(merged.slice(1), 10, after)).toBe(0);
    expect(RowLayout.unchanged(merged, 20, after)).toBe(0);
  });
});
