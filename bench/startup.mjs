// JupyterLab start-up time added by the extension, in Chromium: median of 5
// page loads with it and 5 without (its labextension link moved away while
// that server runs), each load in a fresh browser context, rounds alternating.
// Run: node bench/startup.mjs   (after `make install build`)
import { existsSync, renameSync } from 'node:fs';
import path from 'node:path';
import { launchChromium, median, recordRestored, startLab } from './lab.mjs';

const ROUNDS = Number(process.env.ROUNDS || 5);
const link = path.resolve('.venv/share/jupyter/labextensions/jupyterlab-sagemaker-nlp');
// Parked outside the labextensions folder: JupyterLab lists every package.json
// below it, whatever the folder's name.
const parked = path.resolve('.venv/share/jupyter/sagemaker-nlp-bench-parked');

// A run stopped half-way must not leave JupyterLab without the extension.
const unpark = () => {
  if (existsSync(parked)) renameSync(parked, link);
};
unpark();
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    unpark();
    process.exit(130);
  });
}

async function loadOnce(browser, url, expectExtension) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.addInitScript(recordRestored);
  page.on("pageerror", error => console.error("page error:", error.message));
  await page.goto(`${url}/lab`);
  await page.waitForFunction(() => window.__restoredAt !== undefined, null, { timeout: 60000 });
  const restoredAt = await page.evaluate(() => window.__restoredAt);
  const hasButton = await page.evaluate(
    () => window.jupyterapp.commands.hasCommand('sagemaker-nlp:train-cell')
  );
  if (hasButton !== expectExtension) {
    throw new Error(`extension loaded=${hasButton}, expected ${expectExtension}`);
  }
  await context.close();
  return restoredAt;
}

async function measure(browser, withExtension) {
  if (!withExtension) renameSync(link, parked);
  try {
    const lab = await startLab(8931);
    try {
      await loadOnce(browser, lab.url, withExtension); // warm the server
      return await loadOnce(browser, lab.url, withExtension);
    } finally {
      await lab.stop();
    }
  } finally {
    unpark();
  }
}

const browser = await launchChromium();
const withTimes = [];
const withoutTimes = [];
for (let round = 0; round < ROUNDS; round++) {
  withTimes.push(await measure(browser, true));
  withoutTimes.push(await measure(browser, false));
  console.log(`round ${round + 1}: with ${withTimes.at(-1).toFixed(0)} ms, without ${withoutTimes.at(-1).toFixed(0)} ms`);
}
await browser.close();
const added = median(withTimes) - median(withoutTimes);
console.log(`JupyterLab restored (median of ${ROUNDS}): with ${median(withTimes).toFixed(0)} ms, without ${median(withoutTimes).toFixed(0)} ms`);
console.log(`start-up added by jupyterlab-sagemaker-nlp: ${added.toFixed(0)} ms (goal ≤ 40 ms)`);
