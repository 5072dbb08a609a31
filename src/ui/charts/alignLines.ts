import type { IMetricLine } from '../../jobs/metrics';

/**
 * uPlot's data for lines that share a chart: one x axis (seconds, the union
 * of every line's times) and one y array per line, null where that line has
 * no point at that time.
 */
export type AlignedLines = [number[], ...(number | null)[][]];

export function alignLines(lines: ReadonlyArray<IMetricLine>): AlignedLines {
  if (lines.length === 1) {
    // One host, the usual case: nothing to align.
    const [line] = lines;
    return [line.times.map(time => time / 1000), line.values.slice()];
  }
  const xs: number[] = [];
  const ys: (number | null)[][] = lines.map(() => []);
  const next = lines.map(() => 0);
  // A k-way merge of the sorted times: k is the host count, small.
  for (;;) {
    let time = Infinity;
    for (let i = 0; i < lines.length; i++) {
      const t = lines[i].times[next[i]];
      if (t < time) {
        time = t;
      }
    }
    if (time === Infinity) {
      break;
    }
    xs.push(time / 1000);
    for (let i = 0; i < lines.length; i++) {
      if (lines[i].times[next[i]] === time) {
        ys[i].push(lines[i].values[next[i]++]);
      } else {
        ys[i].push(null);
      }
    }
  }
  return [xs, ...ys];
}
