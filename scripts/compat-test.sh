#!/usr/bin/env bash
# The compatibility test, Makefile-independent: the extension as built now
# (npm run build:prod), installed as a wheel into .venv-compat with the oldest
# JupyterLab 4 of SageMaker notebook instances, loaded in Chromium.
#
#   bash scripts/compat-test.sh
#   PLAYWRIGHT_JSON_OUTPUT_NAME=.test-results/compat.json bash scripts/compat-test.sh
#   COMPAT_JUPYTERLAB_VERSION=4.2.7 bash scripts/compat-test.sh
#
# Creates .venv-compat when missing and reinstalls the extension's wheel each
# run (nothing is rebuilt). Port 8890 (COMPAT_PORT). Exit status: Playwright's.
set -uo pipefail
# Playwright reads a relative PLAYWRIGHT_JSON_OUTPUT_NAME from the config's
# folder (ui-tests/compat/); make it relative to where this was called.
if [ -n "${PLAYWRIGHT_JSON_OUTPUT_NAME:-}" ]; then
  export PLAYWRIGHT_JSON_OUTPUT_NAME="$(realpath -m "$PLAYWRIGHT_JSON_OUTPUT_NAME")"
fi
cd "$(dirname "$0")/.."

export COMPAT_JUPYTERLAB_VERSION="${COMPAT_JUPYTERLAB_VERSION:-4.0.0}"

bash scripts/compat-env.sh 2> >(grep -v "is ignored: it is neither a file nor a directory" >&2) || {
  echo "compat-test: the environment could not be made" >&2
  exit 1
}

test -x /usr/bin/chromium || test -n "${CHROMIUM_PATH:-}" || {
  echo "compat-test: no /usr/bin/chromium (make chromium)" >&2
  exit 1
}

reporters=list
if [ -n "${PLAYWRIGHT_JSON_OUTPUT_NAME:-}" ]; then
  mkdir -p "$(dirname "$PLAYWRIGHT_JSON_OUTPUT_NAME")"
  reporters=list,json
fi
npx playwright test -c ui-tests/compat/playwright.config.js --reporter="$reporters" "$@"
