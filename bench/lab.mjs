// Shared by the benchmarks: a throwaway JupyterLab server and Chromium.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import chromiumOptions from '../ui-tests/chromium.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const JUPYTER = path.join(root, '.venv', 'bin', 'jupyter');
export const LABEXTENSION_NAME = 'jupyterlab-sagemaker-nlp';

/**
 * A folder with a link to every labextension JupyterLab would find, ours
 * replaced by `ours` (a built labextension folder) or left out (null): for
 * `--LabApp.labextensions_path=<folder>`.
 */
export function labextensionsPath(ours) {
  const paths = JSON.parse(
    execFileSync(
      path.join(root, '.venv', 'bin', 'python'),
      [
        '-c',
        "import json; from jupyter_core.paths import jupyter_path; print(json.dumps(jupyter_path('labextensions')))"
      ],
      { encoding: 'utf-8' }
    )
  );
  const folder = mkdtempSync(path.join(tmpdir(), 'bench-labextensions-'));
  if (ours) symlinkSync(path.resolve(ours), path.join(folder, LABEXTENSION_NAME));
  for (const dir of paths.filter(existsSync)) {
    for (const entry of readdirSync(dir)) {
      const target = path.join(folder, entry);
      if (entry !== LABEXTENSION_NAME && !existsSync(target)) {
        // A scope folder (@org) goes whole: ours is not scoped.
        symlinkSync(path.join(dir, entry), target);
      }
    }
  }
  return folder;
}

/**
 * Starts `jupyter lab` on `port` in a fresh root folder; resolves when it
 * answers. `extraEnv` is added to the server's environment (a value of
 * `undefined` removes that variable).
 */
export async function startLab(port, extraArgs = [], extraEnv = {}) {
  const env = {
    ...process.env,
    AWS_EC2_METADATA_DISABLED: 'true',
    PATH: `${path.dirname(JUPYTER)}:${process.env.PATH}`,
    ...extraEnv
  };
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) delete env[name];
  }
  const rootDir = mkdtempSync(path.join(tmpdir(), 'bench-lab-'));
  const jobsDir = mkdtempSync(path.join(tmpdir(), 'bench-jobs-'));
  // Its own workspace and settings: nothing restored from another run (or
  // another server of this run), nothing left for the next.
  const labDir = mkdtempSync(path.join(tmpdir(), 'bench-lab-state-'));
  const server = spawn(
    JUPYTER,
    [
      'lab',
      `--port=${port}`,
      '--no-browser',
      '--allow-root',
      '--IdentityProvider.token=',
      '--ServerApp.password=',
      '--ServerApp.disable_check_xsrf=True',
      `--ServerApp.root_dir=${rootDir}`,
      '--LabApp.extension_manager=readonly',
      '--LabApp.expose_app_in_browser=True',
      `--SageMakerNLP.jobs_dir=${jobsDir}`,
      `--LabApp.workspaces_dir=${path.join(labDir, 'workspaces')}`,
      `--LabApp.user_settings_dir=${path.join(labDir, 'user-settings')}`,
      ...extraArgs
    ],
    { stdio: ['ignore', 'ignore', 'pipe'], env }
  );
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${url}/api/status`)).ok) {
        return { url, rootDir, jobsDir, stop: () => stopServer(server) };
      }
    } catch {
      // not up yet
    }
    await new Promise(r => setTimeout(r, 100));
  }
  server.kill('SIGKILL');
  throw new Error(`jupyter lab did not start on port ${port}`);
}

function stopServer(server) {
  return new Promise(resolve => {
    server.once('exit', resolve);
    server.kill('SIGTERM');
    setTimeout(() => server.kill('SIGKILL'), 5000);
  });
}

export function launchChromium() {
  return chromium.launch(chromiumOptions);
}

/** Records when JupyterLab's `restored` promise resolves, from page start. */
export const recordRestored = () => {
  const timer = setInterval(() => {
    if (window.jupyterapp) {
      clearInterval(timer);
      window.jupyterapp.restored.then(() => {
        window.__restoredAt = performance.now();
      });
    }
  }, 2);
};

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
