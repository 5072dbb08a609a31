import type {
  DeserializeMiddleware,
  FinalizeRequestMiddleware,
  HandlerExecutionContext,
  Pluggable
} from '@smithy/types';
import { SERVER_EXTENSION_MISSING } from '../api/request';

/**
 * Middleware that makes an AWS SDK v3 client talk to the Jupyter server's
 * signing proxy instead of AWS: Jupyter's credentials instead of an AWS
 * signature, the proxy's own refusals as readable errors, and a word when
 * AWS throttles.
 */

/** The Jupyter side of a request: what `ServerConnection.makeRequest` would send. */
export interface IJupyterAuth {
  /** The server token; empty when the server relies on its cookie. */
  token: string;
  /** The `_xsrf` cookie; read at each request by default. */
  xsrfToken?: () => string | undefined;
}

/** A retry after AWS throttled a request. */
export interface IThrottleEvent {
  /** The proxy's service name, e.g. `sagemaker`. */
  service: string;
  /** The SDK command, e.g. `ListTrainingJobsCommand`. */
  operation: string;
  /** The attempt that was throttled (1 = the first). */
  attempt: number;
  maxAttempts: number;
}

/**
 * An answer of the proxy itself or of the Jupyter server (refused, no
 * credentials, AWS unreachable, not logged in), not of AWS.
 */
export class ProxyError extends Error {
  constructor(
    message: string,
    /** The HTTP status the browser received. */
    readonly status: number,
    /** The proxy's `reason` (`refused`, `no-credentials`, `unreachable`…), or `jupyter`. */
    readonly reason: string
  ) {
    super(message);
    this.name = 'ProxyError';
  }
}

/** The reasons the proxy gives in its own JSON answers (docs/aws-api.md). */
const PROXY_REASONS = new Set([
  'refused',
  'too-large',
  'bad-request',
  'no-region',
  'no-credentials',
  'unreachable',
  'timeout'
]);

/** Error codes the SDK's standard retry strategy treats as throttling. */
const THROTTLING_CODES = new Set([
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'RequestThrottledException',
  'TooManyRequestsException',
  'ProvisionedThroughputExceededException',
  'TransactionInProgressException',
  'RequestLimitExceeded',
  'BandwidthLimitExceeded',
  'LimitExceededException',
  'RequestThrottled',
  'SlowDown',
  'PriorRequestNotComplete',
  'EC2ThrottledException'
]);

/** True when AWS answered "slow down" (the SDK retries these with back-off). */
export function isThrottlingError(error: unknown): boolean {
  const e = error as {
    name?: string;
    $metadata?: { httpStatusCode?: number };
    $retryable?: { throttling?: boolean };
  };
  return (
    THROTTLING_CODES.has(e?.name ?? '') ||
    e?.$metadata?.httpStatusCode === 429 ||
    e?.$retryable?.throttling === true
  );
}

/** The value of a cookie of this page, if any. */
export function readCookie(name: string): string | undefined {
  if (typeof document === 'undefined') {
    return undefined;
  }
  const match = document.cookie.match(
    new RegExp(`(?:^|;\\s*)${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}=([^;]*)`)
  );
  return match ? decodeURIComponent(match[1]) : undefined;
}

/**
 * Replaces the AWS signature with Jupyter's own authentication, as
 * `ServerConnection.makeRequest` does: the proxy throws the signature away
 * and signs anew with the server's credentials.
 */
export function jupyterAuthMiddleware(
  auth: IJupyterAuth
): FinalizeRequestMiddleware<object, object> {
  const xsrf = auth.xsrfToken ?? (() => readCookie('_xsrf'));
  return next => async args => {
    const request = args.request as { headers?: Record<string, string> };
    if (request.headers) {
      for (const name of Object.keys(request.headers)) {
        const lower = name.toLowerCase();
        if (lower === 'authorization' || lower === 'x-amz-security-token') {
          delete request.headers[name];
        }
      }
      if (auth.token) {
        request.headers['authorization'] = `token ${auth.token}`;
      }
      const xsrfToken = xsrf();
      if (xsrfToken) {
        request.headers['X-XSRFToken'] = xsrfToken;
      }
    }
    return next(args);
  };
}

/**
 * Turns answers that come from the proxy or the Jupyter server, not from
 * AWS, into a ProxyError with their own message, before the SDK's
 * deserializer reads them as a malformed AWS error.
 */
export function proxyAnswerMiddleware(): DeserializeMiddleware<object, object> {
  return next => async args => {
    const result = await next(args);
    const response = result.response as {
      statusCode?: number;
      headers?: Record<string, string>;
      body?: unknown;
    };
    const status = response?.statusCode ?? 0;
    if (status < 400 || !response.body) {
      return result;
    }
    const contentType = headerValue(response.headers, 'content-type');
    const isJson = contentType.includes('json');
    const isHtml = contentType.includes('html');
    if (!isJson && !isHtml) {
      return result;
    }
    const text = await new Response(response.body as BodyInit).text();
    // Hand the bytes back: the SDK's deserializer reads AWS's own errors.
    response.body = new TextEncoder().encode(text);
    if (isHtml) {
      throw new ProxyError(jupyterPageMessage(status), status, 'jupyter');
    }
    let parsed: { message?: unknown; reason?: unknown; __type?: unknown };
    try {
      parsed = JSON.parse(text);
    } catch {
      return result;
    }
    if (
      parsed &&
      parsed.__type === undefined &&
      typeof parsed.message === 'string' &&
      typeof parsed.reason === 'string' &&
      PROXY_REASONS.has(parsed.reason)
    ) {
      throw new ProxyError(parsed.message, status, parsed.reason);
    }
    return result;
  };
}

/**
 * Calls `onThrottle` each time AWS throttles a request that the retry
 * strategy will try again. Sits inside the retry loop, so it sees every
 * attempt's error.
 */
export function throttleMiddleware(
  service: string,
  onThrottle: (event: IThrottleEvent) => void
): FinalizeRequestMiddleware<object, object> {
  return (next, context: HandlerExecutionContext) => async args => {
    try {
      return await next(args);
    } catch (error) {
      if (isThrottlingError(error)) {
        const headers =
          (args.request as { headers?: Record<string, string> }).headers ?? {};
        const match = /attempt=(\d+);\s*max=(\d+)/.exec(
          headerValue(headers, 'amz-sdk-request')
        );
        const attempt = match ? Number(match[1]) : 1;
        const maxAttempts = match ? Number(match[2]) : 1;
        if (attempt < maxAttempts) {
          try {
            onThrottle({
              service,
              operation: context.commandName ?? 'unknown',
              attempt,
              maxAttempts
            });
          } catch (hookError) {
            console.error('sagemaker-nlp: throttle hook failed', hookError);
          }
        }
      }
      throw error;
    }
  };
}

/** All three, placed where they must be in the client's stack. */
export function proxyPlugin(options: {
  service: string;
  auth: IJupyterAuth;
  onThrottle?: (event: IThrottleEvent) => void;
}): Pluggable<object, object> {
  return {
    applyToStack: stack => {
      // After signing, or the signer would put its signature back.
      stack.addRelativeTo(jupyterAuthMiddleware(options.auth), {
        relation: 'after',
        toMiddleware: 'httpSigningMiddleware',
        name: 'jupyterAuthMiddleware',
        override: true
      });
      // Inside the deserializer: sees the raw answer first.
      stack.addRelativeTo(proxyAnswerMiddleware(), {
        relation: 'after',
        toMiddleware: 'deserializerMiddleware',
        name: 'proxyAnswerMiddleware',
        override: true
      });
      if (options.onThrottle) {
        stack.addRelativeTo(
          throttleMiddleware(options.service, options.onThrottle),
          {
            relation: 'after',
            toMiddleware: 'retryMiddleware',
            name: 'throttleMiddleware',
            override: true
          }
        );
      }
    }
  };
}

function headerValue(
  headers: Record<string, string> | undefined,
  name: string
): string {
  for (const [key, value] of Object.entries(headers ?? {})) {
    if (key.toLowerCase() === name) {
      return value;
    }
  }
  return '';
}

function jupyterPageMessage(status: number): string {
  if (status === 404) {
    return `${SERVER_EXTENSION_MISSING} (its AWS proxy answered HTTP 404).`;
  }
  if (status === 403 || status === 401) {
    return `The Jupyter server refused the request (HTTP ${status}): reload the page and log in again`;
  }
  return `The Jupyter server answered HTTP ${status} instead of AWS: check its log`;
}
