import { IScriptLineOrigin } from './types';

/** One taken cell as it goes into the script. */
export interface IScriptSection {
  cellIndex: number;
  lines: string[];
  /** For each of `lines`, its 1-based line in the cell; null for generated code. */
  origins: Array<number | null>;
}

export interface IScriptLayout {
  script: string;
  lineMap: Array<IScriptLineOrigin | null>;
}

/**
 * The script's text: a header naming the cells, the lines every cell relies
 * on (imports of the translations, the display shim), then each cell under a
 * `# --- cell N ---` marker. Cells are numbered from 1, in notebook order.
 */
export function layoutScript(
  preamble: string[],
  sections: IScriptSection[]
): IScriptLayout {
  const numbers = sections.map(s => s.cellIndex + 1).join(', ');
  const lines: string[] = [
    `# Generated from notebook cells ${numbers} — edit the notebook, not this file.`,
    ...preamble
  ];
  const lineMap: Array<IScriptLineOrigin | null> = lines.map(() => null);
  for (const section of sections) {
    let end = section.lines.length;
    while (end > 0 && section.lines[end - 1].trim() === '') {
      end--;
    }
    lines.push('', `# --- cell ${section.cellIndex + 1} ---`);
    lineMap.push(null, null);
    for (let i = 0; i < end; i++) {
      lines.push(section.lines[i]);
      const line = section.origins[i];
      lineMap.push(line === null ? null : { cellIndex: section.cellIndex, line });
    }
  }
  return { script: lines.join('\n') + '\n', lineMap };
}
