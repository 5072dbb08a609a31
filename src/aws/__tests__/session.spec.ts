import { IAwsClients, IAwsConfig } from '../../tokens';
import { AwsSession } from '../session';

const CONFIG: IAwsConfig = {
  region: 'eu-west-1',
  account: '123456789012',
  roleArn: 'arn:aws:iam::123456789012:role/R',
  bucket: 'sagemaker-eu-west-1-123456789012',
  bucketStatus: 'ok',
  onNotebookInstance: false,
  problems: []
};

/** Clients that only count how often they are made and destroyed. */
function fakeClients() {
  const made: string[] = [];
  const destroyed: string[] = [];
  const makeClients = async (region: string) => {
    made.push(region);
    const client = { destroy: () => destroyed.push(region) };
    return {
      sagemaker: client,
      s3: client,
      cloudwatch: client,
      logs: client
    } as unknown as IAwsClients;
  };
  return { made, destroyed, makeClients };
}

describe('AwsSession', () => {
  it('asks the server once per interval, and again when told to', async () => {
    const readConfig = jest.fn(async () => CONFIG);
    const session = new AwsSession({ readConfig, recheckInterval: 60000 });
    await session.config();
    await session.config();
    expect(readConfig).toHaveBeenCalledTimes(1);
    await session.config({ fresh: true });
    expect(readConfig).toHaveBeenCalledTimes(2);
  });

  it('asks again after a failed read', async () => {
    const readConfig = jest
      .fn<Promise<IAwsConfig>, []>()
      .mockRejectedValueOnce(new Error('404'))
      .mockResolvedValue(CONFIG);
    const session = new AwsSession({ readConfig });
    await expect(session.config()).rejects.toThrow('404');
    await expect(session.config()).resolves.toEqual(CONFIG);
  });

  it('says when the setup changes, and only then', async () => {
    let answer = CONFIG;
    const session = new AwsSession({ readConfig: async () => answer });
    const changes: IAwsConfig[] = [];
    session.configChanged.connect((_, config) => changes.push(config));
    await session.config();
    await session.config({ fresh: true });
    expect(changes).toEqual([]);
    answer = { ...CONFIG, bucket: 'other-bucket' };
    await session.config({ fresh: true });
    expect(changes.map(c => c.bucket)).toEqual(['other-bucket']);
  });

  it('makes the clients once, and anew for another region', async () => {
    let answer = CONFIG;
    const fake = fakeClients();
    const session = new AwsSession({
      readConfig: async () => answer,
      makeClients: fake.makeClients
    });
    const [a, b] = await Promise.all([session.clients(), session.clients()]);
    expect(a).toBe(b);
    expect(fake.made).toEqual(['eu-west-1']);
    answer = { ...CONFIG, region: 'us-east-1' };
    await session.config({ fresh: true });
    await session.clients();
    expect(fake.made).toEqual(['eu-west-1', 'us-east-1']);
    await Promise.resolve();
    expect(fake.destroyed).toContain('eu-west-1');
  });

  it('takes the answer of a change without reading again', async () => {
    const readConfig = jest.fn(async () => CONFIG);
    const session = new AwsSession({ readConfig });
    await session.config();
    // What PUT aws-config answers, as the server's setConfig would.
    const changed = { ...CONFIG, roleArn: 'arn:aws:iam::123456789012:role/New' };
    jest
      .spyOn(await import('../../api/awsConfig'), 'setAwsConfig')
      .mockResolvedValue(changed);
    await session.setConfig({ roleArn: changed.roleArn });
    expect((await session.config()).roleArn).toBe(changed.roleArn);
    expect(readConfig).toHaveBeenCalledTimes(1);
  });

  it('refuses clients without a region', async () => {
    const session = new AwsSession({
      readConfig: async () => ({ ...CONFIG, region: null }),
      makeClients: fakeClients().makeClients
    });
    await expect(session.clients()).rejects.toThrow(/No AWS region/);
  });
});
