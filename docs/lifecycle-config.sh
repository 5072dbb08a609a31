#!/bin/bash
#
# SageMaker Notebook instance lifecycle configuration, "Start notebook" (on-start) script:
# installs jupyterlab-sagemaker-nlp into the environment that runs JupyterLab, then restarts
# the Jupyter server so that it loads the server extension and the labextension.
#
# Platforms: notebook-al2-v3 and notebook-al2023-v1 (JupyterLab 4). Older platforms run
# JupyterLab 1 or 3, which the extension does not support: the script then does nothing.
#
# Install (README, "On a SageMaker Notebook instance"):
#   aws sagemaker create-notebook-instance-lifecycle-config \
#     --notebook-instance-lifecycle-config-name sagemaker-nlp \
#     --on-start Content="$(base64 -w0 docs/lifecycle-config.sh)"
#   aws sagemaker update-notebook-instance --notebook-instance-name <name> \
#     --lifecycle-config-name sagemaker-nlp          # while the instance is stopped
# or paste this file into the console: Lifecycle configurations → Create → Start notebook.
#
# Why on-start and not on-create: only /home/ec2-user/SageMaker survives a stop and start;
# the conda environments (JupyterSystemEnv included) come back as the platform ships them,
# so the extension has to be installed at every start.
#
# What SageMaker does with this script: it runs it as root, with PATH=/sbin:bin:/usr/sbin:/usr/bin,
# and fails the start of the instance when it runs for more than 5 minutes. Its output goes
# to CloudWatch Logs, log group /aws/sagemaker/NotebookInstances, stream
# <instance name>/LifecycleConfigOnStart: look there when the extension is missing.
#
# Choices:
# - A failed install never stops the instance from starting (no `set -e`): it starts without
#   the extension and the log says why (typically: no route to PyPI from an instance in a
#   VPC without internet access; point pip at your mirror with PIP_INDEX_URL below).
# - Installing one prebuilt wheel takes seconds, so it runs in the foreground (its output
#   lands in the log) under `timeout`, well inside the 5 minutes; no nohup needed.
# - Nothing else is upgraded: the package does not depend on jupyterlab, and pip leaves
#   requirements that are already met (jupyter_server 2, botocore) as they are.

SECONDS_FOR_PIP=180

# Run as ec2-user, the user JupyterLab runs as and who owns /home/ec2-user/anaconda3 (AWS's
# samples do the same). The quoted 'EOF' keeps $variables for the inner shell. Exit codes of
# the inner shell: 0 installed, 10 skipped (not JupyterLab 4), anything else failed.
timeout "$SECONDS_FOR_PIP" sudo -u ec2-user -i <<'EOF'
PACKAGE="jupyterlab-sagemaker-nlp"   # pin a version here if you want one: jupyterlab-sagemaker-nlp==X.Y.Z
# export PIP_INDEX_URL=https://pypi.example.internal/simple   # a PyPI mirror, for VPC-only instances

# JupyterSystemEnv is the conda environment JupyterLab and the Jupyter server run from. The
# kernels (conda_python3, conda_pytorch_p310, ...) are other environments: installing there,
# or with `!pip install` in a notebook, does not reach JupyterLab.
source /home/ec2-user/anaconda3/bin/activate JupyterSystemEnv || exit 1

LAB_VERSION=$(python -c 'import jupyterlab; print(jupyterlab.__version__)') || exit 1
case "$LAB_VERSION" in
    4.*) ;;
    *) echo "sagemaker-nlp: JupyterLab $LAB_VERSION in JupyterSystemEnv; the extension needs JupyterLab 4 (platform notebook-al2-v3 or notebook-al2023-v1): not installed"
       exit 10 ;;
esac

echo "sagemaker-nlp: installing $PACKAGE for JupyterLab $LAB_VERSION"
pip install --disable-pip-version-check --no-input --progress-bar off --timeout 30 "$PACKAGE" || exit 1

# Show what the Jupyter server will load (both lines should say "enabled" / "OK").
jupyter server extension list 2>&1 | grep -F jupyterlab_sagemaker_nlp
jupyter labextension list 2>&1 | grep -F jupyterlab-sagemaker-nlp
conda deactivate
exit 0
EOF
STATUS=$?

case "$STATUS" in
    0)
        # Restart the Jupyter server the way AWS's lifecycle samples do on Amazon Linux 2 and
        # AL2023 (a systemd unit named jupyter-server). --no-block: queue the restart and
        # return, instead of waiting on a unit that may itself wait for this script to end.
        echo "sagemaker-nlp: installed; restarting the Jupyter server"
        systemctl --no-block restart jupyter-server
        ;;
    10) ;;
    124) echo "sagemaker-nlp: the install took more than $SECONDS_FOR_PIP s and was stopped; the instance starts without the extension" ;;
    *) echo "sagemaker-nlp: the install failed (exit $STATUS, see above); the instance starts without the extension" ;;
esac
exit 0
