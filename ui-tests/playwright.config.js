/**
 * Galata in Debian's Chromium: no downloaded browser, no video (it would
 * need a downloaded ffmpeg), and a JupyterLab from the project's venv.
 */
const path = require('path');
const baseConfig = require('@jupyterlab/galata/lib/playwright-config');

const venvBin = path.resolve(__dirname, '..', '.venv', 'bin');

module.exports = {
  ...baseConfig,
  testDir: './tests',
  timeout: 120000,
  retries: 0,
  workers: 1,
  reporter: [['list']],
  use: {
    ...baseConfig.use,
    video: 'off',
    trace: 'off',
    launchOptions: require('./chromium')
  },
  webServer: [
    {
      // AWS for the SageMaker tests: a real moto server on loopback.
      command: `${venvBin}/moto_server -H 127.0.0.1 -p 5055`,
      url: 'http://127.0.0.1:5055/moto-api/',
      timeout: 60 * 1000,
      reuseExistingServer: false
    },
    {
      command: 'jupyter lab --config jupyter_server_test_config.py',
      cwd: __dirname,
      url: 'http://localhost:8888/lab',
      timeout: 120 * 1000,
      reuseExistingServer: false,
      env: { ...process.env, PATH: `${venvBin}:${process.env.PATH}` }
    }
  ]
};
