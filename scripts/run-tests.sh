#!/usr/bin/env bash
# Runs jest, pytest and Playwright one after the other (a failing suite does
# not hide the others), then prints one line summing them: "N passed, N failed".
set -u
cd "$(dirname "$0")/.."
results=.test-results
rm -rf "$results" && mkdir -p "$results"
export HF_HUB_OFFLINE=1

bash scripts/jest.sh --ci --json --outputFile="$results/jest.json"
.venv/bin/python -m pytest tests -q --junitxml="$results/pytest.xml"
PLAYWRIGHT_JSON_OUTPUT_NAME="$PWD/$results/playwright.json" \
  npx playwright test -c ui-tests/playwright.config.js --reporter=list,json
# The built extension in the oldest JupyterLab 4 of SageMaker Notebook instances.
PLAYWRIGHT_JSON_OUTPUT_NAME="$PWD/$results/compat.json" bash scripts/compat-test.sh

.venv/bin/python scripts/sum_results.py "$results" | tee "$results/summary.txt"
exit "${PIPESTATUS[0]}"
