import { ServerConnection } from '@jupyterlab/services';

/**
 * The Jupyter server and moto that scripts/aws-stack.sh starts for the
 * end-to-end specs (`bash scripts/jest.sh`), read from its variables.
 */
export function e2eServer(): { serverSettings: ServerConnection.ISettings; motoUrl: string } {
  const baseUrl = process.env.SAGEMAKER_NLP_E2E_URL;
  const motoUrl = process.env.SAGEMAKER_NLP_E2E_MOTO;
  if (!baseUrl || !motoUrl) {
    throw new Error(
      'No Jupyter server for the end-to-end test: run jest through `make jest` or `bash scripts/jest.sh` (they start moto and a Jupyter server first).'
    );
  }
  return {
    serverSettings: ServerConnection.makeSettings({
      baseUrl,
      token: process.env.SAGEMAKER_NLP_E2E_TOKEN ?? ''
    }),
    motoUrl
  };
}
