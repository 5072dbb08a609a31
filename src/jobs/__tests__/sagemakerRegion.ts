import {
  DescribeTrainingJobCommand,
  ListTagsCommand,
  ListTrainingJobsCommand,
  SageMakerClient,
  StopTrainingJobCommand,
  TrainingJobStatus
} from '@aws-sdk/client-sagemaker';
import { mockClient } from 'aws-sdk-client-mock';
import { notebookTags } from '../../training/notebookTags';
import { description } from '../../backends/__tests__/sagemakerFixtures';

/**
 * A region's training jobs behind a mocked SageMaker client, answering
 * ListTrainingJobs (pages of at most MaxResults, NextToken = next index),
 * DescribeTrainingJob, ListTags and StopTrainingJob from one table that a
 * test changes between cycles, and counting every call by operation.
 */
export interface IRegionJob {
  name: string;
  status: TrainingJobStatus;
  secondary?: string;
  ours: boolean;
  created: Date;
}

export const sagemakerMock = mockClient(SageMakerClient);

const COMMANDS = {
  ListTrainingJobs: ListTrainingJobsCommand,
  DescribeTrainingJob: DescribeTrainingJobCommand,
  ListTags: ListTagsCommand,
  StopTrainingJob: StopTrainingJobCommand
};

export class FakeRegion {
  jobs: IRegionJob[] = [];
  /** Called before each answer; throw to make that call fail. */
  fault: ((operation: string) => void) | null = null;

  /** `count` jobs, newest first; the first `running` are InProgress. */
  static withJobs(count: number, running = 0, ours: (i: number) => boolean = () => true): FakeRegion {
    const region = new FakeRegion();
    const start = Date.UTC(2026, 10, 27, 12);
    region.jobs = Array.from({ length: count }, (_, i) => ({
      name: `job-${String(i).padStart(4, '0')}`,
      status: i < running ? 'InProgress' : 'Completed',
      ours: ours(i),
      created: new Date(start - i * 60000)
    }));
    return region;
  }

  install(): void {
    sagemakerMock.reset();
    sagemakerMock.on(ListTrainingJobsCommand).callsFake(input => {
      this._check('ListTrainingJobs');
      const from = Number(input.NextToken ?? 0);
      const size = input.MaxResults ?? 10;
      const sorted = [...this.jobs].sort((a, b) => b.created.getTime() - a.created.getTime());
      const page = sorted.slice(from, from + size);
      return {
        TrainingJobSummaries: page.map(job => ({
          TrainingJobName: job.name,
          TrainingJobArn: arnOf(job.name),
          TrainingJobStatus: job.status,
          SecondaryStatus: job.secondary ?? secondaryOf(job.status),
          CreationTime: job.created
        })),
        NextToken: from + size < sorted.length ? String(from + size) : undefined
      };
    });
    sagemakerMock.on(DescribeTrainingJobCommand).callsFake(input => {
      this._check('DescribeTrainingJob');
      const job = this._job(input.TrainingJobName);
      return description(job.name, job.status, (job.secondary ?? secondaryOf(job.status)) as never, {
        CreationTime: job.created,
        ...(job.status === 'Failed' && { FailureReason: 'AlgorithmError: loss is nan' })
      });
    });
    sagemakerMock.on(ListTagsCommand).callsFake(input => {
      this._check('ListTags');
      const job = this._job(nameOfArn(input.ResourceArn));
      return { Tags: job.ours ? notebookTags('work/a.ipynb', `cell-${job.name}`) : [] };
    });
    sagemakerMock.on(StopTrainingJobCommand).callsFake(input => {
      this._check('StopTrainingJob');
      const job = this._job(input.TrainingJobName);
      job.status = 'Stopping';
      return {};
    });
  }

  /** Calls by operation since the last `resetCalls()`. */
  calls(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const [operation, command] of Object.entries(COMMANDS)) {
      const n = sagemakerMock.commandCalls(command as never).length;
      if (n > 0) {
        counts[operation] = n;
      }
    }
    return counts;
  }

  /** The NextToken each ListTrainingJobs call carried, in order. */
  listTokens(): (string | undefined)[] {
    return sagemakerMock
      .commandCalls(ListTrainingJobsCommand)
      .map(call => call.args[0].input.NextToken);
  }

  totalCalls(): number {
    return sagemakerMock.calls().length;
  }

  resetCalls(): void {
    sagemakerMock.resetHistory();
  }

  set(name: string, status: TrainingJobStatus, secondary?: string): void {
    const job = this._job(name);
    job.status = status;
    job.secondary = secondary;
  }

  private _job(name: string | undefined): IRegionJob {
    const job = this.jobs.find(other => other.name === name);
    if (!job) {
      throw Object.assign(new Error(`Requested resource not found: ${name}`), {
        name: 'ResourceNotFound',
        $metadata: { httpStatusCode: 400 }
      });
    }
    return job;
  }

  private _check(operation: string): void {
    this.fault?.(operation);
  }
}

export function throttlingError(): Error {
  return Object.assign(new Error('Rate exceeded'), {
    name: 'ThrottlingException',
    $fault: 'client',
    $metadata: { httpStatusCode: 400 }
  });
}

function arnOf(name: string): string {
  return `arn:aws:sagemaker:eu-west-1:123456789012:training-job/${name}`;
}

function nameOfArn(arn: string | undefined): string {
  return (arn ?? '').split('/').pop() ?? '';
}

function secondaryOf(status: TrainingJobStatus): string {
  return status === 'InProgress' ? 'Training' : status;
}
