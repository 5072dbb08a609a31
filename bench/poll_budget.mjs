// AWS calls per poll cycle of the jobs model over SageMaker, with 10, 100
// and 1000 jobs in the region and k of them running, the sidebar open and
// hidden. Goal: 1 list page + k describes per cycle while open (once the
// history is read and every job's tags are known); 0 while hidden.
//
// The jobs model (lib/jobs/model.js) polls the SageMaker listing that
// SageMakerBackend.list() delegates to (lib/backends/sagemakerListing.js),
// over a SageMaker client that answers from a table and counts each call.
// The first cycles (history pages, tags read once per job) are shown too, and
// the first cycle after a page reload, when the tags kept in the browser's
// storage (backends/tagCache.js) spare every ListTags.
//
// Run: npx tsc && node bench/poll_budget.mjs   (LIB=<folder> for another build)
import './libModules.mjs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';


const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const lib = path.resolve(process.env.LIB ?? path.join(root, 'lib'));
const load = file => import(pathToFileURL(path.join(lib, file)).href);
const { JobsModel } = await load('jobs/model.js');
const { TrainingJobIndex } = await load('backends/sagemakerListing.js');
const { notebookTags } = await load('training/notebookTags.js');
const { TagCache } = await load('backends/tagCache.js');
const {
  DescribeTrainingJobCommand,
  ListTagsCommand,
  ListTrainingJobsCommand
} = await import('@aws-sdk/client-sagemaker');

const CASES = [
  [10, 0],
  [10, 3],
  [100, 0],
  [100, 5],
  [1000, 0],
  [1000, 10]
];
const STEADY_CYCLES = 5;
const HIDDEN_MS = 300;

/** A region of `count` jobs, newest first, the first `running` InProgress; counts calls. */
function fakeRegion(count, running) {
  const start = Date.UTC(2026, 10, 27, 12);
  const jobs = Array.from({ length: count }, (_, i) => ({
    name: `job-${String(i).padStart(4, '0')}`,
    arn: `arn:aws:sagemaker:eu-west-1:123456789012:training-job/job-${i}`,
    status: i < running ? 'InProgress' : 'Completed',
    created: new Date(start - i * 60000)
  }));
  const byArn = new Map(jobs.map(job => [job.arn, job]));
  const byName = new Map(jobs.map(job => [job.name, job]));
  const calls = {};
  const count_ = operation => (calls[operation] = (calls[operation] ?? 0) + 1);
  const client = {
    async send(command) {
      const input = command.input;
      if (command instanceof ListTrainingJobsCommand) {
        count_('ListTrainingJobs');
        const from = Number(input.NextToken ?? 0);
        const page = jobs.slice(from, from + input.MaxResults);
        return {
          TrainingJobSummaries: page.map(job => ({
            TrainingJobName: job.name,
            TrainingJobArn: job.arn,
            TrainingJobStatus: job.status,
            CreationTime: job.created
          })),
          NextToken: from + input.MaxResults < jobs.length ? String(from + input.MaxResults) : undefined
        };
      }
      if (command instanceof DescribeTrainingJobCommand) {
        count_('DescribeTrainingJob');
        const job = byName.get(input.TrainingJobName);
        return {
          TrainingJobName: job.name,
          TrainingJobArn: job.arn,
          TrainingJobStatus: job.status,
          SecondaryStatus: job.status === 'InProgress' ? 'Training' : job.status,
          CreationTime: job.created,
          AlgorithmSpecification: { TrainingImage: 'x.dkr.ecr/pytorch-training:2.1-cpu-py310' }
        };
      }
      if (command instanceof ListTagsCommand) {
        count_('ListTags');
        return { Tags: byArn.has(input.ResourceArn) ? notebookTags('a.ipynb', 'c1') : [] };
      }
      throw new Error(`unexpected ${command.constructor.name}`);
    }
  };
  return { client, calls, reset: () => Object.keys(calls).forEach(key => delete calls[key]) };
}

/** The listing as SageMakerBackend runs it, its tags kept in `cache` across "reloads". */
function backendOver(client, cache) {
  const tags = new Map();
  cache?.load(tags);
  const index = new TrainingJobIndex({
    sagemaker: client,
    send: (_action, _context, call) => call(),
    descriptions: new Map(),
    tags
  });
  return {
    target: 'sagemaker',
    list: request => index.list(request).finally(() => cache?.save(tags))
  };
}

/** localStorage, in memory. */
function memoryStorage() {
  const items = new Map();
  return { getItem: key => items.get(key) ?? null, setItem: (key, value) => items.set(key, value) };
}

const total = calls => Object.values(calls).reduce((sum, n) => sum + n, 0);
const SHORT = { ListTrainingJobs: 'list', DescribeTrainingJob: 'describe', ListTags: 'tags' };
const describe = calls =>
  Object.entries(calls)
    .map(([operation, n]) => `${n} ${SHORT[operation]}`)
    .join(' + ') || '0 calls';

console.log('AWS calls per poll cycle of the jobs model (SageMaker, own jobs)');
console.log('jobs  running  first cycle                   warm-up cycles  open, per cycle      hidden            after a reload (tags kept)  goal');
let failures = 0;
for (const [count, running] of CASES) {
  const region = fakeRegion(count, running);
  const cache = new TagCache(memoryStorage(), 'eu-west-1', '123456789012');
  const model = new JobsModel({ backends: [backendOver(region.client, cache)], autoStart: false });

  await model.refresh();
  const first = describe(region.calls);
  let warmUp = 1;
  while (model.jobs.length < count && warmUp < 500) {
    await model.refresh();
    warmUp++;
  }
  await model.refresh(); // the describes of the last jobs found
  warmUp++;

  const perCycle = [];
  for (let cycle = 0; cycle < STEADY_CYCLES; cycle++) {
    region.reset();
    await model.refresh();
    perCycle.push({ ...region.calls });
  }
  const open = perCycle[perCycle.length - 1];
  const steady = perCycle.every(calls => total(calls) === total(open));
  model.dispose();

  // A page reload: a new model whose listing starts from the kept tags.
  region.reset();
  const reloaded = new JobsModel({ backends: [backendOver(region.client, cache)], autoStart: false });
  await reloaded.refresh();
  const afterReload = describe(region.calls);
  const reloadShowsAll = reloaded.jobs.length === Math.min(count, TrainingJobIndex.PAGE_SIZE);
  reloaded.dispose();

  // Hidden: the real poll, ticking every 5 ms, for HIDDEN_MS.
  const polled = new JobsModel({
    backends: [backendOver(region.client)],
    standby: 'never',
    frequency: { active: 5, activeMax: 5, idle: 5, idleMax: 5 }
  });
  polled.setWatched(false);
  await new Promise(resolve => setTimeout(resolve, 20));
  region.reset();
  let ticks = 0;
  polled.poll.ticked.connect(() => ticks++);
  await new Promise(resolve => setTimeout(resolve, HIDDEN_MS));
  const hidden = total(region.calls);
  polled.dispose();

  const goal = 1 + running;
  const met =
    steady &&
    total(open) === goal &&
    (open.ListTrainingJobs ?? 0) === 1 &&
    hidden === 0 &&
    reloadShowsAll &&
    !afterReload.includes('tags');
  failures += met ? 0 : 1;
  console.log(
    [
      String(count).padStart(4),
      String(running).padStart(8),
      ' ' + first.padEnd(29),
      String(warmUp).padStart(14),
      ' ' + describe(open).padEnd(20),
      `${hidden} in ${ticks} ticks`.padEnd(17),
      afterReload.padEnd(27),
      `1 + ${running}: ${met ? 'met' : 'MISSED'}`
    ].join(' ')
  );
}
process.exitCode = failures > 0 ? 1 : 0;
