import { nullTranslator } from '@jupyterlab/translation';
import { JobsModel } from '../../jobs/model';
import { FakeBackend, makeJob } from '../../jobs/__tests__/fakes';
import { RunningJobsStatus } from '../runningJobsStatus';

describe('RunningJobsStatus', () => {
  it('counts the jobs that run, queue or stop, and opens the sidebar on a click', async () => {
    const backend = new FakeBackend('local', [
      makeJob({ name: 'a', status: 'InProgress' }),
      makeJob({ name: 'b', status: 'Completed' })
    ]);
    const model = new JobsModel({ backends: [backend], autoStart: false });
    await model.refresh();
    let opened = 0;
    const item = new RunningJobsStatus(model, nullTranslator.load('jupyterlab'), () => opened++);
    expect(item.node.textContent).toBe('1 training job running');

    backend.jobs = [
      makeJob({ name: 'a', status: 'InProgress' }),
      makeJob({ name: 'b', status: 'Completed' }),
      makeJob({ name: 'c', status: 'Stopping' }),
      makeJob({ name: 'd', status: 'InProgress', queuePosition: 1 })
    ];
    await model.refresh();
    expect(item.node.textContent).toBe('3 training jobs running');
    expect(item.node.dataset.count).toBe('3');

    item.node.click();
    expect(opened).toBe(1);
    item.dispose();
    model.dispose();
  });
});
