"""Jupyter server for the compatibility test (ui-tests/compat/): the old
JupyterLab in .venv-compat, on port 8890 (Galata's suite has 8888), with what
these machines need (root user, a read-only extension manager), no token, and
temporary folders for files, settings, workspaces and jobs so the test never
touches a developer's. Written out rather than taken from
jupyterlab.galata so it works on any JupyterLab 4."""
import os
from tempfile import mkdtemp

c = get_config()  # noqa: F821

c.ServerApp.ip = "127.0.0.1"
c.ServerApp.port = int(os.environ.get("COMPAT_PORT", "8890"))
c.ServerApp.port_retries = 0
c.ServerApp.open_browser = False
c.ServerApp.allow_root = True
c.ServerApp.root_dir = mkdtemp(prefix="sagemaker-nlp-compat-root-")
c.IdentityProvider.token = ""
c.ServerApp.password = ""
c.ServerApp.disable_check_xsrf = True
c.LabApp.extension_manager = "readonly"
c.LabApp.expose_app_in_browser = True
c.LabApp.user_settings_dir = mkdtemp(prefix="sagemaker-nlp-compat-settings-")
c.LabApp.workspaces_dir = mkdtemp(prefix="sagemaker-nlp-compat-workspaces-")
c.SageMakerNLP.jobs_dir = os.environ.get("SAGEMAKER_NLP_JOBS_DIR") or mkdtemp(
    prefix="sagemaker-nlp-compat-jobs-"
)
