import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';
import { errorMessage } from '../../errorMessage';
import { invokeBodyProblem, invokeRequest } from '../../endpoints/invoke';
import { IEndpoint, IInvocation } from '../../tokens';

interface IProps {
  endpoint: IEndpoint;
  /** The endpoints model's invoke: the view never calls AWS itself. */
  invoke: (name: string, body: string, contentType: string) => Promise<IInvocation>;
  trans: TranslationBundle;
}

/**
 * "Try it": a text box whose text goes to the endpoint in the shape its
 * framework's toolkit reads (JSON as typed); the answer pretty-printed, with
 * its latency.
 */
export function TryIt({ endpoint, invoke, trans }: IProps): JSX.Element {
  const [text, setText] = React.useState('');
  const [sending, setSending] = React.useState(false);
  const [answer, setAnswer] = React.useState<IInvocation | null>(null);
  const [error, setError] = React.useState<string | null>(null);
  React.useEffect(() => {
    setAnswer(null);
    setError(null);
  }, [endpoint.name]);

  const request = invokeRequest(text, endpoint.framework);
  const why =
    endpoint.status !== 'InService'
      ? trans.__('The endpoint is %1: it answers once InService.', endpoint.status)
      : text.trim() === ''
        ? trans.__('Type an input first.')
        : invokeBodyProblem(request.body);
  const send = async () => {
    setSending(true);
    setError(null);
    try {
      setAnswer(await invoke(endpoint.name, request.body, request.contentType));
    } catch (reason) {
      setAnswer(null);
      setError(errorMessage(reason));
    } finally {
      setSending(false);
    }
  };
  return (
    <section className="jp-SageMakerNLP-tryIt" aria-label={trans.__('Try it')}>
      <div className="jp-SageMakerNLP-label">{trans.__('Try it')}</div>
      <textarea
        className="jp-mod-styled jp-SageMakerNLP-tryItInput"
        aria-label={trans.__('Input for the endpoint')}
        placeholder={trans.__('A text to classify, or a JSON body')}
        value={text}
        rows={3}
        onChange={event => setText(event.target.value)}
        onKeyDown={event => {
          if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && !why && !sending) {
            void send();
          }
        }}
      />
      <div className="jp-SageMakerNLP-tryItBar">
        <button
          type="button"
          className="jp-Button jp-mod-styled jp-mod-accept"
          disabled={!!why || sending}
          title={why ?? trans.__('Send (Ctrl+Enter) as %1', request.contentType)}
          onClick={() => void send()}
        >
          {sending ? trans.__('Sending…') : trans.__('Send')}
        </button>
        {answer && (
          <span className="jp-SageMakerNLP-tryItLatency">
            {trans.__('%1 ms', answer.latencyMs.toFixed(0))}
          </span>
        )}
      </div>
      {error && (
        <div className="jp-SageMakerNLP-error" role="alert">
          {error}
        </div>
      )}
      {answer && <pre className="jp-SageMakerNLP-tryItAnswer">{pretty(answer)}</pre>}
    </section>
  );
}

/** A JSON answer indented; anything else as it came. */
function pretty(answer: IInvocation): string {
  if (/json/.test(answer.contentType)) {
    try {
      return JSON.stringify(JSON.parse(answer.body), null, 2);
    } catch {
      // Not JSON after all: show it as it is.
    }
  }
  return answer.body;
}
