// The page that bench/log_view.mjs bundles and opens in Chromium: the real
// LogView over a real LogFollower, fed by an in-memory log source.
import * as React from 'react';
import { createRoot } from 'react-dom/client';
import { flushSync } from 'react-dom';
import { LogFollower } from './build/jobs/logs.js';
import { LogView } from './build/ui/sidebar/log/LogView.js';

const trans = {
  __: (text, ...args) => text.replace(/%(\d)/g, (_, i) => String(args[i - 1]))
};

const pending = [];
let token = 0;
const source = {
  logStreams: async () => [
    { name: 'bench/algo-1-1', host: 'algo-1' },
    { name: 'bench/algo-2-1', host: 'algo-2' }
  ],
  logs: async (_job, stream, nextToken) => {
    const page = pending.find(p => p.stream === stream);
    if (!page) {
      return { events: [], nextToken: nextToken ?? '' };
    }
    pending.splice(pending.indexOf(page), 1);
    return { events: page.events, nextToken: `t${token++}` };
  }
};

let clock = 0;
/** `count` lines shared by both hosts, some with colours, one in 500 long. */
function queueLines(count) {
  for (const [h, stream] of ['bench/algo-1-1', 'bench/algo-2-1'].entries()) {
    const events = [];
    for (let i = 0; i < count / 2; i++) {
      clock += 1;
      const n = clock;
      let message = `[${n}] epoch ${n % 7} step ${n} loss=${(1 / (1 + n)).toFixed(6)} host ${h + 1}\n`;
      if (n % 10 === 0) {
        message = `\x1b[32mINFO\x1b[0m ${message}`;
      }
      if (n % 500 === 0) {
        message = `${'x'.repeat(2000)} ${message}`;
      }
      events.push({ timestamp: n, message });
    }
    pending.push({ stream, events });
  }
}

const follower = new LogFollower({ model: source, jobName: 'bench', listInterval: 0 });
const box = document.getElementById('root');
const root = createRoot(box);

function App() {
  const [paused, setPaused] = React.useState(false);
  return React.createElement(LogView, {
    follower,
    trans,
    active: true,
    paused,
    onPause: setPaused
  });
}

const frame = () => new Promise(resolve => requestAnimationFrame(() => setTimeout(resolve, 0)));

/**
 * One append: the read (book merge included), React's render and commit,
 * and the browser's style and layout (forced by reading a layout value).
 */
async function append(count) {
  queueLines(count);
  // React commits all its DOM changes in one go; the observer reports after it.
  const rendered = new Promise(resolve => {
    const observer = new MutationObserver(() => {
      observer.disconnect();
      resolve();
    });
    observer.observe(box, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  const started = performance.now();
  await follower.read();
  const read = performance.now();
  await rendered;
  const commit = performance.now();
  void document.querySelector('.jp-SageMakerNLP-logTail').scrollHeight;
  const layout = performance.now();
  await frame();
  return {
    total: layout - started,
    read: read - started,
    render: commit - read,
    layout: layout - commit,
    rows: document.querySelectorAll('.jp-SageMakerNLP-logRow').length,
    lines: follower.book.lines().length
  };
}

window.runBench = async ({ base, add, rounds }) => {
  flushSync(() => root.render(React.createElement(App)));
  await frame();
  const first = await append(base);
  const results = [];
  for (let i = 0; i < rounds; i++) {
    results.push(await append(add));
  }
  // Scrolling through the middle: one frame's work per scroll step.
  const tail = document.querySelector('.jp-SageMakerNLP-logTail');
  const scrolls = [];
  for (let i = 0; i < 20; i++) {
    const started = performance.now();
    tail.scrollTop = (tail.scrollHeight * (i + 1)) / 25;
    tail.dispatchEvent(new Event('scroll'));
    await new Promise(resolve => setTimeout(resolve, 0));
    void tail.scrollHeight;
    scrolls.push(performance.now() - started);
    await frame();
  }
  return { first, results, scrolls };
};
