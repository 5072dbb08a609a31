import {
  ILayoutRestorer,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette, Notification } from '@jupyterlab/apputils';
import { INotebookTracker } from '@jupyterlab/notebook';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { IStatusBar } from '@jupyterlab/statusbar';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { InstancePrices } from './aws/prices';
import { AwsSession } from './aws/session';
import { LocalBackend } from './backends/local';
import { LocalEndpoints } from './backends/localEndpoints';
import { LocalTransforms } from './backends/localTransforms';
import { LazySageMakerBackend } from './backends/sagemakerLazy';
import { addCompareCommand } from './commands/compareRuns';
import { addDeployCommand } from './commands/deployJob';
import { addEndpointCommands } from './commands/endpointCommands';
import { addEndpointSnippetCommand } from './commands/endpointSnippet';
import { CommandIDs } from './commands/ids';
import { addJobCodeCommands } from './commands/jobCode';
import { addJobCommands } from './commands/jobCommands';
import { addJobScopeCommand } from './commands/jobScope';
import { addLoadModelCommand } from './commands/loadModel';
import { addTransformCommands } from './commands/transformCommands';
import { EndpointsModel } from './endpoints/model';
import { LazySageMakerEndpoints } from './endpoints/sagemakerLazy';
import { JobEndings } from './jobs/endings';
import { JobsModel } from './jobs/model';
import { whyNotTrainable } from './notebook/cells';
import { checkServer } from './serverCheck';
import { PLUGIN_ID, readSettings } from './settings';
import { IAwsSession, ITrainingJobsModel } from './tokens';
import { ITransformsModel, TransformsModel } from './transform/model';
import { LazySageMakerTransforms } from './transform/sagemakerLazy';
import { CellBadges } from './ui/cellBadges';
import { EndpointsPanel } from './ui/endpoints/EndpointsPanel';
import { sageMakerNLPIcon } from './ui/icons';
import { announceJobEndings } from './ui/jobNotices';
import { announceTransformEndings } from './ui/transformNotices';
import { RunningJobsStatus } from './ui/runningJobsStatus';
import { JobsPanel } from './ui/sidebar';

export * from './tokens';


/** The AWS configuration and clients, shared by everything that talks to AWS. */
const awsSessionPlugin: JupyterFrontEndPlugin<IAwsSession> = {
  id: 'jupyterlab-sagemaker-nlp:aws-session',
  description: 'The AWS session: configuration and signing-proxy clients.',
  autoStart: true,
  provides: IAwsSession,
  optional: [ITranslator],
  activate: (_: JupyterFrontEnd, translator: ITranslator | null) => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_sagemaker_nlp');
    const session = new AwsSession();
    session.throttled.connect(() =>
      Notification.info(trans.__('AWS is throttling requests; retrying…'), {
        autoClose: 3000
      })
    );
    return session;
  }
};

/** Every job of every backend, polled in one place. */
const jobsPlugin: JupyterFrontEndPlugin<ITrainingJobsModel> = {
  id: 'jupyterlab-sagemaker-nlp:jobs',
  description: 'The training jobs model.',
  autoStart: true,
  provides: ITrainingJobsModel,
  requires: [IAwsSession],
  activate: (app: JupyterFrontEnd, session: IAwsSession) => {
    const model = new JobsModel({
      backends: [
        // A local job gets sagemaker_region too, as a SageMaker job does (when
        // known: a local job never waits for AWS).
        new LocalBackend({ region: async () => session.current?.region }),
        new LazySageMakerBackend({ session })
      ],
      // Not during JupyterLab's own start-up: its first calls wait until it is done.
      autoStart: false,
      // Badges and end-of-job notifications stay live while a job runs, sidebar shown or not.
      pollHiddenWhileRunning: true
    });
    void app.restored.then(() => model.start());
    return model;
  }
};

/** Batch transforms: a completed job's model over a folder or an S3 prefix, listed with the jobs. */
const transformsPlugin: JupyterFrontEndPlugin<TransformsModel> = {
  id: 'jupyterlab-sagemaker-nlp:transforms',
  description: 'The batch transform jobs model.',
  autoStart: true,
  provides: ITransformsModel,
  requires: [IAwsSession],
  activate: (app: JupyterFrontEnd, session: IAwsSession) => {
    const model = new TransformsModel({
      backends: [new LocalTransforms(), new LazySageMakerTransforms(session)],
      autoStart: false
    });
    void app.restored.then(() => model.start());
    return model;
  }
};

/** Train this cell: command, toolbar button (from settings), sidebar, badges. */
const trainPlugin: JupyterFrontEndPlugin<void> = {
  id: PLUGIN_ID,
  description: 'Train a notebook cell locally or on SageMaker.',
  autoStart: true,
  requires: [ITrainingJobsModel, IAwsSession, INotebookTracker, ISettingRegistry],
  optional: [ITranslator, ILayoutRestorer, ICommandPalette, ITransformsModel],
  activate: async (
    app: JupyterFrontEnd,
    jobs: ITrainingJobsModel,
    session: IAwsSession,
    notebooks: INotebookTracker,
    settingRegistry: ISettingRegistry,
    translator: ITranslator | null,
    restorer: ILayoutRestorer | null,
    palette: ICommandPalette | null,
    transforms: TransformsModel | null
  ) => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_sagemaker_nlp');
    const settings = await settingRegistry.load(PLUGIN_ID);

    addJobCommands(app.commands, jobs, trans);
    addJobScopeCommand(app.commands, jobs, settings, trans);
    addLoadModelCommand(app, jobs, notebooks, trans);
    addJobCodeCommands(app, jobs, notebooks, trans);
    addCompareCommand(app, jobs, notebooks, trans, session);
    const panel = new JobsPanel({
      model: jobs,
      translator: translator ?? nullTranslator,
      commands: app.commands,
      prices: InstancePrices.forSession(session),
      transforms: transforms ?? undefined
    });
    app.shell.add(panel, 'right', { rank: 600 });
    restorer?.add(panel, panel.id);
    const showJobs = () => app.shell.activateById(panel.id);
    if (transforms) {
      addTransformCommands(app.commands, { jobs, transforms, showJobs, trans });
      announceTransformEndings(transforms, trans, name =>
        app.commands.execute(CommandIDs.openTransform, { name })
      );
    }

    app.commands.addCommand(CommandIDs.trainCell, {
      label: trans.__('Train this cell'),
      caption: () =>
        whyNotTrainable(notebooks.currentWidget) ??
        trans.__('Build a training script from this cell and run it as a job'),
      icon: sageMakerNLPIcon,
      isEnabled: () => whyNotTrainable(notebooks.currentWidget) === null,
      execute: async () => {
        const notebook = notebooks.currentWidget;
        if (!notebook) {
          return;
        }
        const { trainActiveCell } = await import('./commands/trainCell');
        await trainActiveCell({
          panel: notebook,
          jobs,
          session,
          contents: app.serviceManager.contents,
          settings: readSettings(settings),
          trans,
          showJobs
        });
      }
    });
    app.commands.addCommand(CommandIDs.openJobs, {
      label: trans.__('Show Training Jobs'),
      execute: showJobs
    });
    app.commands.addCommand(CommandIDs.openJob, {
      label: args => trans.__('Open training job %1', String(args.name ?? '')),
      execute: args => {
        jobs.select(String(args.name));
        showJobs();
      }
    });
    const openJob = (name: string) => app.commands.execute(CommandIDs.openJob, { name });
    // open-job and open-transform need a name: views and notifications call them, not the palette.
    const named: string[] = [CommandIDs.openJob, CommandIDs.openTransform];
    for (const command of Object.values(CommandIDs).filter(id => !named.includes(id))) {
      palette?.addItem({ command, category: trans.__('SageMaker') });
    }

    // The toolbar button's enabled state follows the active cell.
    const refreshCommand = () => app.commands.notifyCommandChanged(CommandIDs.trainCell);
    notebooks.activeCellChanged.connect(refreshCommand);
    notebooks.currentChanged.connect(refreshCommand);

    const badges = new CellBadges(jobs, trans, openJob, (cellId, notebookPath) =>
      app.commands.execute(CommandIDs.compareCellRuns, { cellId, notebookPath })
    );
    notebooks.widgetAdded.connect((_, notebook) => badges.track(notebook));
    notebooks.forEach(notebook => badges.track(notebook));

    void app.restored.then(() => checkServer(trans, settings, session));
  }
};

/** When jobs end, and how many run: notifications with "Open", and a status bar item. */
const jobNoticesPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-sagemaker-nlp:job-notices',
  description: 'Notifications when training jobs end, and the running jobs in the status bar.',
  autoStart: true,
  requires: [ITrainingJobsModel],
  optional: [ITranslator, IStatusBar],
  activate: (
    app: JupyterFrontEnd,
    jobs: ITrainingJobsModel,
    translator: ITranslator | null,
    statusBar: IStatusBar | null
  ) => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_sagemaker_nlp');
    const openJob = (name: string) => app.commands.execute(CommandIDs.openJob, { name });
    announceJobEndings(new JobEndings(jobs), trans, openJob);
    const running = new RunningJobsStatus(jobs, trans, () =>
      app.commands.execute(CommandIDs.openJobs)
    );
    statusBar?.registerStatusItem('jupyterlab-sagemaker-nlp:running-jobs', {
      item: running,
      align: 'left',
      rank: 900,
      isActive: () => running.count > 0,
      activeStateChanged: jobs.changed
    });
  }
};

/** The Endpoints sidebar: every endpoint, SageMaker's (and local ones), polled while shown. */
const endpointsPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-sagemaker-nlp:endpoints',
  description: 'The Endpoints sidebar, and deploying a job to an endpoint.',
  autoStart: true,
  requires: [IAwsSession, ITrainingJobsModel, INotebookTracker],
  optional: [ITranslator, ILayoutRestorer],
  activate: (
    app: JupyterFrontEnd,
    session: IAwsSession,
    jobs: ITrainingJobsModel,
    notebooks: INotebookTracker,
    translator: ITranslator | null,
    restorer: ILayoutRestorer | null
  ) => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_sagemaker_nlp');
    const model = new EndpointsModel({
      backends: [new LocalEndpoints(), new LazySageMakerEndpoints(session)],
      autoStart: false
    });
    const showEndpoint = (name?: string) => {
      if (name) {
        model.select(name);
      }
      app.shell.activateById(EndpointsPanel.ID);
    };
    // The panel's toolbar reads the commands' labels: commands first.
    addEndpointCommands(app.commands, model, trans, () => showEndpoint());
    addEndpointSnippetCommand(app.commands, model, notebooks, session, trans);
    addDeployCommand(app.commands, {
      jobs,
      deploy: (job, choices) => model.deploy(job, choices),
      showEndpoint,
      scriptsFor: async job =>
        (await import('./endpoints/inferenceScripts')).inferenceScriptsOf(
          job,
          notebooks,
          app.serviceManager.contents
        ),
      proposeHfTask: job => model.proposeHfTask(job),
      trans
    });
    const panel = new EndpointsPanel({
      model,
      translator: translator ?? nullTranslator,
      commands: app.commands
    });
    app.shell.add(panel, 'right', { rank: 610 });
    restorer?.add(panel, panel.id);
    void app.restored.then(() => model.start());
  }
};

export default [
  awsSessionPlugin,
  jobsPlugin,
  transformsPlugin,
  trainPlugin,
  jobNoticesPlugin,
  endpointsPlugin
];
