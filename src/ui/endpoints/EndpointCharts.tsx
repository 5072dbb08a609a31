import { TranslationBundle } from '@jupyterlab/translation';
import * as React from 'react';
import { EndpointsModel } from '../../endpoints/model';
import { INVOCATION_METRICS } from '../../endpoints/endpointMetrics';
import { MetricsFollower } from '../../jobs/metrics';
import { IEndpoint } from '../../tokens';
import { MetricChart } from '../charts/MetricChart';
import { useSignals } from '../sidebar/hooks';
import { linesByName } from '../sidebar/MetricCharts';

interface IProps {
  model: EndpointsModel;
  endpoint: IEndpoint;
  trans: TranslationBundle;
}

const ORDER = [...INVOCATION_METRICS.map(([name]) => name), 'CPUUtilization', 'MemoryUtilization'];

/**
 * The endpoint's invocations, latencies, errors and instance use, one chart
 * per metric and a line per variant; read at most once a minute (CloudWatch's
 * period) while the endpoint is in service.
 */
export function EndpointCharts({ model, endpoint, trans }: IProps): JSX.Element | null {
  const [follower, setFollower] = React.useState<MetricsFollower | null>(null);
  React.useEffect(() => {
    const created = new MetricsFollower({
      model,
      jobName: endpoint.name,
      ...MetricsFollower.timingFor('sagemaker')
    });
    setFollower(created);
    return () => created.dispose();
  }, [model, endpoint.name]);
  React.useEffect(() => {
    follower?.follow(endpoint.status === 'InService');
  }, [follower, endpoint.status]);
  if (endpoint.target !== 'sagemaker' || !follower) {
    return null;
  }
  return <Charts follower={follower} trans={trans} />;
}

function Charts({ follower, trans }: { follower: MetricsFollower; trans: TranslationBundle }): JSX.Element {
  useSignals([follower.changed]);
  const byName = linesByName(follower.lines, ORDER);
  return (
    <section className="jp-SageMakerNLP-chartGroup" data-kind="endpoint">
      <h4 className="jp-SageMakerNLP-chartGroupTitle">{trans.__('Invocations')}</h4>
      {follower.error && (
        <div className="jp-SageMakerNLP-error" role="alert">
          {trans.__('Could not read the metrics: %1', follower.error)}
        </div>
      )}
      {byName.length === 0 && !follower.error && (
        <p className="jp-SageMakerNLP-note">
          {trans.__('No invocations yet: SageMaker publishes a point a minute once the endpoint is called.')}
        </p>
      )}
      {byName.map(([name, lines]) => (
        <MetricChart key={name} title={name} lines={lines} version={follower.revision} />
      ))}
    </section>
  );
}
