import { Notification } from '@jupyterlab/apputils';
import { nullTranslator } from '@jupyterlab/translation';
import { JobEndings } from '../../jobs/endings';
import { JobsModel } from '../../jobs/model';
import { FakeBackend, makeJob } from '../../jobs/__tests__/fakes';
import { announceJobEndings } from '../jobNotices';

describe('announceJobEndings', () => {
  it('notifies each ending with its kind and an Open action that opens the job', async () => {
    const backend = new FakeBackend('local', [
      makeJob({ name: 'a', status: 'InProgress' }),
      makeJob({ name: 'b', status: 'InProgress' }),
      makeJob({ name: 'c', status: 'InProgress' })
    ]);
    const model = new JobsModel({ backends: [backend], autoStart: false });
    await model.refresh();
    const opened: string[] = [];
    announceJobEndings(new JobEndings(model), nullTranslator.load('jupyterlab'), name => opened.push(name));
    Notification.dismiss();
    backend.jobs = [
      makeJob({ name: 'a', status: 'Completed' }),
      makeJob({ name: 'b', status: 'Failed', failureReason: 'ValueError: bad label' }),
      makeJob({ name: 'c', status: 'Stopped' })
    ];
    await model.refresh();
    const shown = Notification.manager.notifications.map(n => [n.type, n.message]);
    expect(shown.sort()).toEqual([
      ['error', 'Training job b failed: ValueError: bad label'],
      ['success', 'Training job a completed.'],
      ['warning', 'Training job c stopped.']
    ]);
    const failed = Notification.manager.notifications.find(n => n.type === 'error')!;
    expect(failed.options.autoClose).toBe(false);
    failed.options.actions![0].callback(new MouseEvent('click'));
    expect(opened).toEqual(['b']);
    model.dispose();
  });
});
