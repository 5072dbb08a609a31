import { Notification } from '@jupyterlab/apputils';
import { nullTranslator } from '@jupyterlab/translation';
import { FakeTransforms, transform } from '../../transform/__tests__/fakes';
import { TransformsModel } from '../../transform/model';
import { announceTransformEndings } from '../transformNotices';

describe('announceTransformEndings', () => {
  it('notifies each transform seen running that ends, with Show; not the ones already ended', async () => {
    const backend = new FakeTransforms('local', [
      transform('a', 1, 'InProgress', 'local'),
      transform('b', 2, 'InProgress', 'local'),
      transform('old', 0, 'Failed', 'local')
    ]);
    const model = new TransformsModel({ backends: [backend], autoStart: false, standby: 'never' });
    await model.refresh();
    const shown: string[] = [];
    announceTransformEndings(model, nullTranslator.load('jupyterlab'), name => shown.push(name));
    Notification.dismiss();
    backend.transforms = [
      { ...transform('a', 1, 'Completed', 'local'), output: 'data/transform-output/a' },
      { ...transform('b', 2, 'Failed', 'local'), failureReason: 'reviews.csv record 3: bad input' },
      transform('old', 0, 'Failed', 'local')
    ];
    await model.refresh();
    const notes = Notification.manager.notifications.map(n => [n.type, n.message]);
    expect(notes.sort()).toEqual([
      ['error', 'Batch transform b failed: reviews.csv record 3: bad input'],
      ['success', 'Batch transform a completed: its answers are in data/transform-output/a.']
    ]);
    Notification.manager.notifications.find(n => n.type === 'error')!.options.actions![0].callback(new MouseEvent('click'));
    expect(shown).toEqual(['b']);
    model.dispose();
  });
});
