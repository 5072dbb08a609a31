import { JobsModel } from '../model';
import { JobEndings } from '../endings';
import { FakeBackend, makeJob } from './fakes';

describe('JobEndings', () => {
  it('tells of each job seen running that ends, once, and not of jobs first seen ended', async () => {
    const backend = new FakeBackend('local', [
      makeJob({ name: 'old', status: 'Completed' }),
      makeJob({ name: 'run', status: 'InProgress' }),
      makeJob({ name: 'bad', status: 'InProgress' })
    ]);
    const model = new JobsModel({ backends: [backend], autoStart: false });
    await model.refresh();
    const endings = new JobEndings(model);
    const ended: string[] = [];
    endings.ended.connect((_, job) => void ended.push(`${job.name}:${job.status}`));

    await model.refresh();
    expect(ended).toEqual([]);
    backend.jobs = [
      makeJob({ name: 'old', status: 'Completed' }),
      makeJob({ name: 'run', status: 'Completed' }),
      makeJob({ name: 'bad', status: 'Failed', failureReason: 'boom' }),
      makeJob({ name: 'new', status: 'Stopped' })
    ];
    await model.refresh();
    await model.refresh();
    expect(ended.sort()).toEqual(['bad:Failed', 'run:Completed']);
    endings.dispose();
    model.dispose();
  });
});
