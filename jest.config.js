const jestJupyterLab = require('@jupyterlab/testing/lib/jest-config');

const esModules = [
  '@codemirror',
  '@jupyter/ydoc',
  '@jupyter/react-components',
  '@jupyter/web-components',
  '@jupyterlab/',
  '@lezer',
  '@microsoft',
  'exenv-es6',
  'lib0',
  'marked',
  'modern-tar',
  'nanoid',
  'vscode-ws-jsonrpc',
  'y-protocols',
  'y-websocket',
  'yjs'
].join('|');

const baseConfig = jestJupyterLab(__dirname);

module.exports = {
  ...baseConfig,
  automock: false,
  collectCoverageFrom: ['src/**/*.{ts,tsx}', '!src/**/*.d.ts', '!src/**/.ipynb_checkpoints/*'],
  coverageReporters: ['lcov', 'text'],
  testRegex: 'src/.*/__tests__/.*\\.spec\\.tsx?$',
  modulePathIgnorePatterns: ['<rootDir>/jupyterlab_sagemaker_nlp/labextension', '<rootDir>/ui-tests'],
  transformIgnorePatterns: [`/node_modules/(?!${esModules}).+`]
};
