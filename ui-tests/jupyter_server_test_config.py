"""Jupyter server for the UI tests: Galata's test setup, plus what these
machines need (root user, a read-only extension manager) and a jobs folder
of its own so tests never touch a developer's jobs."""
import os
from tempfile import mkdtemp

from jupyterlab.galata import configure_jupyter_server

# No EC2 metadata look-ups for credentials on a test machine.
os.environ.setdefault("AWS_EC2_METADATA_DISABLED", "true")
# Local jobs inherit this. On these 2 cores the browser and the server run
# beside the training: torch's default of a thread per core then runs 10-30x
# slower than one thread (measured on tiny-BERT), and the UI tests time out.
os.environ.setdefault("OMP_NUM_THREADS", "1")

c = get_config()  # noqa: F821
configure_jupyter_server(c)
c.ServerApp.allow_root = True
c.LabApp.extension_manager = "readonly"
# AWS is a moto server (started by playwright.config.js) reached through the
# extension's signing proxy; the execution role is what a user would set.
MOTO_URL = os.environ.get("SAGEMAKER_NLP_MOTO_URL", "http://127.0.0.1:5055")
os.environ.update(
    AWS_ENDPOINT_URL=MOTO_URL,
    AWS_ACCESS_KEY_ID="testing",
    AWS_SECRET_ACCESS_KEY="testing",
    AWS_DEFAULT_REGION="us-east-1",
)
for name in ("AWS_PROFILE", "AWS_SESSION_TOKEN"):
    os.environ.pop(name, None)
c.SageMakerNLPAWS.role_arn = "arn:aws:iam::123456789012:role/SageMakerRole"

c.SageMakerNLP.jobs_dir = os.environ.get("SAGEMAKER_NLP_JOBS_DIR") or mkdtemp(prefix="sagemaker-nlp-jobs-")
