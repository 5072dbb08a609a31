import { Dialog, Notification, showDialog } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';
import { deleteIcon, refreshIcon } from '@jupyterlab/ui-components';
import { CommandRegistry } from '@lumino/commands';
import { EndpointsModel } from '../endpoints/model';
import { errorMessage } from '../errorMessage';
import { IEndpoint } from '../tokens';
import { modelNames } from '../ui/endpoints/format';
import { CommandIDs } from './ids';

/** States in which SageMaker refuses DeleteEndpoint, or it is already under way. */
const NOT_DELETABLE = new Set(['Deleting']);

/**
 * Refresh and Delete of the Endpoints sidebar as commands. `delete-endpoint`
 * takes `{name}`, else the selected endpoint, and asks first, naming what
 * goes: the endpoint, its config and its model.
 */
export function addEndpointCommands(
  commands: CommandRegistry,
  model: EndpointsModel,
  trans: TranslationBundle,
  show: () => void
): void {
  const endpointNamed = (args: { name?: unknown }): IEndpoint | undefined => {
    const name = typeof args.name === 'string' ? args.name : model.selected;
    return model.endpoints.find(e => e.name === name);
  };
  commands.addCommand(CommandIDs.openEndpoints, {
    label: trans.__('Show Endpoints'),
    execute: show
  });
  commands.addCommand(CommandIDs.refreshEndpoints, {
    label: trans.__('Refresh Endpoints'),
    caption: trans.__('Refresh the endpoints'),
    icon: refreshIcon,
    execute: () => model.refresh()
  });
  commands.addCommand(CommandIDs.deleteEndpoint, {
    label: trans.__('Delete Endpoint'),
    caption: args => {
      const endpoint = endpointNamed(args);
      return endpoint
        ? trans.__('Delete %1 with its config and model', endpoint.name)
        : trans.__('Select an endpoint to delete');
    },
    icon: deleteIcon,
    isEnabled: args => {
      const endpoint = endpointNamed(args);
      return !!endpoint && !NOT_DELETABLE.has(endpoint.status);
    },
    execute: async args => {
      const endpoint = endpointNamed(args);
      if (!endpoint) {
        return false;
      }
      const result = await showDialog({
        title: trans.__('Delete endpoint %1?', endpoint.name),
        body: deletionText(endpoint, trans),
        buttons: [
          Dialog.cancelButton({ label: trans.__('Cancel') }),
          Dialog.warnButton({ label: trans.__('Delete') })
        ]
      });
      if (!result.button.accept) {
        return false;
      }
      try {
        await model.delete(endpoint.name);
        Notification.success(trans.__('Endpoint %1 deleted.', endpoint.name), { autoClose: 3000 });
        return true;
      } catch (error) {
        console.error(`jupyterlab-sagemaker-nlp: deleting ${endpoint.name} failed`, error);
        Notification.error(trans.__('Could not delete %1: %2', endpoint.name, errorMessage(error)));
        return false;
      }
    }
  });
  const changed = () => commands.notifyCommandChanged(CommandIDs.deleteEndpoint);
  model.changed.connect(changed);
  model.selectedChanged.connect(changed);
}

/** What the deletion removes, by name; a local endpoint only stops. */
export function deletionText(endpoint: IEndpoint, trans: TranslationBundle): string {
  if (endpoint.target === 'local') {
    return trans.__('The local endpoint %1 will be stopped and removed.', endpoint.name);
  }
  const models = modelNames(endpoint);
  const parts = [trans.__('the endpoint %1', endpoint.name)];
  if (endpoint.configName) {
    parts.push(trans.__('its config %1', endpoint.configName));
  }
  if (models.length > 0) {
    parts.push(trans.__('its model %1', models.join(', ')));
  }
  return trans.__('This deletes %1. It cannot be undone.', parts.join(', '));
}
