import { failureLines } from '../failureLines';
import type { ILogLine } from '../logs';

let seq = 0;
function line(host: string, message: string): ILogLine {
  seq++;
  return { host, message, timestamp: 1000 + seq, seq };
}

describe('failureLines', () => {
  it('shows the last traceback, from the host that logged it, without ANSI codes', () => {
    const lines = [
      line('algo-1', 'epoch 1 loss=0.5'),
      line('algo-2', 'Traceback (most recent call last):'),
      line('algo-1', 'epoch 2 loss=0.4'),
      line('algo-2', '  File "train.py", line 3, in <module>'),
      line('algo-2', '\u001b[31mValueError: could not convert string to float\u001b[0m\n'),
      line('algo-1', 'waiting for algo-2')
    ];
    expect(failureLines(lines)).toEqual([
      'Traceback (most recent call last):',
      '  File "train.py", line 3, in <module>',
      'ValueError: could not convert string to float'
    ]);
  });

  it('takes the last lines when there is no traceback', () => {
    const lines = Array.from({ length: 50 }, (_, i) => line('algo-1', `line ${i}`));
    const shown = failureLines(lines, 5);
    expect(shown).toEqual(['line 45', 'line 46', 'line 47', 'line 48', 'line 49']);
  });

  it('keeps the first line and the end of a long traceback', () => {
    const lines = [
      line('algo-1', 'Traceback (most recent call last):'),
      ...Array.from({ length: 40 }, (_, i) => line('algo-1', `  frame ${i}`)),
      line('algo-1', 'RuntimeError: CUDA out of memory')
    ];
    const shown = failureLines(lines, 6);
    expect(shown).toEqual([
      'Traceback (most recent call last):',
      '…',
      '  frame 37',
      '  frame 38',
      '  frame 39',
      'RuntimeError: CUDA out of memory'
    ]);
  });

  it('is empty without lines', () => {
    expect(failureLines([])).toEqual([]);
  });
});
