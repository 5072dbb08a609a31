import { InvokeEndpointCommand, SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { errorMessage } from '../errorMessage';
import { Framework, IInvocation } from '../tokens';

/** SageMaker's largest real-time request body. */
export const MAX_INVOKE_BYTES = 6 * 1024 * 1024;

/** What "Try it" sends for what the user typed. */
export interface IInvokeRequest {
  body: string;
  contentType: string;
}

/**
 * The request for a text typed in "Try it": JSON as it is; otherwise, for
 * Hugging Face `{"inputs": text}` (the inference toolkit's shape), and for
 * the other frameworks a JSON list of the one text (the scikit-learn and
 * PyTorch toolkits decode JSON into an array).
 */
export function invokeRequest(text: string, framework: Framework | undefined): IInvokeRequest {
  const contentType = 'application/json';
  if (looksLikeJson(text)) {
    return { body: text, contentType };
  }
  const body = framework === 'huggingface' ? { inputs: text } : [text];
  return { body: JSON.stringify(body), contentType };
}

/** Why a body cannot be sent, naming the fix; null when it can. */
export function invokeBodyProblem(body: string): string | null {
  const bytes = new TextEncoder().encode(body).length;
  return bytes > MAX_INVOKE_BYTES
    ? `The request is ${(bytes / 1024 / 1024).toFixed(1)} MB; an endpoint takes at most 6 MB: send less, or use batch transform for large inputs.`
    : null;
}

/** The CloudWatch log group of an endpoint, where its model's errors are. */
export function endpointLogGroup(name: string): string {
  return `/aws/sagemaker/Endpoints/${name}`;
}

/** InvokeEndpoint through the proxy: the answer as text, with its latency. */
export async function invokeSageMakerEndpoint(
  runtime: SageMakerRuntimeClient,
  name: string,
  request: IInvokeRequest
): Promise<IInvocation> {
  const problem = invokeBodyProblem(request.body);
  if (problem) {
    throw new Error(problem);
  }
  const started = performance.now();
  try {
    const answer = await runtime.send(
      new InvokeEndpointCommand({
        EndpointName: name,
        Body: new TextEncoder().encode(request.body),
        ContentType: request.contentType,
        Accept: 'application/json'
      })
    );
    const body = answer.Body ? new TextDecoder().decode(answer.Body) : '';
    return {
      body,
      contentType: answer.ContentType ?? 'application/octet-stream',
      latencyMs: performance.now() - started
    };
  } catch (error) {
    throw new Error(explainInvokeError(name, error));
  }
}

/** An invoke error in words, naming where to look or what to do. */
export function explainInvokeError(name: string, error: unknown): string {
  const code = (error as { name?: string }).name ?? '';
  const message = errorMessage(error);
  if (code === 'ModelError') {
    return `The model answered with an error: ${message}. Its log is in CloudWatch Logs, group ${endpointLogGroup(name)}.`;
  }
  if (code === 'ValidationError' && /not found/i.test(message)) {
    return `There is no endpoint ${name} in this region: it was deleted, or is in another region.`;
  }
  if (code === 'ValidationError' && /InService|status/i.test(message)) {
    return `Endpoint ${name} is not InService yet: wait until it is, then try again.`;
  }
  return `Invoking ${name} failed: ${message}`;
}

function looksLikeJson(text: string): boolean {
  const trimmed = text.trim();
  if (!/^[[{"]/.test(trimmed)) {
    return false;
  }
  try {
    JSON.parse(trimmed);
    return true;
  } catch {
    return false;
  }
}
