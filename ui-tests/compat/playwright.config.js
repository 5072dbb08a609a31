/**
 * The compatibility test: the extension as built here, loaded by the oldest
 * JupyterLab 4 that SageMaker notebook instances may run (.venv-compat, made
 * by scripts/compat-env.sh). Plain @playwright/test: Galata 5.6's fixtures
 * follow JupyterLab 4.6 and are not used against the old lab.
 *
 * Port 8890 (COMPAT_PORT), never Galata's 8888. Debian's Chromium, no video.
 * A JSON report goes to $PLAYWRIGHT_JSON_OUTPUT_NAME with --reporter=list,json,
 * as in scripts/run-tests.sh.
 */
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.resolve(__dirname, '..', '..');
const venvBin = path.join(root, '.venv-compat', 'bin');
const port = Number(process.env.COMPAT_PORT || 8890);
const baseURL = `http://127.0.0.1:${port}`;

// A Jupyter config dir and data dir of its own: nothing from ~/.jupyter or
// ~/.local/share/jupyter (a dev symlink, user settings) reaches the old lab.
// Only .venv-compat's own etc/ and share/ (sys-prefix) count.
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'sagemaker-nlp-compat-home-'));
const serverEnv = { ...process.env };
delete serverEnv.JUPYTER_PATH;
delete serverEnv.JUPYTER_CONFIG_PATH;
delete serverEnv.JUPYTERLAB_DIR;
delete serverEnv.VIRTUAL_ENV;
Object.assign(serverEnv, {
  PATH: `${venvBin}:${process.env.PATH}`,
  JUPYTER_CONFIG_DIR: path.join(home, 'config'),
  JUPYTER_DATA_DIR: path.join(home, 'data'),
  JUPYTER_RUNTIME_DIR: path.join(home, 'runtime'),
  COMPAT_PORT: String(port)
});

module.exports = {
  testDir: './tests',
  timeout: 120000,
  expect: { timeout: 30000 },
  retries: 0,
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL,
    viewport: { width: 1280, height: 800 },
    video: 'off',
    trace: 'off',
    screenshot: 'only-on-failure',
    launchOptions: require('../chromium')
  },
  webServer: {
    command: `${path.join(venvBin, 'jupyter')} lab --config jupyter_server_config.py`,
    cwd: __dirname,
    url: `${baseURL}/lab`,
    timeout: 120 * 1000,
    reuseExistingServer: false,
    env: serverEnv
  }
};
