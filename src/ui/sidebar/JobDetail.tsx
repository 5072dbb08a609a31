import { TranslationBundle } from '@jupyterlab/translation';
import { ShownReactWidget } from '../shownReactWidget';
import { CommandRegistry } from '@lumino/commands';
import * as React from 'react';
import { trainingJobConsoleUrl } from '../../aws/consoleLink';
import { CommandIDs } from '../../commands/ids';
import { isActive } from '../../jobs/status';
import { ITrainingJob, ITrainingJobsModel } from '../../tokens';
import {
  formatDuration,
  formatTime,
  frameworkLabel,
  jobDuration,
  secondaryStatusLabel,
  statusLabel,
  targetLabel
} from './format';
import { useNow, useSignals } from './hooks';
import { JobCommandButton } from './JobCommandButton';
import { FailureSummary } from './FailureSummary';
import { JobCode } from './JobCode';
import type { IPriceLookup } from '../../aws/prices';
import { JobCost } from './JobCost';
import { PriceLookupContext } from './price';
import { LoadModel } from './LoadModel';
import { LogTail } from './LogTail';
import { MetricCharts } from './MetricCharts';
import { FactList, FinalMetrics, Hyperparameters, ModelArtifact, Timeline } from './parts';
import { useLogFollower } from './useLogFollower';

interface IProps {
  model: ITrainingJobsModel;
  trans: TranslationBundle;
  commands: CommandRegistry;
}

/** Everything about the selected job. */
export function JobDetail({
  model,
  trans,
  commands,
  visible = true
}: IProps & { visible?: boolean }): JSX.Element {
  useSignals([model.changed, model.selectedChanged]);
  const job = model.jobs.find(other => other.name === model.selected);
  const now = useNow(job !== undefined && isActive(job));
  const follower = useLogFollower(model, job);
  if (!job) {
    return (
      <p className="jp-SageMakerNLP-emptyState">
        {trans.__('Select a job to see its status, log and metrics.')}
      </p>
    );
  }
  return (
    <div
      className="jp-SageMakerNLP-jobDetail"
      data-job-name={job.name}
      data-status={job.status}
    >
      <div className="jp-SageMakerNLP-detailHeader">
        <h3 className="jp-SageMakerNLP-detailName">{job.name}</h3>
        <StopButton model={model} job={job} trans={trans} commands={commands} />
      </div>
      <div className="jp-SageMakerNLP-detailStatus">
        <span
          className="jp-SageMakerNLP-statusDot"
          data-status={job.status}
          aria-hidden="true"
        />
        <span className="jp-SageMakerNLP-jobStatus">{statusLabel(job, trans)}</span>
        {job.secondaryStatus && (
          <span className="jp-SageMakerNLP-secondaryStatus">
            {secondaryStatusLabel(job.secondaryStatus, trans)}
          </span>
        )}
      </div>
      {job.readError && (
        <div className="jp-SageMakerNLP-readError" role="status">
          {trans.__('Could not read the latest details of this job: %1', job.readError)}
        </div>
      )}
      <FailureSummary job={job} follower={follower} trans={trans} />
      <Facts job={job} trans={trans} now={now} />
      <JobCost job={job} trans={trans} now={now} />
      <ConsoleLink job={job} trans={trans} />
      <ModelArtifact job={job} trans={trans} />
      <div className="jp-SageMakerNLP-jobActions">
        <JobCommandButton
          id={CommandIDs.deployJob}
          label={trans.__('Deploy')}
          job={job}
          commands={commands}
          className="jp-SageMakerNLP-deployButton"
        />
        <JobCommandButton
          id={CommandIDs.transformJob}
          label={trans.__('Batch transform')}
          job={job}
          commands={commands}
          className="jp-SageMakerNLP-transformButton"
        />
        <LoadModel job={job} commands={commands} trans={trans} />
        <JobCode job={job} trans={trans} commands={commands} />
      </div>
      <FinalMetrics job={job} trans={trans} />
      <MetricCharts model={model} job={job} trans={trans} visible={visible} />
      <Timeline job={job} trans={trans} now={now} />
      <Hyperparameters job={job} trans={trans} />
      <LogTail follower={follower} active={isActive(job)} trans={trans} visible={visible} />
    </div>
  );
}

interface IJobProps {
  job: ITrainingJob;
  trans: TranslationBundle;
  now: number;
}

function Facts({ job, trans, now }: IJobProps): JSX.Element {
  const duration = jobDuration(job, now);
  const today = new Date(now);
  const facts: [string, string | undefined][] = [
    [trans.__('Target'), targetLabel(job.target, trans)],
    [trans.__('Framework'), job.framework && frameworkLabel(job.framework)],
    [trans.__('Created'), formatTime(job.creationTime, today)],
    [trans.__('Started'), job.startTime && formatTime(job.startTime, today)],
    [trans.__('Ended'), job.endTime && formatTime(job.endTime, today)],
    [
      trans.__('Duration'),
      duration !== undefined ? formatDuration(duration) : undefined
    ],
    [trans.__('Notebook'), job.notebookPath]
  ];
  return <FactList facts={facts} />;
}

/** The job's page in the AWS console, for SageMaker jobs. */
function ConsoleLink({ job, trans }: Omit<IJobProps, 'now'>): JSX.Element | null {
  const url = job.arn && trainingJobConsoleUrl(job.arn);
  if (!url) {
    return null;
  }
  return (
    <a className="jp-SageMakerNLP-consoleLink" href={url} target="_blank" rel="noopener noreferrer">
      {trans.__('Open in the AWS console')}
    </a>
  );
}

/** Stop (the `stop-job` command): enabled only while the job is in progress. */
function StopButton({
  commands,
  job,
  trans
}: IProps & { job: ITrainingJob }): JSX.Element | null {
  const [requested, setRequested] = React.useState(false);
  React.useEffect(() => setRequested(false), [job.name]);
  const stopping =
    job.status === 'Stopping' || (requested && job.status === 'InProgress');
  const onClick = async () => {
    setRequested(true);
    const stopped = await commands.execute(CommandIDs.stopJob, { name: job.name });
    if (!stopped) {
      setRequested(false);
    }
  };
  if (job.status !== 'InProgress' && job.status !== 'Stopping') {
    return null; // a finished job has nothing to stop
  }
  return (
    <button
      type="button"
      className="jp-Button jp-mod-styled jp-mod-warn jp-SageMakerNLP-stopButton"
      disabled={job.status !== 'InProgress' || stopping}
      onClick={onClick}
    >
      {stopping ? trans.__('Stopping…') : trans.__('Stop')}
    </button>
  );
}

/** The selected job's detail as a side panel section. */
/** The selected job's detail; its log and charts are followed only while it is shown. */
export class JobDetailView extends ShownReactWidget {
  constructor(options: JobDetailView.IOptions) {
    super();
    this._model = options.model;
    this._trans = options.trans;
    this._commands = options.commands;
    this._prices = options.prices ?? null;
    this.addClass('jp-SageMakerNLP-jobDetailView');
    this.title.label = this._trans.__('Details');
  }

  protected render(): JSX.Element {
    return (
      <PriceLookupContext.Provider value={this._prices}>
        <JobDetail
          model={this._model}
          trans={this._trans}
          commands={this._commands}
          visible={this.isVisible}
        />
      </PriceLookupContext.Provider>
    );
  }


  private _commands: CommandRegistry;
  private _prices: IPriceLookup | null;
  private _model: ITrainingJobsModel;
  private _trans: TranslationBundle;
}

export namespace JobDetailView {
  export interface IOptions {
    model: ITrainingJobsModel;
    trans: TranslationBundle;
    commands: CommandRegistry;
    prices?: IPriceLookup;
  }
}
