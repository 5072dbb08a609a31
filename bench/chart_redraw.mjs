// Redraw of one live metric chart with 50,000 points, in Chromium.
//
// What the job view does when a read brings new points: align the hosts'
// lines (src/ui/charts/alignLines.ts, from lib/) and hand them to uPlot,
// which draws. Timed from before the alignment to after uPlot's `draw`
// hook plus a 1-pixel getImageData, which makes Chromium rasterize the
// canvas there and then, so the figure includes the pixels, not only the
// drawing calls. Cases: one host with 50,000 points and four hosts with
// 12,500 each (50,000 points on 12,500 shared times), at device pixel
// ratio 1 and 2 (a HiDPI screen, four times the pixels); and the chart
// built anew (a theme change). Figures: median and 95th percentile of
// ROUNDS redraws (default 40), after 5 to warm up. Goal: ≤ 20 ms.
//
// Run: node bench/chart_redraw.mjs   (after `make install build`)
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium, median } from './lab.mjs';

const ROUNDS = Number(process.env.ROUNDS || 40);
const WARMUP = 5;
const GOAL_MS = 20;
const POINTS = 50000;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// LIB_DIR: another build of src/ (default lib/).
const alignFile = path.join(process.env.LIB_DIR || path.join(root, 'lib'), 'ui/charts/alignLines.js');
if (!existsSync(alignFile)) {
  console.error(`chart_redraw: ${alignFile} is missing; run \`make build\` first.`);
  process.exit(1);
}
const uplotDir = path.join(root, 'node_modules/uplot/dist');
// The compiled module as a plain script: alignLines becomes a page global.
const alignScript = readFileSync(alignFile, 'utf-8').replace(/^export /gm, '');

/** The lines a job with `hosts` hosts has after `POINTS` points in all: a loss curve each. */
function lossLines(hosts) {
  const perHost = POINTS / hosts;
  const start = Date.UTC(2026, 11, 1, 12);
  return Array.from({ length: hosts }, (_, h) => ({
    name: 'loss',
    host: `algo-${h + 1}`,
    times: Array.from({ length: perHost }, (_, i) => start + i * 1000),
    values: Array.from({ length: perHost }, (_, i) => 2 / (1 + i / 500) + 0.05 * Math.sin(i + h))
  }));
}

/** In the page: ROUNDS + WARMUP redraws of a 400 × 140 chart; ms of each. */
async function timeRedraws({ lines, rounds, rebuild }) {
  const box = document.createElement('div');
  box.style.width = '400px';
  document.body.appendChild(box);
  const options = () => ({
    width: 400,
    height: 140,
    scales: { x: { time: true } },
    series: [{}, ...lines.map((line, i) => ({ label: line.host, stroke: ['#1976d2', '#f57c00', '#388e3c', '#d32f2f'][i % 4], width: 1.5, spanGaps: true, points: { show: false } }))],
    legend: { show: lines.length > 1 }
  });
  let drawn = () => undefined;
  const hook = { hooks: { draw: [() => drawn()] } };
  let chart = new uPlot({ ...options(), ...hook }, alignLines(lines), box);
  const times = [];
  for (let round = 0; round < rounds; round++) {
    // A new point, as a read brings one.
    const last = lines[0].times[lines[0].times.length - 1];
    lines[0].times.push(last + 1000);
    lines[0].values.push(0.1);
    const done = new Promise(resolve => (drawn = resolve));
    const t0 = performance.now();
    if (rebuild) {
      chart.destroy();
      chart = new uPlot({ ...options(), ...hook }, alignLines(lines), box);
    } else {
      chart.setData(alignLines(lines));
    }
    await done;
    chart.ctx.getImageData(0, 0, 1, 1);
    times.push(performance.now() - t0);
    await new Promise(resolve => requestAnimationFrame(resolve));
  }
  chart.destroy();
  box.remove();
  return times;
}

const percentile = (values, p) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(p * values.length))];

const browser = await launchChromium();
const version = browser.version();
const results = [];
try {
  for (const scale of [1, 2]) {
    const context = await browser.newContext({ deviceScaleFactor: scale });
    const page = await context.newPage();
    await page.setContent('<!doctype html><html><body></body></html>');
    await page.addStyleTag({ path: path.join(uplotDir, 'uPlot.min.css') });
    await page.addScriptTag({ path: path.join(uplotDir, 'uPlot.iife.min.js') });
    await page.addScriptTag({ content: alignScript });
    for (const [label, hosts, rebuild] of [
      ['1 host × 50,000, redraw', 1, false],
      ['4 hosts × 12,500, redraw', 4, false],
      ['1 host × 50,000, built anew (theme change)', 1, true]
    ]) {
      const times = await page.evaluate(timeRedraws, {
        lines: lossLines(hosts),
        rounds: ROUNDS + WARMUP,
        rebuild
      });
      const measured = times.slice(WARMUP);
      results.push({ label: `${label}, dpr ${scale}`, median: median(measured), p95: percentile(measured, 0.95) });
    }
    await context.close();
  }
} finally {
  await browser.close();
}

console.log(`Chart redraw with ${POINTS.toLocaleString('en')} points (uPlot, Chromium ${version}, ${ROUNDS} rounds)`);
for (const { label, median: mid, p95 } of results) {
  const verdict = mid <= GOAL_MS ? 'ok' : 'OVER';
  console.log(`  ${label.padEnd(52)} median ${mid.toFixed(1).padStart(6)} ms   p95 ${p95.toFixed(1).padStart(6)} ms   ${verdict}`);
}
console.log(`Goal: ≤ ${GOAL_MS} ms (median, align + setData + draw + raster).`);
