#!/usr/bin/env bash
# A separate venv with the SageMaker Python SDK v2 and moto, used by the
# scripts that regenerate committed data (image catalog, SDK request
# fixtures) and by bench/sagemaker_submit.mjs (the SDK's fit, bench/sdk_fit.py).
# Kept apart so the SDK's pins never touch the project's venv.
# .venv-sdk/.installed marks a finished install (make's target).
set -eu
cd "$(dirname "$0")/.."
if [ ! -x .venv-sdk/bin/python ]; then
  python3 -m venv .venv-sdk
  .venv-sdk/bin/pip install -q --upgrade pip
fi
.venv-sdk/bin/pip install -q 'sagemaker<3' 'moto[server]>=5' boto3
touch .venv-sdk/.installed
