# Two entry points for a newcomer: `make lab` and `make test`.
# Every install step lives here, so a fresh machine (or CI) needs nothing else.

VENV    := .venv
PY      := $(VENV)/bin/python
JUPYTER := $(VENV)/bin/jupyter
export PATH := $(CURDIR)/$(VENV)/bin:$(PATH)
# Off AWS, botocore would look for credentials at the EC2 metadata address
# (a second's wait, and traffic this machine must not send); on a SageMaker
# Notebook instance that is where the instance role comes from.
ifeq ($(wildcard /opt/ml/metadata/resource-metadata.json),)
export AWS_EC2_METADATA_DISABLED := true
endif
AS_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: lab test install install-python install-node build chromium jest pytest ui-tests bench clean

## Set everything up and open JupyterLab on the examples (local mode, no AWS).
lab: install build
	cd examples && HF_HUB_OFFLINE=1 ../$(JUPYTER) lab $(AS_ROOT)

## Install what the tests need and run all of them (jest, pytest, Playwright).
test: install build chromium
	bash scripts/run-tests.sh

install: install-node install-python

$(PY):
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

node_modules/.installed: package-lock.json
	npm ci --no-audit --no-fund
	touch $@

install-node: node_modules/.installed

# torch is pinned to the CPU wheel on these machines' disk; unpinned it
# pulls a CUDA build of several GB.
$(VENV)/.installed: $(PY) pyproject.toml node_modules/.installed
	$(PY) -m pip install -q 'torch==2.13.0'
	$(PY) -m pip install -q 'jupyterlab>=4.6,<4.7' hatchling 'hatch-jupyter-builder>=0.9' 'hatch-nodejs-version>=0.3.2' editables jupyter-builder
	npm run build:prod  # built first, so pip's build hook finds it and skips npm
	$(PY) -m pip install -q --no-build-isolation -e '.[test,examples]'
	$(JUPYTER) labextension develop --overwrite .
	$(JUPYTER) server extension enable --sys-prefix jupyterlab_sagemaker_nlp
	touch $@

install-python: $(VENV)/.installed

build: install
	npm run build:prod

chromium:
	@test -x /usr/bin/chromium || { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; }

jest: install
	bash scripts/jest.sh

pytest: install
	$(PY) -m pytest tests

ui-tests: install build chromium
	npx playwright test -c ui-tests/playwright.config.js

# bench/sagemaker_submit.mjs runs the SDK's fit in its own venv.
.venv-sdk/.installed: scripts/sdk-venv.sh
	bash scripts/sdk-venv.sh

bench: install build chromium .venv-sdk/.installed
	node bench/local_start.mjs
	node bench/startup.mjs
	node bench/sagemaker_submit.mjs
	node bench/script_builder.mjs
	node bench/poll_budget.mjs
	node bench/endpoint_poll.mjs
	node bench/chart_redraw.mjs
	$(PY) bench/proxy_memory.py
	$(PY) bench/regex_freeze.py
	$(PY) bench/script_check.py
	$(PY) bench/channel_upload.py
	$(PY) bench/local_endpoint.py
	$(PY) bench/local_transform.py
	node bench/log_view.mjs
	node --expose-gc bench/model_repack.mjs

clean:
	rm -rf lib jupyterlab_sagemaker_nlp/labextension tsconfig.tsbuildinfo node_modules/.installed $(VENV)/.installed
