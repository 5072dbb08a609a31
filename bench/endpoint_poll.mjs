// AWS calls per poll cycle of the Endpoints sidebar over SageMaker, with 100
// endpoints in the region and k of them changing (Creating, Updating…), the
// sidebar open and hidden. Goal: 1 ListEndpoints page + k DescribeEndpoint per
// cycle while open (once every endpoint was described, its config and tags
// read once); 0 while hidden.
//
// The endpoints model (lib/endpoints/model.js) polls SageMakerEndpoints
// (lib/backends/sagemakerEndpoints.js) over a SageMaker client that answers
// from a table and counts each call.
//
// Run: npx tsc && node bench/endpoint_poll.mjs   (LIB=<folder> for another build)
import './libModules.mjs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const lib = path.resolve(process.env.LIB ?? path.join(root, 'lib'));
const load = file => import(pathToFileURL(path.join(lib, file)).href);
const { EndpointsModel } = await load('endpoints/model.js');
const { SageMakerEndpoints } = await load('backends/sagemakerEndpoints.js');
const {
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  ListEndpointsCommand,
  ListTagsCommand
} = await import('@aws-sdk/client-sagemaker');

const COUNT = 100;
const CHANGING = [0, 1, 5, 20];
const STEADY_CYCLES = 5;
const HIDDEN_MS = 300;

/** `count` endpoints, newest first, the first `changing` Creating; counts calls. */
function fakeRegion(count, changing) {
  const start = Date.UTC(2026, 11, 1, 12);
  const endpoints = Array.from({ length: count }, (_, i) => ({
    name: `ep-${String(i).padStart(4, '0')}`,
    status: i < changing ? 'Creating' : 'InService',
    created: new Date(start - i * 60000)
  }));
  const byName = new Map(endpoints.map(e => [e.name, e]));
  const calls = {};
  const count_ = operation => (calls[operation] = (calls[operation] ?? 0) + 1);
  const client = {
    async send(command) {
      const input = command.input;
      if (command instanceof ListEndpointsCommand) {
        count_('ListEndpoints');
        const from = Number(input.NextToken ?? 0);
        const page = endpoints.slice(from, from + input.MaxResults);
        return {
          Endpoints: page.map(e => ({
            EndpointName: e.name,
            EndpointArn: `arn:aws:sagemaker:eu-west-1:123456789012:endpoint/${e.name}`,
            EndpointStatus: e.status,
            CreationTime: e.created,
            LastModifiedTime: e.created
          })),
          NextToken: from + input.MaxResults < endpoints.length ? String(from + input.MaxResults) : undefined
        };
      }
      if (command instanceof DescribeEndpointCommand) {
        count_('DescribeEndpoint');
        const e = byName.get(input.EndpointName);
        return {
          EndpointName: e.name,
          EndpointConfigName: `${e.name}-config`,
          EndpointStatus: e.status,
          CreationTime: e.created,
          LastModifiedTime: e.created
        };
      }
      if (command instanceof DescribeEndpointConfigCommand) {
        count_('DescribeEndpointConfig');
        return {
          EndpointConfigName: input.EndpointConfigName,
          ProductionVariants: [
            { VariantName: 'AllTraffic', ModelName: 'm', InstanceType: 'ml.m5.large', InitialInstanceCount: 1 }
          ]
        };
      }
      if (command instanceof ListTagsCommand) {
        count_('ListTags');
        return { Tags: [{ Key: 'sagemaker-nlp:job', Value: 'train-1' }] };
      }
      throw new Error(`unexpected ${command.constructor.name}`);
    }
  };
  return { client, calls, reset: () => Object.keys(calls).forEach(key => delete calls[key]) };
}

const backendOver = client => new SageMakerEndpoints({ sagemaker: client, region: 'eu-west-1' });
const total = calls => Object.values(calls).reduce((sum, n) => sum + n, 0);
const SHORT = {
  ListEndpoints: 'list',
  DescribeEndpoint: 'describe',
  DescribeEndpointConfig: 'config',
  ListTags: 'tags'
};
const describe = calls =>
  Object.entries(calls)
    .map(([operation, n]) => `${n} ${SHORT[operation]}`)
    .join(' + ') || '0 calls';

console.log(`AWS calls per poll cycle of the Endpoints sidebar (SageMaker, ${COUNT} endpoints)`);
console.log('changing  first cycle                            warm-up cycles  open, per cycle       hidden            goal');
let failures = 0;
for (const changing of CHANGING) {
  const region = fakeRegion(COUNT, changing);
  const model = new EndpointsModel({ backends: [backendOver(region.client)], autoStart: false, standby: 'never' });
  await model.refresh();
  const first = describe(region.calls);
  // Warm-up: until every endpoint's config is known (10 first looks a cycle).
  let warmUp = 1;
  while (model.endpoints.some(e => e.variants.length === 0) && warmUp < 100) {
    await model.refresh();
    warmUp++;
  }
  const perCycle = [];
  for (let cycle = 0; cycle < STEADY_CYCLES; cycle++) {
    region.reset();
    await model.refresh();
    perCycle.push({ ...region.calls });
  }
  const open = perCycle[perCycle.length - 1];
  const steady = perCycle.every(calls => total(calls) === total(open));
  model.dispose();

  // Hidden: the real poll, ticking every 5 ms, for HIDDEN_MS.
  const polled = new EndpointsModel({
    backends: [backendOver(region.client)],
    standby: 'never',
    frequency: { active: 5, activeMax: 5, idle: 5, idleMax: 5 }
  });
  polled.watched = false;
  await new Promise(resolve => setTimeout(resolve, 20));
  region.reset();
  let ticks = 0;
  polled.poll.ticked.connect(() => ticks++);
  await new Promise(resolve => setTimeout(resolve, HIDDEN_MS));
  const hidden = total(region.calls);
  polled.dispose();

  const goal = 1 + changing;
  const met =
    steady &&
    total(open) === goal &&
    (open.ListEndpoints ?? 0) === 1 &&
    (open.DescribeEndpoint ?? 0) === changing &&
    hidden === 0;
  failures += met ? 0 : 1;
  console.log(
    [
      String(changing).padStart(8),
      ' ' + first.padEnd(38),
      String(warmUp).padStart(14),
      ' ' + describe(open).padEnd(21),
      `${hidden} in ${ticks} ticks`.padEnd(17),
      `1 + ${changing}: ${met ? 'met' : 'MISSED'}`
    ].join(' ')
  );
}
process.exitCode = failures > 0 ? 1 : 0;
