import Anser from 'anser';
import type { ILogLine } from '../../../jobs/logs';

/** A run of a line's text in one style; the text is shown as text, never as HTML. */
export interface ISegment {
  text: string;
  /** Classes for the 16 ANSI colours and the decorations. */
  className: string;
  /** 256-colour and true-colour codes, which have no class. */
  color?: string;
  background?: string;
}

/** A log line as it is shown: its styled segments and their plain text. */
export interface IShownLine {
  segments: ISegment[];
  text: string;
}

const cache = new WeakMap<ILogLine, IShownLine>();

/** How `line` is shown (parsed once, then kept as long as the line is). */
export function shownLine(line: ILogLine): IShownLine {
  let shown = cache.get(line);
  if (!shown) {
    shown = parseLine(line.message);
    cache.set(line, shown);
  }
  return shown;
}

const lengths = new WeakMap<ILogLine, number>();

/** How many characters `line` shows; plain lines (most) are not parsed for it. */
export function shownLength(line: ILogLine): number {
  const message = line.message;
  if (isPlain(message)) {
    return message.length - newlineLength(message);
  }
  let length = lengths.get(line);
  if (length === undefined) {
    // Colours only (the common case): no need to parse the line to count.
    const uncoloured = message.replace(SGR, '');
    length = isPlain(uncoloured)
      ? uncoloured.length - newlineLength(uncoloured)
      : shownLine(line).text.length;
    lengths.set(line, length);
  }
  return length;
}

/** Without escapes, tabs, and carriage returns but one before the final newline (indexOf is fastest). */
function isPlain(text: string): boolean {
  if (text.indexOf('\x1b') >= 0 || text.indexOf('\t') >= 0) {
    return false;
  }
  const cr = text.indexOf('\r');
  return cr < 0 || (cr === text.length - 2 && text.endsWith('\n'));
}

function newlineLength(text: string): number {
  return text.endsWith('\r\n') ? 2 : text.endsWith('\n') ? 1 : 0;
}
const SGR = /\x1b\[[0-9;]*m/g;

/**
 * As a terminal shows it: without the final newline, only what the last
 * carriage return left (progress bars redraw with `\r`), tabs as spaces,
 * ANSI SGR codes as styles.
 */
export function parseLine(message: string): IShownLine {
  let text = message.replace(/\r?\n$/, '');
  if (text.includes('\r')) {
    const parts = text.split('\r').filter(part => part.length > 0);
    text = parts[parts.length - 1] ?? '';
  }
  const segments: ISegment[] = [];
  if (!text.includes('\x1b')) {
    segments.push({ text, className: '' });
  } else {
    for (const entry of Anser.ansiToJson(text, { use_classes: true, remove_empty: true })) {
      segments.push(segmentOf(entry));
    }
  }
  let column = 0;
  for (const segment of segments) {
    if (segment.text.includes('\t')) {
      let added = 0;
      segment.text = segment.text.replace(/\t/g, (_, offset: number) => {
        const spaces = TAB - ((column + offset + added) % TAB);
        added += spaces - 1;
        return ' '.repeat(spaces);
      });
    }
    column += segment.text.length;
  }
  return { segments, text: segments.map(segment => segment.text).join('') };
}

const TAB = 8;

function segmentOf(entry: Anser.AnserJsonEntry): ISegment {
  const classes: string[] = [];
  const segment: ISegment = { text: entry.content, className: '' };
  const fg = colour(entry.fg, entry.fg_truecolor);
  const bg = colour(entry.bg, entry.bg_truecolor);
  if (fg.className) {
    classes.push(`${fg.className}-fg`);
  }
  if (bg.className) {
    classes.push(`${bg.className}-bg`);
  }
  segment.color = fg.rgb;
  segment.background = bg.rgb;
  for (const decoration of entry.decorations) {
    classes.push(`jp-SageMakerNLP-ansi-${decoration}`);
  }
  segment.className = classes.join(' ');
  return segment;
}

const NAMES = ['black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white'];

/** Anser's colour class as ours (`jp-SageMakerNLP-ansi-red`) or an rgb() for the rest. */
function colour(
  name: string | null,
  truecolor: string | null
): { className?: string; rgb?: string } {
  if (!name) {
    return {};
  }
  if (name === 'ansi-truecolor') {
    return truecolor ? { rgb: `rgb(${truecolor})` } : {};
  }
  const palette = /^ansi-palette-(\d+)$/.exec(name);
  if (palette) {
    const index = Number(palette[1]);
    if (index < 16) {
      const base = NAMES[index % 8];
      return { className: `jp-SageMakerNLP-ansi-${index < 8 ? base : `bright-${base}`}` };
    }
    return { rgb: paletteRgb(index) };
  }
  return { className: name.replace(/^ansi-/, 'jp-SageMakerNLP-ansi-') };
}

/** xterm's 256 colours beyond the first 16: a 6×6×6 cube, then 24 greys. */
function paletteRgb(index: number): string {
  if (index >= 232) {
    const grey = 8 + (index - 232) * 10;
    return `rgb(${grey}, ${grey}, ${grey})`;
  }
  const cube = index - 16;
  const level = (n: number) => (n === 0 ? 0 : 55 + n * 40);
  return `rgb(${level(Math.floor(cube / 36))}, ${level(Math.floor(cube / 6) % 6)}, ${level(cube % 6)})`;
}
