"""Jupyter server for the UI tests: Galata's test setup, plus what these
machines need (root user, a read-only extension manager) and a jobs folder
of its own so tests never touch a developer's jobs."""
import os
from tempfile import mkdtemp

from jupyterlab.galata import configure_jupyter_server

# No EC2 metadata look-ups for credentials on a test machine.
os.environ.setdefault("AWS_EC2_METADATA_DISABLED", "true")

c = get_config()  # noqa: F821
configure_jupyter_server(c)
c.ServerApp.allow_root = True
c.LabApp.extension_manager = "readonly"
c.SageMakerNLP.jobs_dir = os.environ.get("SAGEMAKER_NLP_JOBS_DIR") or mkdtemp(prefix="sagemaker-nlp-jobs-")
