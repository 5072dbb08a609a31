import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';
import { checkScaling, IScaling, whyNoScaling } from '../../endpoints/autoscaling';
import { errorMessage } from '../../errorMessage';
import { IEndpoint, IEndpointVariant } from '../../tokens';
import { NumberField } from '../dialog/fields';

/** What the endpoints model does for this view; the view never calls AWS. */
export interface IScalingActions {
  read(endpoint: string, variant: string): Promise<IScaling | null>;
  set(endpoint: string, variant: IEndpointVariant, scaling: IScaling): Promise<void>;
  remove(endpoint: string, variant: string): Promise<void>;
}

interface IProps {
  endpoint: IEndpoint;
  actions: IScalingActions;
  trans: TranslationBundle;
}

const PROPOSED: IScaling = { minInstances: 1, maxInstances: 2, invocationsPerInstance: 70 };

/**
 * Autoscaling of the endpoint's first variant: min and max instances and a
 * target of invocations per instance, shown and editable; why not, where it
 * does not apply (serverless, burstable types).
 */
export function Autoscaling({ endpoint, actions, trans }: IProps): JSX.Element | null {
  const variant = endpoint.variants[0];
  const [current, setCurrent] = React.useState<IScaling | null | undefined>(undefined);
  const [draft, setDraft] = React.useState<IScaling>(PROPOSED);
  const [busy, setBusy] = React.useState(false);
  const [error, setError] = React.useState<string | null>(null);
  const why = variant ? whyNoScaling(variant) : null;

  React.useEffect(() => {
    let live = true;
    setCurrent(undefined);
    setError(null);
    if (!variant || why || endpoint.target !== 'sagemaker') {
      return;
    }
    actions.read(endpoint.name, variant.name).then(
      scaling => {
        if (live) {
          setCurrent(scaling);
          setDraft(scaling ?? { ...PROPOSED, minInstances: variant.instanceCount ?? 1 });
        }
      },
      reason => live && setError(errorMessage(reason))
    );
    return () => {
      live = false;
    };
  }, [endpoint.name, variant?.name, why]);

  if (!variant || endpoint.target !== 'sagemaker') {
    return null;
  }
  const run = async (action: () => Promise<void>, after: IScaling | null) => {
    setBusy(true);
    setError(null);
    try {
      await action();
      setCurrent(after);
    } catch (reason) {
      setError(errorMessage(reason));
    } finally {
      setBusy(false);
    }
  };
  const problems = checkScaling(draft);
  return (
    <section className="jp-SageMakerNLP-autoscaling" aria-label={trans.__('Autoscaling')}>
      <div className="jp-SageMakerNLP-label">{trans.__('Autoscaling')}</div>
      {why ? (
        <p className="jp-SageMakerNLP-note">{why}</p>
      ) : (
        <>
          <p className="jp-SageMakerNLP-note" data-scaling={current ? 'on' : 'off'}>
            {current === undefined
              ? trans.__('Reading…')
              : current
                ? trans.__(
                    '%1 to %2 instances, aiming at %3 invocations per instance and minute.',
                    current.minInstances,
                    current.maxInstances,
                    current.invocationsPerInstance
                  )
                : trans.__('Off: the endpoint keeps %1 instance(s).', variant.instanceCount ?? 1)}
          </p>
          <div className="jp-SageMakerNLP-scalingFields">
            <NumberField
              label={trans.__('Min instances')}
              name="minInstances"
              value={draft.minInstances}
              onChange={minInstances => setDraft({ ...draft, minInstances })}
            />
            <NumberField
              label={trans.__('Max instances')}
              name="maxInstances"
              value={draft.maxInstances}
              onChange={maxInstances => setDraft({ ...draft, maxInstances })}
            />
            <NumberField
              label={trans.__('Invocations per instance')}
              name="invocationsPerInstance"
              value={draft.invocationsPerInstance}
              onChange={invocationsPerInstance => setDraft({ ...draft, invocationsPerInstance })}
            />
          </div>
          <div className="jp-SageMakerNLP-tryItBar">
            <button
              type="button"
              className="jp-Button jp-mod-styled jp-mod-accept"
              disabled={busy || problems.length > 0 || current === undefined}
              title={problems[0] ?? trans.__('Register the target and its target-tracking policy')}
              onClick={() => void run(() => actions.set(endpoint.name, variant, draft), draft)}
            >
              {current ? trans.__('Change') : trans.__('Turn on')}
            </button>
            {current && (
              <button
                type="button"
                className="jp-Button jp-mod-styled jp-mod-reject"
                disabled={busy}
                onClick={() => void run(() => actions.remove(endpoint.name, variant.name), null)}
              >
                {trans.__('Turn off')}
              </button>
            )}
          </div>
        </>
      )}
      {error && (
        <div className="jp-SageMakerNLP-error" role="alert">
          {error}
        </div>
      )}
    </section>
  );
}
