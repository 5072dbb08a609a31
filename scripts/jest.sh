#!/usr/bin/env bash
# jest, with what its end-to-end SageMaker backend test talks to (moto behind
# a real Jupyter server, scripts/aws-stack.sh) started before and stopped
# after. Arguments go to jest.
set -u
cd "$(dirname "$0")/.."
stack=.test-results/aws-stack
eval "$(bash scripts/aws-stack.sh start "$stack")" || exit 1
npx jest "$@"
status=$?
bash scripts/aws-stack.sh stop "$stack"
exit $status
