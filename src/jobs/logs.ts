import { ITrainingJobsModel, ILogEvent } from '../tokens';
import { Follower } from './follower';

/**
 * The tail of one job's log on one host: while the job runs it reads what
 * is new every `interval` ms; when the job ends it reads once more, then
 * rests. Without a stream it follows the first host's, once there is one.
 */
export class LogFollower extends Follower<ILogEvent, string> {
  constructor(options: LogFollower.IOptions) {
    const { model, jobName } = options;
    let stream = options.stream;
    super({
      read: async token => {
        stream = stream ?? (await model.logStreams(jobName))[0]?.name;
        if (!stream) {
          return { items: [], cursor: token, more: false }; // no log yet
        }
        const page = await model.logs(jobName, stream, token);
        // GetLogEvents answers the same token at the end of the stream.
        const atEnd = !page.nextToken || page.nextToken === token;
        return {
          items: page.events,
          cursor: page.nextToken || token,
          more: page.events.length > 0 && !atEnd
        };
      },
      maxItems: options.maxLines ?? LogFollower.MAX_LINES,
      interval: options.interval
    });
    this.jobName = jobName;
  }

  readonly jobName: string;

  /** The last `maxLines` events, oldest first. */
  get events(): ReadonlyArray<ILogEvent> {
    return this.items;
  }
}

export namespace LogFollower {
  export interface IOptions {
    model: Pick<ITrainingJobsModel, 'logs' | 'logStreams'>;
    jobName: string;
    /** The host's stream; defaults to the first host's. */
    stream?: string;
    /** Lines kept; older ones are dropped. Defaults to 2000. */
    maxLines?: number;
    /** Milliseconds between reads while the job runs. Defaults to 1000. */
    interval?: number;
  }

  export const MAX_LINES = 2000;
}
