import { ServerConnection } from '@jupyterlab/services';
import { e2eServer } from '../../aws/__tests__/e2eServer';
import { Framework, ISourceFile, ITrainingJob, ITrainingJobSpec } from '../../tokens';
import { LocalBackend } from '../local';
import { spec } from './sagemakerFixtures';

/**
 * What the local end-to-end specs share: the real Jupyter server of
 * scripts/aws-stack.sh, local training jobs run to completion on it, and
 * files written and read through its Contents API.
 */

/** A train.py that fits a small scikit-learn sentiment model and saves it as model.joblib. */
export const SKLEARN_TRAIN = `
import os, joblib
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline
texts = ["great product, love it", "wonderful and sharp", "awful, broke at once",
         "terrible and useless"] * 5
labels = ["positive", "positive", "negative", "negative"] * 5
model = Pipeline([("tfidf", TfidfVectorizer()), ("lr", LogisticRegression())]).fit(texts, labels)
joblib.dump(model, os.path.join(os.environ["SM_MODEL_DIR"], "model.joblib"))
`;

/** `read()` every 100 ms until `done` holds for its answer; throws `message` after `tries`. */
export async function waitUntil<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  message: string,
  tries = 600
): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const value = await read();
    if (done(value)) {
      return value;
    }
    await new Promise(resolve => setTimeout(resolve, 100));
  }
  throw new Error(message);
}

/** The server's settings (through `fetch` when given) and helpers over them. */
export function localServer(options: { fetch?: ServerConnection.ISettings['fetch'] } = {}) {
  const { baseUrl, token } = e2eServer().serverSettings;
  const serverSettings = ServerConnection.makeSettings({
    baseUrl,
    token,
    ...(options.fetch && { fetch: options.fetch })
  });
  const jobs = new LocalBackend({ serverSettings });

  /**
   * A local job of `framework` run to its end, which must be Completed;
   * `files` is its train.py's text or all its source files.
   */
  async function completedJob(
    name: string,
    files: string | ISourceFile[],
    framework: Framework = 'sklearn'
  ): Promise<ITrainingJob> {
    const jobName = `${name}-${Date.now()}`;
    const job: ITrainingJobSpec = {
      ...spec({ jobName }),
      target: 'local',
      framework,
      instanceType: 'local',
      channels: {},
      sagemaker: undefined,
      kernelName: 'python3',
      sourceFiles: typeof files === 'string' ? [{ path: 'train.py', content: files }] : files
    };
    await jobs.submit(job);
    const found = await waitUntil(
      async () => (await jobs.list()).find(j => j.name === jobName),
      found => !!found && found.status !== 'InProgress',
      `${jobName} did not complete`
    );
    expect(found!.status).toBe('Completed');
    return found!;
  }

  /** One Contents API call on `path`; its JSON answer, null for 204. */
  async function contents(path: string, init: RequestInit = {}): Promise<any> {
    const url = `${serverSettings.baseUrl}api/contents/${path.split('/').map(encodeURIComponent).join('/')}`;
    const response = await ServerConnection.makeRequest(url, init, serverSettings);
    if (!response.ok) {
      throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${await response.text()}`);
    }
    return response.status === 204 ? null : response.json();
  }

  /** A text file at `path`, its folders made first. */
  async function writeFile(path: string, content: string): Promise<void> {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) {
      await contents(parts.slice(0, i).join('/'), {
        method: 'PUT',
        body: JSON.stringify({ type: 'directory' })
      });
    }
    await contents(path, {
      method: 'PUT',
      body: JSON.stringify({ type: 'file', format: 'text', content })
    });
  }

  return { serverSettings, jobs, completedJob, contents, writeFile };
}
