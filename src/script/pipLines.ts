import { IPipReading, pipArgumentsStart, readPipWords } from './pipInstall';
import { IShellCommand } from './shellCommands';

/** What a notebook's pip line gives the job. */
export interface IPipLine {
  requirements: string[];
  /** What went to requirements.txt, and what did not and why; null when the line installs nothing. */
  note: string | null;
  /** Why the line cannot be carried over, naming the fix; null when it can. */
  problem: string | null;
}

/** Whether any command of a shell line runs pip. */
export function runsPip(commands: IShellCommand[]): boolean {
  return commands.some(({ words }) => pipArgumentsStart(words) >= 0);
}

/**
 * The pip installs of a line (`%pip install …`, `!A=1 pip install … && pip
 * install …`): their requirements, and a note that says what requirements.txt
 * cannot carry (dropped options, an environment prefix, other commands).
 */
export function readPipLine(line: string, commands: IShellCommand[]): IPipLine {
  const readings: IPipReading[] = [];
  const others: string[] = [];
  const env: string[] = [];
  for (const { words, env: prefix } of commands) {
    const start = pipArgumentsStart(words);
    if (start < 0) {
      others.push([...prefix, ...words].join(' '));
      continue;
    }
    readings.push(readPipWords(words.slice(start)));
    env.push(...prefix);
  }
  const problem = readings.find(({ command }) => command.kind === 'problem')?.command;
  if (problem?.kind === 'problem') {
    return { requirements: [], note: null, problem: `${problem.message}.` };
  }
  const requirements = readings.flatMap(({ command }) =>
    command.kind === 'install' ? command.requirements : []
  );
  if (requirements.length === 0) {
    return { requirements, note: null, problem: null };
  }
  const explained = [`${line} → requirements.txt: ${requirements.join(', ')}`];
  const dropped = readings.flatMap(reading => reading.dropped);
  if (dropped.length > 0) {
    explained.push(`Dropped: ${dropped.join('; ')}`);
  }
  if (env.length > 0) {
    explained.push(
      `Not applied: ${env.join(' ')} (the container's pip installs requirements.txt without it; ` +
        "if the install needs it, add it to the job's environment, the Environment field of the Train dialog)"
    );
  }
  if (others.length > 0) {
    explained.push(
      `Not run: ${others.join('; ')} (only the pip install of this line is carried over; ` +
        'put any other command the training needs on a line of its own)'
    );
  }
  return { requirements, note: explained.join('. '), problem: null };
}
