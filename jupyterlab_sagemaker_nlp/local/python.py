"""Which Python runs a job: the notebook kernel's, or a venv on top of it.

* ``resolve_python`` reads the kernel spec: its language must be Python; its
  ``argv[0]`` is the interpreter (a bare ``python``/``python3`` is ipykernel's
  default spec and means the server's own ``sys.executable``).
* ``requirements_env`` installs ``requirements.txt`` without touching the
  kernel's environment: a venv created from the kernel's Python with
  ``--system-site-packages``, cached under ``<jobsDir>/.envs/<hash>`` by hash
  of (python path, requirements text). ``--system-site-packages`` alone shows
  the *base* interpreter's packages, not those of a kernel that is itself a
  venv, so a ``.pth`` file adds the kernel's site-packages after the venv's
  own: the job sees everything the notebook sees, pip sees those as already
  installed, and anything pip adds or upgrades lands in the venv only.
"""

from __future__ import annotations

import asyncio
import hashlib
import inspect
import json
import os
import shutil
import sys
from typing import Any, Awaitable, Callable

from .errors import LocalError, SpecError

# run(cmd, cwd) -> exit code; the runner's, so output reaches the job log and Stop works.
Run = Callable[[list, str], Awaitable[int]]

_SITE_PATHS = (
    "import json, site, sysconfig\n"
    "p = sysconfig.get_paths()\n"
    "paths = [p['purelib'], p['platlib']] + list(getattr(site, 'getsitepackages', lambda: [])())\n"
    "if site.ENABLE_USER_SITE: paths.append(site.getusersitepackages())\n"
    "print(json.dumps(paths))\n"
)
_locks: dict[tuple, asyncio.Lock] = {}


async def resolve_python(kernel_spec_manager: Any, kernel_name: str) -> str:
    """The interpreter of kernel ``kernel_name``, or SpecError naming the fix."""
    try:
        spec = kernel_spec_manager.get_kernel_spec(kernel_name)
        if inspect.isawaitable(spec):
            spec = await spec
    except Exception:
        raise SpecError(
            f"Unknown kernel '{kernel_name}': no kernel spec of that name on this server — "
            "select an installed kernel for the notebook."
        )
    language = (getattr(spec, "language", "") or "").strip()
    if language.lower() != "python":
        raise SpecError(
            f"Kernel {kernel_name} runs {language or 'an unknown language'}; local training "
            "needs a Python kernel — switch the notebook's kernel"
        )
    argv = list(getattr(spec, "argv", None) or [])
    exe = argv[0] if argv else "python"
    if not os.path.isabs(exe):
        if exe in ("python", "python3"):
            return sys.executable
        found = shutil.which(exe)
        if not found:
            raise SpecError(
                f"Kernel {kernel_name}'s Python '{exe}' is not on the server's PATH — "
                "fix the kernel spec or choose another kernel."
            )
        return found
    if not os.access(exe, os.X_OK):
        raise SpecError(
            f"Kernel {kernel_name}'s Python {exe} does not exist or cannot run — "
            "fix the kernel spec or choose another kernel."
        )
    return exe


def env_key(python: str, requirements: str) -> str:
    return hashlib.sha256(f"{python}\0{requirements}".encode()).hexdigest()[:16]


def venv_python(env_dir: str) -> str:
    if os.name == "nt":
        return os.path.join(env_dir, "Scripts", "python.exe")
    return os.path.join(env_dir, "bin", "python")


async def _output(cmd: list) -> tuple[int, str]:
    proc = await asyncio.create_subprocess_exec(
        *cmd, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
        stdin=asyncio.subprocess.DEVNULL,
    )
    out, _ = await proc.communicate()
    return proc.returncode or 0, out.decode("utf-8", "replace").strip()


async def requirements_env(
    python: str, requirements_file: str, envs_dir: str, run: Run, log: Callable[[str], None]
) -> str:
    """Answer the python of a ready venv with the requirements installed."""
    with open(requirements_file, encoding="utf-8") as f:
        key = env_key(python, f.read())
    env_dir = os.path.join(envs_dir, key)
    ready = os.path.join(env_dir, ".ready")
    lock = _locks.setdefault((id(asyncio.get_running_loop()), env_dir), asyncio.Lock())
    async with lock:
        if os.path.exists(ready):
            log(f"Using the cached requirements environment {env_dir}")
            return venv_python(env_dir)
        if os.path.exists(env_dir):
            shutil.rmtree(env_dir, ignore_errors=True)  # left half-made by a crash
        os.makedirs(envs_dir, exist_ok=True)
        try:
            await _build(python, env_dir, requirements_file, run, log)
        except BaseException:
            shutil.rmtree(env_dir, ignore_errors=True)
            raise
        with open(ready, "w", encoding="utf-8") as f:
            json.dump({"python": python}, f)
        return venv_python(env_dir)


async def _build(python: str, env_dir: str, requirements: str, run: Run, log) -> None:
    log(f"Creating a virtual environment on top of {python} in {env_dir}")
    code = await run([python, "-m", "venv", "--without-pip", "--system-site-packages", env_dir],
                     os.path.dirname(env_dir))
    if code != 0:
        raise LocalError(f"Creating the requirements environment failed (exit code {code}).")
    new_python = venv_python(env_dir)
    code1, parent = await _output([python, "-c", _SITE_PATHS])
    code2, own = await _output([new_python, "-c", _SITE_PATHS])
    if code1 or code2:
        raise LocalError("Could not read the kernel's site-packages: " + (parent or own))
    own_paths = json.loads(own)
    seen = set(own_paths)
    parent_paths = [p for p in json.loads(parent) if p not in seen and not seen.add(p)]
    os.makedirs(own_paths[0], exist_ok=True)
    with open(os.path.join(own_paths[0], "_sagemaker_nlp_kernel_env.pth"), "w") as f:
        f.write("\n".join(parent_paths) + "\n")
    if (await _output([new_python, "-c", "import pip"]))[0] != 0:
        log("pip is not importable from the kernel's environment; bootstrapping it with ensurepip")
        if await run([new_python, "-m", "ensurepip", "--default-pip"], env_dir) != 0:
            raise LocalError("Bootstrapping pip in the requirements environment failed.")
    log("Installing requirements: pip install -r requirements.txt")
    code = await run(
        [new_python, "-m", "pip", "install", "--disable-pip-version-check", "--no-input",
         "-r", requirements],
        os.path.dirname(requirements),
    )
    if code != 0:
        raise LocalError(
            f"pip install -r requirements.txt failed (exit code {code}) — see the job's log "
            "and fix requirements.txt."
        )
