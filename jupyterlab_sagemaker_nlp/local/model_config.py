"""The Hugging Face task a local job's model names (docs/local-api.md, ``…/hf-task``).

The model's ``config.json`` (in the model folder, or in a folder one level down, as
``save_pretrained(os.path.join(model_dir, "model"))`` leaves it) names its class in
``architectures``; the class's suffix gives the pipeline task, by ``hf_tasks.json``:
the same table the endpoint's process (serving_child.py) and the deploy dialog use.
"""

from __future__ import annotations

import json
import os
from functools import lru_cache
from typing import Optional

TASKS_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "hf_tasks.json")
# A config.json is a few KiB; anything much bigger is not one.
MAX_CONFIG_BYTES = 1024 * 1024


@lru_cache(maxsize=1)
def hf_tasks() -> tuple[tuple[str, str], ...]:
    """(architecture suffix, task) pairs, the first match wins."""
    with open(TASKS_FILE, encoding="utf-8") as f:
        return tuple((suffix, task) for suffix, task in json.load(f))


def task_from_config(config: object) -> dict:
    """``{"task", "architecture"}`` for the first architecture with a known task, else ``{}``."""
    architectures = config.get("architectures") if isinstance(config, dict) else None
    if not isinstance(architectures, list):
        return {}
    for architecture in architectures:
        if not isinstance(architecture, str):
            continue
        for suffix, task in hf_tasks():
            if architecture.endswith(suffix):
                return {"task": task, "architecture": architecture}
    return {}


def hf_task_of(model_dir: str) -> dict:
    """The task the model folder's config.json names; ``{}`` when there is none to read."""
    path = config_path(model_dir)
    if path is None:
        return {}
    try:
        with open(path, "rb") as f:
            text = f.read(MAX_CONFIG_BYTES + 1)
        if len(text) > MAX_CONFIG_BYTES:
            return {}
        return task_from_config(json.loads(text.decode("utf-8")))
    except (OSError, ValueError):
        return {}  # unreadable or not JSON: nothing to propose; the dialog says so


def config_path(model_dir: str) -> Optional[str]:
    """``config.json`` at the top of the folder, else in the first subfolder holding one;
    only a file inside the folder (a link out of it is not followed)."""
    if not os.path.isdir(model_dir):
        return None
    root = os.path.realpath(model_dir)
    subfolders = sorted(entry.name for entry in os.scandir(root) if entry.is_dir())
    for rel in ["config.json", *(os.path.join(d, "config.json") for d in subfolders)]:
        path = os.path.realpath(os.path.join(root, rel))
        if path.startswith(root + os.sep) and os.path.isfile(path):
            return path
    return None
