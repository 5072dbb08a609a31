import Anser from 'anser';
import type { ILogLine } from './logs';

/** The most lines a failure summary shows. */
export const MAX_FAILURE_LINES = 30;
/** How far back a traceback is looked for. */
const SEARCH_LINES = 400;

/**
 * The log lines that explain why a job failed: from the host that logged
 * the last traceback, from its start to that host's last line; without a
 * traceback, every host's last lines. ANSI codes are stripped: the summary
 * is plain text to read and copy.
 */
export function failureLines(
  lines: ReadonlyArray<ILogLine>,
  max: number = MAX_FAILURE_LINES
): string[] {
  const recent = lines.slice(-SEARCH_LINES).map(line => ({
    host: line.host,
    text: Anser.ansiToText(line.message).replace(/\r?\n$/, '')
  }));
  let start = -1;
  for (let i = recent.length - 1; i >= 0; i--) {
    if (recent[i].text.startsWith('Traceback (most recent call last)')) {
      start = i;
      break;
    }
  }
  if (start < 0) {
    return recent.slice(-max).map(line => line.text);
  }
  const host = recent[start].host;
  const traceback = recent
    .slice(start)
    .filter(line => line.host === host)
    .map(line => line.text);
  // A long traceback keeps its first line and its end, where the error is.
  return traceback.length <= max
    ? traceback
    : [traceback[0], '…', ...traceback.slice(traceback.length - (max - 2))];
}
