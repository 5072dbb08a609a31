import { TranslationBundle } from '@jupyterlab/translation';
import React from 'react';
import { IMetricDefinition } from '../../tokens';

/** Metric definitions: a name and a regex with one group per row. */
export function MetricsEditor(props: {
  metrics: IMetricDefinition[];
  trans: TranslationBundle;
  onChange: (metrics: IMetricDefinition[]) => void;
}): JSX.Element {
  const { metrics } = props;
  const set = (i: number, patch: Partial<IMetricDefinition>) =>
    props.onChange(metrics.map((m, j) => (j === i ? { ...m, ...patch } : m)));
  return (
    <div className="jp-SageMakerNLP-rows">
      {metrics.map((metric, i) => (
        <div key={i} className="jp-SageMakerNLP-row">
          <input
            aria-label={props.trans.__('Metric name')}
            value={metric.Name}
            onChange={e => set(i, { Name: e.target.value })}
          />
          <input
            aria-label={props.trans.__('Metric %1 regex', metric.Name)}
            className="jp-SageMakerNLP-regex"
            value={metric.Regex}
            onChange={e => set(i, { Regex: e.target.value })}
          />
          <button
            type="button"
            className="jp-mod-styled"
            onClick={() => props.onChange(metrics.filter((_, j) => j !== i))}
          >
            {props.trans.__('Remove')}
          </button>
        </div>
      ))}
      <button
        type="button"
        className="jp-mod-styled"
        onClick={() => props.onChange([...metrics, { Name: '', Regex: '' }])}
      >
        {props.trans.__('Add metric')}
      </button>
    </div>
  );
}
