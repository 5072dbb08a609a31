"""Why a command line was too long (E2BIG), in words that name the fix.

Linux refuses to start a process when one argument or environment string is
over 128 KiB (MAX_ARG_STRLEN), or when all of them together are over ARG_MAX
(a quarter of the stack size limit, ``ulimit -s``; 2 MiB by default). A job
gets its hyperparameters several times over: as ``--name value`` arguments,
as ``SM_HP_<NAME>``, and inside ``SM_HPS``, ``SM_TRAINING_ENV`` and
``SM_USER_ARGS``.
"""

from __future__ import annotations

import os

MAX_ARG_STRLEN = 128 * 1024
FIX = "Shorten the hyperparameter, or pass the data as a file in a channel."


def too_long_message(cmd: list, env: dict) -> str:
    # (what it is, its size in bytes, whether the job's spec made it)
    strings = [(_argument(cmd, i), _size(cmd[i]), True) for i in range(1, len(cmd))]
    strings += [(f"the environment variable {k}", _size(f"{k}={v}"), k.startswith("SM_"))
                for k, v in env.items()]
    what, size, from_spec = max(strings, key=lambda s: s[1])
    limit = f"Linux allows at most {kib(MAX_ARG_STRLEN)} per argument or environment value"
    # One string over the limit is the whole story; else it is their sum.
    if size > MAX_ARG_STRLEN and from_spec:
        return (f"The hyperparameters are too long for this system's command line: {what} is "
                f"{kib(size)}, and {limit}. {FIX}")
    if size > MAX_ARG_STRLEN:
        return (f"The Jupyter server's environment is too large to start a job: {what} is "
                f"{kib(size)}, and {limit}. Unset or shorten it, then restart Jupyter.")
    total = sum(s[1] for s in strings) + _size(cmd[0])
    spec_part = sum(s[1] for s in strings if s[2])
    try:
        arg_max = f"at most {kib(os.sysconf('SC_ARG_MAX'))}"
    except (ValueError, OSError):
        arg_max = "less"
    in_all = (f"the job's command line and environment are {kib(total)} in all, and this "
              f"system allows {arg_max} (a quarter of the stack size limit, `ulimit -s`)")
    if spec_part >= total - spec_part:
        return (f"The hyperparameters are too long for this system's command line: with them "
                f"{in_all}; {kib(spec_part)} of it comes from the hyperparameters and the job's "
                f"settings. {FIX}")
    return (f"The Jupyter server's environment is too large to start a job: {in_all}; "
            f"{kib(total - spec_part)} of it is the server's environment, which every job "
            "inherits. Trim it (or raise `ulimit -s`), then restart Jupyter.")


def kib(size: int) -> str:
    return f"{size / 1024:.0f} KiB" if size < 1024 * 1024 else f"{size / 1024 / 1024:.1f} MiB"


def _argument(cmd: list, i: int) -> str:
    before = str(cmd[i - 1])
    if i > 1 and before.startswith("-"):
        return f"the value of {_short(before)}"
    return f"the argument {_short(cmd[i])!r}"


def _size(text: str) -> int:
    return len(str(text).encode("utf-8", "replace")) + 1  # the kernel counts the NUL


def _short(text: str, keep: int = 40) -> str:
    text = str(text)
    return text if len(text) <= keep else text[:keep] + "…"
