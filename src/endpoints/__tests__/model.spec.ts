import { EndpointStatus, IEndpoint } from '../../tokens';
import { EndpointsModel } from '../model';

/** Endpoints of one backend in memory, counting the calls. */
class FakeBackend implements EndpointsModel.IBackend {
  constructor(
    readonly target: 'local' | 'sagemaker',
    public endpoints: IEndpoint[]
  ) {}
  lists = 0;
  deleted: string[] = [];
  fail: Error | null = null;

  async list(): Promise<IEndpoint[]> {
    this.lists++;
    if (this.fail) {
      throw this.fail;
    }
    return this.endpoints.map(e => ({ ...e, variants: e.variants.map(v => ({ ...v })) }));
  }

  async delete(name: string): Promise<void> {
    this.deleted.push(name);
    this.endpoints = this.endpoints.filter(e => e.name !== name);
  }

  set(name: string, status: EndpointStatus): void {
    this.endpoints = this.endpoints.map(e => (e.name === name ? { ...e, status } : e));
  }
}

function endpoint(name: string, minute: number, status: EndpointStatus = 'InService', target: 'local' | 'sagemaker' = 'sagemaker'): IEndpoint {
  return {
    name,
    target,
    status,
    creationTime: new Date(Date.UTC(2026, 11, 1, 12, minute)),
    variants: [{ name: 'AllTraffic', instanceType: 'ml.m5.large', instanceCount: 1 }]
  };
}

describe('EndpointsModel', () => {
  let sagemaker: FakeBackend;
  let local: FakeBackend;
  let model: EndpointsModel;

  beforeEach(() => {
    sagemaker = new FakeBackend('sagemaker', [endpoint('sm-old', 1), endpoint('sm-new', 5, 'Creating')]);
    local = new FakeBackend('local', [endpoint('local-mid', 3, 'InService', 'local')]);
    model = new EndpointsModel({ backends: [sagemaker, local], autoStart: false, standby: 'never' });
  });

  afterEach(() => {
    model.dispose();
    jest.restoreAllMocks();
  });

  it('merges every backend, newest first', async () => {
    await model.refresh();
    expect(model.endpoints.map(e => e.name)).toEqual(['sm-new', 'local-mid', 'sm-old']);
  });

  it('polls fast while an endpoint is changing, then backs off while nothing changes', async () => {
    const { active, idle, idleMax } = EndpointsModel.DEFAULT_FREQUENCY;
    await model.refresh();
    expect(model.poll.frequency.interval).toBe(active);
    sagemaker.set('sm-new', 'InService');
    let changes = 0;
    model.changed.connect(() => changes++);
    await model.refresh();
    expect(changes).toBe(1);
    expect(model.poll.frequency.interval).toBe(idle);
    const intervals: number[] = [];
    for (let i = 0; i < 6; i++) {
      await model.refresh();
      intervals.push(model.poll.frequency.interval);
    }
    expect(changes).toBe(1); // the same endpoints: no signal
    expect(intervals[0]).toBeGreaterThan(idle);
    expect(intervals[intervals.length - 1]).toBe(idleMax);
  });

  it('lists nothing while the sidebar is hidden', async () => {
    const hidden = new EndpointsModel({ backends: [sagemaker], autoStart: false });
    hidden.watched = false;
    await hidden.start();
    await new Promise(resolve => setTimeout(resolve, 50));
    await hidden.refresh();
    expect(sagemaker.lists).toBe(0);
    hidden.watched = true;
    await hidden.poll.tick;
    expect(sagemaker.lists).toBe(1);
    hidden.dispose();
  });

  it('keeps the endpoints last seen when a backend fails, and says why', async () => {
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    await model.refresh();
    sagemaker.fail = new Error('Listing the endpoints failed: AWS is down');
    await model.refresh();
    expect(model.endpoints.map(e => e.name)).toContain('sm-old');
    expect(model.errors.get('sagemaker')).toMatch(/AWS is down/);
    sagemaker.fail = null;
    await model.refresh();
    expect(model.errors.size).toBe(0);
  });

  it('deletes through the endpoint’s backend and forgets the selection', async () => {
    await model.refresh();
    model.select('local-mid');
    await model.delete('local-mid');
    expect(local.deleted).toEqual(['local-mid']);
    expect(sagemaker.deleted).toEqual([]);
    expect(model.selected).toBeNull();
    await model.refresh();
    expect(model.endpoints.map(e => e.name)).toEqual(['sm-new', 'sm-old']);
    await expect(model.delete('nope')).rejects.toThrow(/no endpoint named "nope": refresh/);
  });
});
