#!/usr/bin/env bash
# The second environment for the compatibility test (ui-tests/compat/):
# .venv-compat with the oldest JupyterLab 4 that SageMaker notebook instances
# may run (platforms notebook-al2-v3 and notebook-al2023-v1; AWS documents
# only "JupyterLab 4" for both, so the floor is 4.0.0 — docs/compat.md), plus
# this extension installed from a wheel of the labextension built here.
#
# Nothing is rebuilt: the wheel is made from the existing
# jupyterlab_sagemaker_nlp/labextension (hatch-jupyter-builder's
# skip-if-exists sees static/style.js and does not call npm). Run
# `npm run build:prod` first.
#
#   bash scripts/compat-env.sh            # create the venv if missing, (re)install the wheel
#   COMPAT_JUPYTERLAB_VERSION=4.2.7 bash scripts/compat-env.sh   # another JupyterLab 4
#
# No torch, no examples extra: the test only loads the extension.
set -euo pipefail
cd "$(dirname "$0")/.."

JUPYTERLAB_VERSION="${COMPAT_JUPYTERLAB_VERSION:-4.0.0}"
VENV=.venv-compat
BUILD_PY=.venv/bin/python          # has hatchling + hatch-jupyter-builder (Makefile)
LABEXT=jupyterlab_sagemaker_nlp/labextension

# 1. The built labextension must be there, or the wheel build would run npm.
for f in "$LABEXT/package.json" "$LABEXT/static/style.js"; do
  if [ ! -f "$f" ]; then
    echo "compat-env: $f is missing; run 'npm run build:prod' first." >&2
    exit 1
  fi
done
if ! ls "$LABEXT"/static/remoteEntry.*.js >/dev/null 2>&1; then
  echo "compat-env: no remoteEntry in $LABEXT/static; run 'npm run build:prod' first." >&2
  exit 1
fi
if [ ! -x "$BUILD_PY" ] || ! "$BUILD_PY" -c 'import hatchling, hatch_jupyter_builder, hatch_nodejs_version' 2>/dev/null; then
  echo "compat-env: $BUILD_PY lacks hatchling/hatch-jupyter-builder/hatch-nodejs-version; run 'make install' first." >&2
  exit 1
fi

# 2. The venv with the old JupyterLab (kept between runs).
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/python" -m pip install -q --upgrade pip
fi
have="$("$VENV/bin/python" -c 'import jupyterlab; print(jupyterlab.__version__)' 2>/dev/null || true)"
if [ "$have" != "$JUPYTERLAB_VERSION" ]; then
  echo "compat-env: installing jupyterlab==$JUPYTERLAB_VERSION into $VENV"
  "$VENV/bin/python" -m pip install -q "jupyterlab==$JUPYTERLAB_VERSION"
fi

# 3. A wheel of the extension as built now, without npm.
wheels="$(mktemp -d)"
trap 'rm -rf "$wheels"' EXIT
"$BUILD_PY" -m pip wheel -q --no-deps --no-build-isolation -w "$wheels" . >"$wheels/build.log" 2>&1 || {
  cat "$wheels/build.log" >&2
  exit 1
}
if grep -qiE 'npm (run|ci|install)' "$wheels/build.log"; then
  echo "compat-env: the wheel build ran npm; it must not." >&2
  exit 1
fi
wheel="$(ls "$wheels"/jupyterlab_sagemaker_nlp-*.whl)"

# 4. Install it with its own dependencies (jupyter_server, botocore); the
# JupyterLab pinned above stays as it is (--upgrade-strategy only-if-needed).
"$VENV/bin/python" -m pip install -q --force-reinstall --no-deps "$wheel"
"$VENV/bin/python" -m pip install -q --upgrade-strategy only-if-needed "$wheel"

# 5. Check what the test will see.
"$VENV/bin/jupyter" labextension list 2>&1 | grep -E 'JupyterLab v|jupyterlab-sagemaker-nlp' || true
"$VENV/bin/jupyter" server extension list 2>&1 | grep -E 'jupyterlab_sagemaker_nlp' || true
got="$("$VENV/bin/python" -c 'import jupyterlab; print(jupyterlab.__version__)')"
if [ "$got" != "$JUPYTERLAB_VERSION" ]; then
  echo "compat-env: expected jupyterlab $JUPYTERLAB_VERSION in $VENV, found $got" >&2
  exit 1
fi
echo "compat-env: $VENV ready (JupyterLab $got, $(basename "$wheel"))"
