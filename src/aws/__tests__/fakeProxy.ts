import { createServer, IncomingHttpHeaders, Server } from 'http';
import { AddressInfo } from 'net';

/** A request as the fake proxy received it. */
export interface IReceived {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface IAnswer {
  status: number;
  contentType?: string;
  body: string;
  headers?: Record<string, string>;
}

/**
 * A tiny HTTP server standing where the Jupyter server's signing proxy
 * stands: records every request and answers from a queue (the last answer
 * repeats).
 */
export class FakeProxy {
  readonly received: IReceived[] = [];

  async start(): Promise<string> {
    this._server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', chunk => chunks.push(chunk as Buffer));
      request.on('end', () => {
        this.received.push({
          method: request.method ?? '',
          url: request.url ?? '',
          headers: request.headers,
          body: Buffer.concat(chunks)
        });
        const answer =
          this._answers.length > 1 ? this._answers.shift()! : this._answers[0];
        response.writeHead(answer.status, {
          'Content-Type': answer.contentType ?? 'application/x-amz-json-1.1',
          ...answer.headers
        });
        response.end(answer.body);
      });
    });
    await new Promise<void>(resolve =>
      this._server!.listen(0, '127.0.0.1', resolve)
    );
    const { port } = this._server.address() as AddressInfo;
    return `http://127.0.0.1:${port}/user/me/`;
  }

  /** Answer the next requests with these, in order. */
  answer(...answers: IAnswer[]): void {
    this._answers = answers;
  }

  async stop(): Promise<void> {
    await new Promise(resolve => this._server?.close(resolve));
  }

  private _server: Server | null = null;
  private _answers: IAnswer[] = [{ status: 200, body: '{}' }];
}
