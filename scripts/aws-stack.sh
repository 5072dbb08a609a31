#!/usr/bin/env bash
# Starts what jest's end-to-end SageMaker backend test talks to: a moto
# server standing in for AWS and a real Jupyter server whose signing proxy
# points at it. Prints the variables the test reads; `stop` ends both.
#
#   eval "$(bash scripts/aws-stack.sh start <folder>)"   ...   bash scripts/aws-stack.sh stop <folder>
set -eu
cd "$(dirname "$0")/.."
folder=$2
mkdir -p "$folder"
moto_port=5066
lab_port=8897
token=e2e-$RANDOM$RANDOM

case $1 in
start)
  .venv/bin/moto_server -H 127.0.0.1 -p $moto_port >"$folder/moto.log" 2>&1 &
  echo $! >"$folder/moto.pid"
  AWS_ENDPOINT_URL=http://127.0.0.1:$moto_port AWS_ACCESS_KEY_ID=testing \
  AWS_SECRET_ACCESS_KEY=testing AWS_DEFAULT_REGION=us-east-1 \
  AWS_EC2_METADATA_DISABLED=true \
    env -u AWS_PROFILE -u AWS_SESSION_TOKEN .venv/bin/jupyter server --no-browser --allow-root --port=$lab_port \
      --IdentityProvider.token="$token" \
      --ServerApp.root_dir="$(mktemp -d)" \
      --SageMakerNLP.jobs_dir="$(mktemp -d)" >"$folder/server.log" 2>&1 &
  echo $! >"$folder/server.pid"
  for _ in $(seq 300); do
    if curl -sf "http://127.0.0.1:$moto_port/moto-api/" >/dev/null &&
       curl -sf -H "Authorization: token $token" "http://127.0.0.1:$lab_port/sagemaker-nlp/health" >/dev/null; then
      echo "export SAGEMAKER_NLP_E2E_URL=http://127.0.0.1:$lab_port/"
      echo "export SAGEMAKER_NLP_E2E_TOKEN=$token"
      echo "export SAGEMAKER_NLP_E2E_MOTO=http://127.0.0.1:$moto_port"
      exit 0
    fi
    sleep 0.2
  done
  echo "aws-stack: moto or the Jupyter server did not start; see $folder/*.log" >&2
  exit 1
  ;;
stop)
  for name in server moto; do
    [ -f "$folder/$name.pid" ] && kill "$(cat "$folder/$name.pid")" 2>/dev/null || true
  done
  ;;
esac
