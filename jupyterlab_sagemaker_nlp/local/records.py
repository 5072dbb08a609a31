"""A folder of records under the jobs dir, as local endpoints and local transforms keep them:
``<jobsDir>/<folder>/<name>.json`` (the Describe answer's shape; keys starting with ``_``
are private), written atomically, with the child's log ``<name>.log`` beside it. A page reload, or
the next server, reads them back; what a restart makes of each is the owner's rule."""

from __future__ import annotations

import json
import logging
import os
from typing import Callable

from . import store

log = logging.getLogger(__name__)


class RecordFolder:
    def __init__(self, jobs_dir: Callable[[], str], folder: str, name_key: str, what: str):
        self._jobs_dir = jobs_dir  # called each time: the jobs dir can change at run time
        self.folder = folder
        self.name_key = name_key  # the record's name, e.g. EndpointName
        self.what = what  # for the log, e.g. "local endpoint"

    @property
    def root(self) -> str:
        return os.path.join(self._jobs_dir(), self.folder)

    def path(self, name: str, suffix: str = ".json") -> str:
        return os.path.join(self.root, name + suffix)

    def log_path(self, name: str) -> str:
        return self.path(name, ".log")

    def load(self) -> list[dict]:
        """The records found, in file name order; a file that is not one is skipped."""
        try:
            names = sorted(n for n in os.listdir(self.root) if n.endswith(".json"))
        except OSError:
            return []
        records = []
        for file_name in names:
            try:
                with open(os.path.join(self.root, file_name), encoding="utf-8") as f:
                    record = json.load(f)
            except (OSError, ValueError):
                continue
            if isinstance(record, dict) and self.name_key in record:
                records.append(record)
        return records

    def save(self, record: dict) -> None:
        """Atomically; a disk that fails is logged, not raised: the record in memory is right."""
        name = record[self.name_key]
        try:
            os.makedirs(self.root, exist_ok=True)
            store.write_json_atomic(self.path(name), record)
        except OSError as e:
            log.warning("Could not record %s %s: %s", self.what, name, e)
