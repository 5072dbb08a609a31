"""POST /sagemaker-nlp/script/check: is a generated training script valid Python?

The judge is Python itself: the notebook kernel's interpreter compiles the script
(``compile(..., "exec")``, which also catches what only the compiler sees, such as a
``return`` outside a function). The browser maps the error's line back to the cell.
Nothing of the script runs: the child process only compiles it.
"""

from __future__ import annotations

import asyncio
import json
import sys
from typing import Annotated, Any, ClassVar, Optional

import tornado.web
from jupyter_server.base.handlers import APIHandler
from pydantic import ConfigDict, Field

from .local.errors import SpecError
from .local.python import resolve_python
from .wire import BadRequest, Fix, Request

MAX_SCRIPT_BYTES = 8 * 1024 * 1024
TIMEOUT_SECONDS = 20
# Compiles stdin as train.py; prints {"python": version, "error": null | {...}}.
_COMPILE = r"""
import json, sys, warnings
source = sys.stdin.buffer.read()
answer = {"python": "%d.%d.%d" % sys.version_info[:3], "error": None}
try:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        compile(source, "train.py", "exec", dont_inherit=True)
except SyntaxError as e:
    answer["error"] = {"kind": type(e).__name__, "message": e.msg, "line": e.lineno,
                       "column": e.offset, "endLine": getattr(e, "end_lineno", None),
                       "endColumn": getattr(e, "end_offset", None)}
except ValueError as e:
    answer["error"] = {"kind": "ValueError", "message": str(e), "line": None,
                       "column": None, "endLine": None, "endColumn": None}
sys.stdout.write(json.dumps(answer))
"""
# Compiling is quick, but a few notebooks at once must not take every core.
_running = asyncio.Semaphore(2)


class ScriptCheckRequest(Request):
    model_config = ConfigDict(strict=True, frozen=True, extra="forbid")
    not_object: ClassVar[str] = "The body must be a JSON object {script, kernelName?}."

    script: Annotated[str, Fix("script must be the text of the training script.")]
    kernel_name: Annotated[
        Optional[str], Field(alias="kernelName"),
        Fix("kernelName must be the name of the notebook's kernel, or left out."),
    ] = None


async def compile_with(python: str, script: str) -> dict[str, Any]:
    """What ``python`` says of ``script``: its version and the first syntax error, or None."""
    async with _running:
        proc = await asyncio.create_subprocess_exec(
            python, "-I", "-c", _COMPILE,
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        try:
            out, err = await asyncio.wait_for(
                proc.communicate(script.encode("utf-8", "surrogatepass")), TIMEOUT_SECONDS)
        except asyncio.TimeoutError:
            proc.kill()
            await proc.wait()
            raise tornado.web.HTTPError(
                504, f"{python} took over {TIMEOUT_SECONDS} s to compile the script.")
    try:
        return json.loads(out)
    except ValueError:
        raise tornado.web.HTTPError(
            500, f"{python} could not check the script: {err.decode('utf-8', 'replace')[-500:]}")


class ScriptCheckHandler(APIHandler):
    @tornado.web.authenticated
    async def post(self):
        if len(self.request.body) > MAX_SCRIPT_BYTES:
            raise tornado.web.HTTPError(
                413, f"The script is over {MAX_SCRIPT_BYTES // 2**20} MiB: move data out of "
                "the notebook's cells into files.")
        try:
            body = json.loads(self.request.body or b"null")
            request = ScriptCheckRequest.parse(body)
        except ValueError:
            raise tornado.web.HTTPError(400, ScriptCheckRequest.not_object)
        except BadRequest as e:
            raise tornado.web.HTTPError(400, e.message)
        python, note = await self._python(request.kernel_name)
        answer = await compile_with(python, request.script)
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps({**answer, "interpreter": python, "note": note}))

    async def _python(self, kernel_name: Optional[str]) -> tuple[str, Optional[str]]:
        """The kernel's interpreter; the server's own when the kernel cannot say."""
        manager = self.settings.get("kernel_spec_manager")
        if kernel_name and manager is not None:
            try:
                return await resolve_python(manager, kernel_name), None
            except SpecError as e:
                return sys.executable, f"{e.message} The server's Python checked the script."
        return sys.executable, None


ROUTES = [(r"/script/check", ScriptCheckHandler)]
