"""Server configuration of the local backend (``jupyter_server_config.py``)::

    c.SageMakerNLP.jobs_dir = "/data/sagemaker-nlp-jobs"
    c.SageMakerNLP.max_concurrent_jobs = 2
    c.SageMakerNLP.stop_grace_seconds = 10
    c.SageMakerNLP.max_spec_bytes = 32 * 1024 * 1024
"""

from __future__ import annotations

import os

from jupyter_core.paths import jupyter_data_dir
from traitlets import Float, Integer, Unicode, default
from traitlets.config import Configurable


class SageMakerNLP(Configurable):
    """The extension (app.py) makes one with itself as parent: it sees the server's config."""

    jobs_dir = Unicode(
        config=True,
        help="Folder of local training jobs (one sub-folder per job, with the /opt/ml layout). "
        "Relative paths are relative to the server's root_dir.",
    )
    max_concurrent_jobs = Integer(
        2, min=1, config=True, help="Local jobs running at once; the others wait as Pending."
    )
    stop_grace_seconds = Float(
        10.0, min=0, config=True,
        help="Seconds between SIGTERM and SIGKILL when a local job is stopped.",
    )
    max_spec_bytes = Integer(
        32 * 1024 * 1024, min=1, config=True,
        help="Largest job spec (the POST body, source files included) the local backend "
        "accepts; a larger one is answered 413.",
    )

    @default("jobs_dir")
    def _default_jobs_dir(self) -> str:
        return os.path.join(jupyter_data_dir(), "sagemaker-nlp", "jobs")
