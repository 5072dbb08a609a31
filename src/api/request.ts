import { URLExt } from '@jupyterlab/coreutils';
import { ServerConnection } from '@jupyterlab/services';

/** The URL namespace of the server extension. */
export const API_NAMESPACE = 'sagemaker-nlp';

/** What the user must do when the server extension does not answer. */
export const SERVER_EXTENSION_MISSING =
  'The jupyterlab-sagemaker-nlp server extension is not answering: run ' +
  '`pip install jupyterlab-sagemaker-nlp` and restart JupyterLab';

/**
 * A failed call to the server extension. `message` is the server's own
 * explanation (its JSON `message`) or, when the answer is not JSON, what to do.
 */
export class APIError extends Error {
  constructor(
    message: string,
    /** The HTTP status; 0 when the server could not be reached at all. */
    readonly status: number,
    /** The raw body of the answer, for developer logs. */
    readonly body = ''
  ) {
    super(message);
    this.name = 'APIError';
  }
}

/**
 * Call the server extension at `<baseUrl>/sagemaker-nlp/<endPoint>` and
 * return its JSON answer (`undefined` for an empty body).
 *
 * `ServerConnection.makeRequest` adds the token and the XSRF header.
 */
export async function requestAPI<T>(
  endPoint = '',
  init: RequestInit = {},
  settings: ServerConnection.ISettings = ServerConnection.makeSettings()
): Promise<T> {
  const url = URLExt.join(settings.baseUrl, API_NAMESPACE, endPoint);
  let response: Response;
  try {
    response = await ServerConnection.makeRequest(url, init, settings);
  } catch (error) {
    throw new APIError(
      `Could not reach the Jupyter server (${String(error)}).`,
      0
    );
  }
  const body = await response.text();
  if (!response.ok) {
    throw new APIError(errorMessage(response, body), response.status, body);
  }
  if (body.length === 0) {
    return undefined as T;
  }
  try {
    return JSON.parse(body) as T;
  } catch {
    // A 2xx that is not JSON comes from something else than our handlers.
    throw new APIError(SERVER_EXTENSION_MISSING, response.status, body);
  }
}

/**
 * The version of the server extension, or `null` when it does not answer
 * (not installed, not enabled, or the server is down).
 */
export async function checkServerExtension(
  settings?: ServerConnection.ISettings
): Promise<{ version: string } | null> {
  try {
    const answer = await requestAPI<{ version?: unknown }>(
      'health',
      { method: 'GET' },
      settings
    );
    return typeof answer?.version === 'string'
      ? { version: answer.version }
      : null;
  } catch (error) {
    console.error('jupyterlab-sagemaker-nlp: health check failed', error);
    return null;
  }
}

/** The message of a non-2xx answer: the server's own, or what to do. */
function errorMessage(response: Response, body: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    // HTML (jupyter_server's 404 page) or nothing: our handlers are missing.
    return `${SERVER_EXTENSION_MISSING} (HTTP ${response.status}).`;
  }
  if (
    parsed !== null &&
    typeof parsed === 'object' &&
    typeof (parsed as { message?: unknown }).message === 'string' &&
    (parsed as { message: string }).message.length > 0
  ) {
    return (parsed as { message: string }).message;
  }
  return `The server answered ${response.status} ${response.statusText}`.trim();
}
