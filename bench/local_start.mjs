// Local mode: click on "Train this cell" → the script's first line running,
// requirements install excluded (the notebook has none). The cell remembers
// its choices ("don't ask again"), so the click submits at once. The script's
// first line prints time.time(); the click's Date.now() is taken in the page;
// both clocks are this machine's. Median of 5.
// Run: node bench/local_start.mjs   (after `make install build`)
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { launchChromium, median, startLab } from './lab.mjs';

const RUNS = Number(process.env.RUNS || 5);
const cell = (id, source, metadata = {}) => ({
  cell_type: 'code', id, metadata, source, outputs: [], execution_count: null
});
const notebook = {
  nbformat: 4,
  nbformat_minor: 5,
  metadata: {
    kernelspec: { name: 'python3', display_name: 'Python 3 (ipykernel)', language: 'python' },
    language_info: { name: 'python' }
  },
  cells: [
    cell('setup', 'import time'),
    cell('train', 'print("first-line", time.time(), flush=True)', {
      'sagemaker-nlp': { target: 'local', skipDialog: true, jobBaseName: 'bench' }
    })
  ]
};

const lab = await startLab(8932);
writeFileSync(path.join(lab.rootDir, 'bench.ipynb'), JSON.stringify(notebook));
const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
const times = [];
try {
  await page.goto(`${lab.url}/lab/tree/bench.ipynb`);
  const button = page.locator('.jp-NotebookPanel-toolbar [data-command="sagemaker-nlp:train-cell"]');
  await page.locator('.jp-Cell').nth(1).click();
  await button.waitFor();
  for (let run = 0; run < RUNS; run++) {
    const before = await jobNames(lab.url);
    // Taken just before Playwright's click, so the figure errs on the slow side.
    const clickedAt = await page.evaluate(() => Date.now());
    await button.click();
    const name = await newJob(lab.url, before);
    const firstLine = await firstLineTime(lab.url, name);
    times.push(firstLine * 1000 - clickedAt);
    console.log(`run ${run + 1}: ${times.at(-1).toFixed(0)} ms (${name})`);
    await page.waitForTimeout(500);
  }
} finally {
  await browser.close();
  await lab.stop();
}
console.log(`click → first script line, local mode (median of ${RUNS}): ${median(times).toFixed(0)} ms (goal ≤ 1000 ms)`);

async function jobNames(url) {
  const { jobs } = await (await fetch(`${url}/sagemaker-nlp/local/jobs`)).json();
  return new Set(jobs.map(job => job.TrainingJobName));
}

async function newJob(url, before) {
  for (let i = 0; i < 600; i++) {
    const names = [...(await jobNames(url))].filter(name => !before.has(name));
    if (names.length) return names[0];
    await new Promise(r => setTimeout(r, 10));
  }
  throw new Error('no job was created');
}

async function firstLineTime(url, name) {
  for (let i = 0; i < 3000; i++) {
    const { events } = await (await fetch(`${url}/sagemaker-nlp/local/jobs/${name}/logs`)).json();
    const line = events.find(e => e.message.startsWith('first-line '));
    if (line) return Number(line.message.split(' ')[1]);
    await new Promise(r => setTimeout(r, 10));
  }
  throw new Error(`${name} never printed its first line`);
}
