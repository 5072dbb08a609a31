import type { ILogPage, ILogStream } from '../tokens';
import { requestAPI } from './request';
import type { ServerConnection } from '@jupyterlab/services';

/**
 * The log of something the Jupyter server runs — a local job, a local
 * transform — through its `<path>/streams` and `<path>/logs` routes, in the
 * shapes CloudWatch Logs answers (docs/local-api.md).
 */
export class LocalLogs {
  constructor(private _settings?: ServerConnection.ISettings) {}

  /** The server is the one host: a stream is named after it. */
  async streams(path: string): Promise<ILogStream[]> {
    const answer = await requestAPI<LocalLogs.IStreams>(`local/${path}/streams`, {}, this._settings);
    return (answer?.logStreams ?? []).map(stream => ({
      name: stream.logStreamName,
      host: stream.logStreamName
    }));
  }

  async page(path: string, stream: string, nextToken?: string): Promise<ILogPage> {
    const query = new URLSearchParams({ stream });
    if (nextToken) {
      query.set('nextToken', nextToken);
    }
    const answer = await requestAPI<LocalLogs.IEvents>(`local/${path}/logs?${query}`, {}, this._settings);
    return {
      events: (answer?.events ?? []).map(event => ({
        timestamp: event.timestamp,
        message: event.message
      })),
      // Keep the caller's place when the server has nothing to say.
      nextToken: answer?.nextForwardToken ?? nextToken ?? ''
    };
  }
}

export namespace LocalLogs {
  /** GET …/streams */
  export interface IStreams {
    logStreams: { logStreamName: string; creationTime?: string }[];
  }

  /** GET …/logs */
  export interface IEvents {
    events: { timestamp: number; message: string }[];
    nextForwardToken: string;
  }
}
