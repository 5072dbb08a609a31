import type { ILogLine } from '../../../jobs/logs';

/** The lines as a .log file's text; merged lines of several hosts say whose they are. */
export function logFileText(lines: ReadonlyArray<ILogLine>, withHost: boolean): string {
  return lines
    .map(line => {
      const message = line.message.endsWith('\n') ? line.message : `${line.message}\n`;
      return withHost ? `[${line.host}] ${message}` : message;
    })
    .join('');
}

/** Save `text` as a file named `fileName` through the browser's download. */
export function downloadText(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoked later: some browsers read the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
