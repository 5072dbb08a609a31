/**
 * @jest-environment ./src/aws/__tests__/jsdomWithStreams.js
 */
import {
  CloudWatchLogsClient,
  DescribeLogStreamsCommand,
  GetLogEventsCommand,
  GetLogEventsCommandInput,
  GetLogEventsCommandOutput
} from '@aws-sdk/client-cloudwatch-logs';
import { mockClient } from 'aws-sdk-client-mock';
import { createAwsClients } from '../../aws/clients';
import { SageMakerBackend } from '../../backends/sagemaker';
import { CONFIG, fakeCatalog } from '../../backends/__tests__/sagemakerFixtures';
import { LogFollower } from '../logs';

const logs = mockClient(CloudWatchLogsClient);
const NAME = 'bert-2-hosts';
const ONE = `${NAME}/algo-1-1764237600`;
const TWO = `${NAME}/algo-2-1764237600`;

function backend(): SageMakerBackend {
  return new SageMakerBackend({
    config: CONFIG,
    catalog: fakeCatalog(),
    clients: createAwsClients({ region: CONFIG.region! })
  });
}

function awsError(name: string, message: string): Error {
  return Object.assign(new Error(message), {
    name,
    $fault: 'client',
    $metadata: { httpStatusCode: 400 }
  });
}

/** GetLogEvents by stream and token: the pages given, then the last token again, empty. */
function answerPages(pages: Record<string, Partial<GetLogEventsCommandOutput>[]>) {
  const tokens: Record<string, string> = {};
  logs.on(GetLogEventsCommand).callsFake((input: GetLogEventsCommandInput) => {
    const stream = input.logStreamName!;
    const page = pages[stream]?.shift();
    if (page?.nextForwardToken) {
      tokens[stream] = page.nextForwardToken;
    }
    return page ?? { events: [], nextForwardToken: input.nextToken ?? tokens[stream] };
  });
}

beforeEach(() => logs.reset());

describe('LogFollower on the SageMaker backend', () => {
  it('waits while the log group does not exist, then merges both hosts by time', async () => {
    logs
      .on(DescribeLogStreamsCommand)
      .rejectsOnce(
        awsError('ResourceNotFoundException', 'The specified log group does not exist.')
      )
      .resolves({ logStreams: [{ logStreamName: TWO }, { logStreamName: ONE }] });
    answerPages({
      [ONE]: [
        {
          events: [
            { timestamp: 1000, message: 'algo-1 starts\n' },
            { timestamp: 3000, message: 'algo-1 epoch 1\n' }
          ],
          nextForwardToken: 'f/1/a'
        }
      ],
      [TWO]: [
        {
          events: [{ timestamp: 2000, message: 'algo-2 starts\n' }],
          nextForwardToken: 'f/2/a'
        }
      ]
    });
    let now = 1764237600000;
    const clock = jest.spyOn(Date, 'now').mockImplementation(() => now);
    const follower = new LogFollower({ model: backend(), jobName: NAME });
    await follower.read();
    expect(follower.waiting).toBe(true);
    expect(follower.error).toBeNull();
    expect(logs.commandCalls(GetLogEventsCommand)).toHaveLength(0);

    // The streams are listed again only after a while (DescribeLogStreams' quota is small).
    now += 1000;
    await follower.read();
    expect(logs.commandCalls(DescribeLogStreamsCommand)).toHaveLength(1);
    now += LogFollower.LIST_INTERVAL;
    await follower.read();
    expect(logs.commandCalls(DescribeLogStreamsCommand)).toHaveLength(2);
    expect(follower.waiting).toBe(false);
    expect(follower.book.lines().map(line => [line.host, line.message.trim()])).toEqual([
      ['algo-1', 'algo-1 starts'],
      ['algo-2', 'algo-2 starts'],
      ['algo-1', 'algo-1 epoch 1']
    ]);
    // Each stream from its head, then from its forward token until it repeats.
    expect(
      logs
        .commandCalls(GetLogEventsCommand)
        .map(call => [call.args[0].input.logStreamName, call.args[0].input.nextToken])
    ).toEqual([
      [ONE, undefined],
      [TWO, undefined],
      [ONE, 'f/1/a'],
      [TWO, 'f/2/a']
    ]);
    follower.dispose();
    clock.mockRestore();
  });
});
