import { ReactWidget } from '@jupyterlab/ui-components';
import type { Message } from '@lumino/messaging';

/**
 * A React view drawn again when it is shown or hidden: what it follows
 * (logs, metrics) is read only while someone can see it (`isVisible`).
 */
export abstract class ShownReactWidget extends ReactWidget {
  protected onAfterShow(msg: Message): void {
    super.onAfterShow(msg);
    this.update();
  }

  protected onAfterHide(msg: Message): void {
    super.onAfterHide(msg);
    this.update();
  }
}
