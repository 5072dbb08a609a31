// How long the script builder takes to turn a notebook into train.py: the
// median of ROUNDS calls of buildTrainingScript (after WARMUP calls) for
// (a) a 500-cell notebook of realistic cells (imports, assignments, defs, a
// few pip lines, markdown), training the last cell, and (b) one cell of
// 1000 shell lines. Goals: 50 ms each.
//
// BEFORE=<an older build's lib/ folder>, e.g. of a worktree at an older
// commit with `npx tsc` run in it, measures that build too (3 rounds: the
// old builder took seconds for (b)).
//
// Run: npx tsc && node bench/script_builder.mjs
import './libModules.mjs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';


const ROUNDS = Number(process.env.ROUNDS ?? 21);
const WARMUP = Number(process.env.WARMUP ?? 3);
const GOAL_MS = 50;

function code(id, source) {
  return { id, cellType: 'code', source, tags: [] };
}

/** 500 cells of the kinds a long fine-tuning notebook has, each building on earlier ones. */
function longNotebook() {
  const cells = [
    code('install', '%pip install -q transformers datasets evaluate\n!pip install -qU accelerate'),
    code('imports', 'import os\nimport json\nimport numpy as np\nimport torch\nfrom transformers import AutoTokenizer'),
    code('tok', 'tokenizer = AutoTokenizer.from_pretrained("bert-base-uncased")')
  ];
  for (let i = 0; cells.length < 499; i++) {
    switch (i % 6) {
      case 0:
        cells.push({ id: `md${i}`, cellType: 'markdown', source: `## Step ${i}\nWhat this step does.`, tags: [] });
        break;
      case 1:
        cells.push(code(`v${i}`, `lr_${i} = 2e-5 * ${i + 1}.\nbatch_${i} = 16\nname_${i} = "run-${i}"`));
        break;
      case 2:
        cells.push(
          code(
            `f${i}`,
            `def step_${i}(batch, scale=1.):\n    """Scale the batch."""\n    out = [x * scale for x in batch]\n` +
              `    return np.array(out) / 255.\n`
          )
        );
        break;
      case 3:
        cells.push(code(`u${i}`, `values_${i} = step_${i - 1}([1, 2, 3], scale=lr_${i - 2})\nprint(values_${i}.shape)`));
        break;
      case 4:
        cells.push(code(`s${i}`, `!echo "step ${i}" >> log.txt\nconfig_${i} = {"lr": lr_${i - 3}, "batch": batch_${i - 3}}`));
        break;
      default:
        cells.push(code(`e${i}`, `encoded_${i} = tokenizer("text ${i}", truncation=True)\nlen(encoded_${i}["input_ids"])`));
    }
  }
  cells.push(code('train', 'result = step_2(values_3, scale=lr_1)\nprint(config_4, result, tokenizer)'));
  return cells;
}

function shellCell() {
  const lines = Array.from({ length: 1000 }, (_, i) => `!echo "line ${i}" >> data/log_${i % 7}.txt`);
  return [code('shell', lines.join('\n') + '\nready = True'), code('train', 'print(ready)')];
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1];
}

function time(build, cells, rounds, warmup) {
  for (let i = 0; i < warmup; i++) {
    build(cells, cells.length - 1);
  }
  const times = [];
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    build(cells, cells.length - 1);
    times.push(performance.now() - started);
  }
  return median(times);
}

async function builder(lib) {
  const module = await import(pathToFileURL(path.join(lib, 'script', 'index.js')).href);
  return module.buildTrainingScript;
}

const here = path.dirname(new URL(import.meta.url).pathname);
const build = await builder(path.resolve(here, '..', 'lib'));
const cases = [
  ['(a) 500-cell notebook, last cell', longNotebook()],
  ['(b) one cell of 1000 shell lines', shellCell()]
];
for (const [name, cells] of cases) {
  const ms = time(build, cells, ROUNDS, WARMUP);
  console.log(`${name}: ${ms.toFixed(1)} ms median of ${ROUNDS} (goal ≤ ${GOAL_MS} ms)${ms > GOAL_MS ? '  OVER' : ''}`);
}
if (process.env.BEFORE) {
  const before = await builder(path.resolve(process.env.BEFORE));
  for (const [name, cells] of cases) {
    const ms = time(before, cells, 3, 1);
    console.log(`${name}, before: ${ms.toFixed(1)} ms median of 3`);
  }
}
