/**
 * @jest-environment ./src/aws/__tests__/jsdomWithStreams.js
 */
import { getAwsConfig } from '../../api/awsConfig';
import { createAwsClients } from '../../aws/clients';
import { e2eServer } from '../../aws/__tests__/e2eServer';
import {
  checkScaling,
  readScaling,
  removeScaling,
  setScaling,
  whyNoScaling
} from '../autoscaling';

/** Application Auto Scaling through the real signing proxy to moto (scripts/aws-stack.sh). */
const { serverSettings } = e2eServer();

describe('endpoint autoscaling through the proxy', () => {
  it('sets, reads back, changes and removes a variant scaling', async () => {
    const config = await getAwsConfig({ serverSettings });
    const { autoscaling } = createAwsClients({ region: config.region!, serverSettings });
    const endpoint = `scaled-${Date.now()}`;
    const variant = { name: 'AllTraffic', instanceType: 'ml.m5.large', instanceCount: 1 };

    expect(await readScaling(autoscaling, endpoint, 'AllTraffic')).toBeNull();
    await setScaling(autoscaling, endpoint, variant, {
      minInstances: 1,
      maxInstances: 4,
      invocationsPerInstance: 70
    });
    expect(await readScaling(autoscaling, endpoint, 'AllTraffic')).toEqual({
      minInstances: 1,
      maxInstances: 4,
      invocationsPerInstance: 70
    });

    await setScaling(autoscaling, endpoint, variant, {
      minInstances: 2,
      maxInstances: 6,
      invocationsPerInstance: 100
    });
    expect(await readScaling(autoscaling, endpoint, 'AllTraffic')).toEqual({
      minInstances: 2,
      maxInstances: 6,
      invocationsPerInstance: 100
    });

    await removeScaling(autoscaling, endpoint, 'AllTraffic');
    expect(await readScaling(autoscaling, endpoint, 'AllTraffic')).toBeNull();
  });

  it('refuses burstable instances and serverless endpoints before asking AWS, saying why', async () => {
    const { autoscaling } = createAwsClients({ region: 'us-east-1', serverSettings });
    const sent = jest.spyOn(autoscaling, 'send');
    const scaling = { minInstances: 1, maxInstances: 2, invocationsPerInstance: 50 };
    await expect(
      setScaling(autoscaling, 'ep', { name: 'AllTraffic', instanceType: 'ml.t2.medium', instanceCount: 1 }, scaling)
    ).rejects.toThrow(/Burstable instances \(ml\.t2\.medium\) cannot be autoscaled; AWS refuses them/);
    expect(
      whyNoScaling({ name: 'AllTraffic', serverless: { memorySizeInMB: 2048, maxConcurrency: 5 } })
    ).toMatch(/scales by itself/);
    expect(checkScaling({ minInstances: 0, maxInstances: -1, invocationsPerInstance: 0 })).toHaveLength(3);
    expect(sent).not.toHaveBeenCalled();
  });
});
