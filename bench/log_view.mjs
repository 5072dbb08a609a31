// The job log view in real Chromium: how long one append of 10,000 lines to
// a 100,000-line log (two hosts, merged) takes on the main thread — the
// follower's read and merge, React's render and commit, and the browser's
// style and layout — against a frame's 16 ms. Also the first load of the
// 100,000 lines and scroll steps through the middle.
//
// The view is compiled from src/ with tsc and bundled with webpack (React in
// production mode) into a temporary folder; nothing else of JupyterLab runs.
//
// Run: node bench/log_view.mjs   ROUNDS (default 8), BASE (100000), ADD (10000)
// (8 rounds keep the log under LogFollower.MAX_LINES; past it, every append
// also drops old lines, and the view lays all rows out again.)
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const webpack = require('webpack');
const chromiumOptions = require('../ui-tests/chromium.js');

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const ROUNDS = Number(process.env.ROUNDS ?? 8);
const BASE = Number(process.env.BASE ?? 100000);
const ADD = Number(process.env.ADD ?? 10000);

const work = mkdtempSync(path.join(tmpdir(), 'log-view-bench-'));
try {
  execFileSync(
    path.join(ROOT, 'node_modules/.bin/tsc'),
    [
      path.join(ROOT, 'src/ui/sidebar/log/LogView.tsx'),
      path.join(ROOT, 'src/jobs/logs.ts'),
      ...['--outDir', path.join(work, 'build'), '--rootDir', path.join(ROOT, 'src')],
      ...['--jsx', 'react', '--target', 'ES2022', '--module', 'esnext'],
      ...['--moduleResolution', 'node', '--esModuleInterop', '--skipLibCheck', '--types', 'node']
    ],
    { stdio: 'inherit' }
  );
  cpSync(path.join(ROOT, 'bench/log_view.page.js'), path.join(work, 'page.js'));
  await bundle(work);
  writeFileSync(path.join(work, 'index.html'), page(work));

  const browser = await chromium.launch(chromiumOptions);
  try {
    const tab = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = [];
    tab.on('pageerror', error => errors.push(error.message));
    await tab.goto(`file://${path.join(work, 'index.html')}`);
    await tab.waitForFunction(() => typeof window.runBench === 'function');
    const { first, results, scrolls } = await tab.evaluate(
      options => window.runBench(options),
      { base: BASE, add: ADD, rounds: ROUNDS }
    );
    if (errors.length > 0) {
      throw new Error(errors.join('\n'));
    }
    report(first, results, scrolls);
  } finally {
    await browser.close();
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

function bundle(dir) {
  return new Promise((resolve, reject) => {
    webpack(
      {
        mode: 'production',
        entry: path.join(dir, 'page.js'),
        output: { path: dir, filename: 'bundle.js' },
        resolve: { modules: [path.join(ROOT, 'node_modules')], fullySpecified: false },
        module: { rules: [{ test: /\.m?js$/, resolve: { fullySpecified: false } }] },
        performance: { hints: false }
      },
      (error, stats) => {
        if (error || stats.hasErrors()) {
          reject(error ?? new Error(stats.toString('errors-only')));
        } else {
          resolve();
        }
      }
    );
  });
}

function page(dir) {
  const css = ['style/sidebar.css', 'style/logs.css']
    .map(file => readFileSync(path.join(ROOT, file), 'utf8'))
    .join('\n');
  // The few JupyterLab variables the log's CSS uses, with the light theme's values.
  return `<!doctype html><html><head><meta charset="utf-8"><style>
:root { --jp-code-font-family: monospace; --jp-code-font-size: 13px; --jp-code-line-height: 1.3077;
  --jp-ui-font-size1: 13px; --jp-ui-font-size0: 11px; --jp-layout-color1: #fff; --jp-layout-color2: #eee;
  --jp-border-width: 1px; --jp-border-color1: #bdbdbd; --jp-border-color2: #e0e0e0; --jp-brand-color1: #1976d2; }
#root { width: 420px; }
${css}</style></head><body><div id="root"></div><script src="${path.join(dir, 'bundle.js')}"></script></body></html>`;
}

function report(first, results, scrolls) {
  const stat = key => {
    const values = results.map(r => r[key]).sort((a, b) => a - b);
    return {
      median: values[Math.floor(values.length / 2)],
      p90: values[Math.min(values.length - 1, Math.floor(values.length * 0.9))],
      max: values[values.length - 1]
    };
  };
  const ms = n => `${n.toFixed(1)} ms`;
  const total = stat('total');
  console.log(`Log view in Chromium (${chromiumOptions.executablePath}), two hosts merged, 420 px wide:`);
  console.log(`  first load of ${BASE} lines: ${ms(first.total)} (read ${ms(first.read)}, render ${ms(first.render)}, layout ${ms(first.layout)})`);
  console.log(`  append ${ADD} lines to ${BASE}+ lines, ${results.length} rounds (log grows to ${results[results.length - 1].lines}):`);
  console.log(`    main-thread work per append: median ${ms(total.median)}, p90 ${ms(total.p90)}, max ${ms(total.max)}  (goal ≤ 16 ms per frame)`);
  for (const key of ['read', 'render', 'layout']) {
    const s = stat(key);
    console.log(`      ${key.padEnd(7)} median ${ms(s.median)}, max ${ms(s.max)}`);
  }
  console.log(`    rows in the DOM: ${Math.max(...results.map(r => r.rows))} at most`);
  const sortedScrolls = scrolls.slice().sort((a, b) => a - b);
  console.log(`  scroll step through the middle: median ${ms(sortedScrolls[Math.floor(sortedScrolls.length / 2)])}, max ${ms(sortedScrolls[sortedScrolls.length - 1])}`);
  console.log(`  ${total.median <= 16 ? 'MEETS' : 'MISSES'} the 16 ms goal (median)`);
}
