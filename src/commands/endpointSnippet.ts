import { Notification } from '@jupyterlab/apputils';
import { INotebookTracker, NotebookActions } from '@jupyterlab/notebook';
import { TranslationBundle } from '@jupyterlab/translation';
import { CommandRegistry } from '@lumino/commands';
import { EndpointsModel } from '../endpoints/model';
import { endpointSnippet } from '../endpoints/snippet';
import { IAwsSession } from '../tokens';
import { CommandIDs } from './ids';

/** "Call it from the notebook": a new cell, below the active one, with code that calls the endpoint. */
export function addEndpointSnippetCommand(
  commands: CommandRegistry,
  model: EndpointsModel,
  notebooks: INotebookTracker,
  session: IAwsSession,
  trans: TranslationBundle
): void {
  const endpointNamed = (args: { name?: unknown }) => {
    const name = typeof args.name === 'string' ? args.name : model.selected;
    return model.endpoints.find(endpoint => endpoint.name === name);
  };
  commands.addCommand(CommandIDs.insertEndpointSnippet, {
    label: trans.__('Call the Endpoint from the Notebook'),
    caption: args =>
      !endpointNamed(args)
        ? trans.__('Select an endpoint')
        : !notebooks.currentWidget
          ? trans.__('Open a notebook to insert the code into')
          : trans.__('Insert a cell that calls the endpoint (boto3 and the SDK Predictor)'),
    isEnabled: args => !!endpointNamed(args) && !!notebooks.currentWidget,
    execute: args => {
      const endpoint = endpointNamed(args);
      const panel = notebooks.currentWidget;
      if (!endpoint || !panel) {
        return;
      }
      NotebookActions.insertBelow(panel.content);
      NotebookActions.changeCellType(panel.content, 'code');
      panel.content.activeCell?.model.sharedModel.setSource(
        endpointSnippet(endpoint, session.current?.region ?? null)
      );
      Notification.success(
        trans.__('A cell that calls %1 is in %2.', endpoint.name, panel.context.path),
        { autoClose: 4000 }
      );
    }
  });
}
