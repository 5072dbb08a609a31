import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';
import { errorMessage } from '../../errorMessage';
import { IEndpointSize } from '../../endpoints/update';
import { IEndpoint } from '../../tokens';
import { NumberField, TextField } from '../dialog/fields';

interface IProps {
  endpoint: IEndpoint;
  resize: (name: string, size: IEndpointSize) => Promise<void>;
  trans: TranslationBundle;
}

/** Update: another instance type or count for a real-time endpoint, without downtime. */
export function Resize({ endpoint, resize, trans }: IProps): JSX.Element | null {
  const variant = endpoint.variants[0];
  const [size, setSize] = React.useState<IEndpointSize>({
    instanceType: variant?.instanceType ?? 'ml.m5.large',
    instanceCount: variant?.instanceCount ?? 1
  });
  const [busy, setBusy] = React.useState(false);
  const [error, setError] = React.useState<string | null>(null);
  if (endpoint.target !== 'sagemaker' || !variant || variant.serverless) {
    return null;
  }
  const unchanged =
    size.instanceType === variant.instanceType && size.instanceCount === variant.instanceCount;
  const why =
    endpoint.status !== 'InService'
      ? trans.__('The endpoint is %1: it can be updated once InService.', endpoint.status)
      : unchanged
        ? trans.__('Change the instance type or count first.')
        : null;
  const update = async () => {
    setBusy(true);
    setError(null);
    try {
      await resize(endpoint.name, size);
    } catch (reason) {
      setError(errorMessage(reason));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="jp-SageMakerNLP-resize" aria-label={trans.__('Update')}>
      <div className="jp-SageMakerNLP-label">{trans.__('Update (no downtime)')}</div>
      <div className="jp-SageMakerNLP-scalingFields">
        <TextField
          label={trans.__('Instance type')}
          name="resizeInstanceType"
          value={size.instanceType}
          onChange={instanceType => setSize({ ...size, instanceType })}
        />
        <NumberField
          label={trans.__('Instance count')}
          name="resizeInstanceCount"
          value={size.instanceCount}
          onChange={instanceCount => setSize({ ...size, instanceCount })}
        />
      </div>
      <button
        type="button"
        className="jp-Button jp-mod-styled jp-mod-accept"
        disabled={!!why || busy}
        title={why ?? trans.__('A new endpoint config, then UpdateEndpoint')}
        onClick={() => void update()}
      >
        {busy ? trans.__('Updating…') : trans.__('Update')}
      </button>
      {error && (
        <div className="jp-SageMakerNLP-error" role="alert">
          {error}
        </div>
      )}
    </section>
  );
}
