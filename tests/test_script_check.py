"""POST /sagemaker-nlp/script/check: the kernel's own Python says whether a script is valid."""

from __future__ import annotations

import json
import sys

import pytest
from tornado.httpclient import HTTPClientError


async def check(jp_fetch, body) -> dict:
    response = await jp_fetch("sagemaker-nlp", "script", "check", method="POST",
                              body=json.dumps(body))
    return json.loads(response.body)


async def test_valid_python_the_grammar_refused_is_valid(jp_fetch):
    script = "momentum = 0.\nscale = [2., 3.]\ny = 1\nz = (3. * y)\nlr = 1.e-5\n"
    answer = await check(jp_fetch, {"script": script, "kernelName": "python3"})
    assert answer["error"] is None
    assert answer["python"] == "%d.%d.%d" % sys.version_info[:3]


async def test_a_long_valid_script_is_valid(jp_fetch):
    cells = [f"# --- cell {i} ---\ndef f{i}(x):\n    return x * {i}.\n" for i in range(2000)]
    answer = await check(jp_fetch, {"script": "\n".join(cells)})
    assert answer["error"] is None


@pytest.mark.parametrize("script, line, column, words", [
    ("x = 1\nfor i in range(3)\n    x += i\n", 2, 18, "expected ':'"),
    ("x = (1,\n     2\n", 1, 5, "was never closed"),
    ("y = = 2\n", 1, 5, "invalid syntax"),
    ("def f():\nreturn 1\n", 2, 1, "expected an indented block"),
    ("return 1\n", 1, 1, "'return' outside function"),
    ("await main()\n", 1, 1, "'await' outside function"),
])
async def test_an_invalid_script_names_line_and_column(jp_fetch, script, line, column, words):
    error = (await check(jp_fetch, {"script": script}))["error"]
    assert (error["line"], error["column"]) == (line, column)
    assert words in error["message"]


async def test_nothing_of_the_script_runs(jp_fetch, tmp_path):
    marker = tmp_path / "ran"
    script = f"open({str(marker)!r}, 'w').write('yes')\n"
    assert (await check(jp_fetch, {"script": script}))["error"] is None
    assert not marker.exists()


async def test_an_unknown_kernel_falls_back_to_the_servers_python(jp_fetch):
    answer = await check(jp_fetch, {"script": "x = 1\n", "kernelName": "no-such-kernel"})
    assert answer["error"] is None
    assert answer["interpreter"] == sys.executable
    assert "Unknown kernel 'no-such-kernel'" in answer["note"]


@pytest.mark.parametrize("body, words", [
    ({"kernelName": "python3"}, "script must be the text"),
    ({"script": 3}, "script must be the text"),
    ({"script": "x", "other": 1}, "Unknown fields"),
    ([1], "must be a JSON object"),
])
async def test_a_bad_request_names_the_fix(jp_fetch, body, words):
    with pytest.raises(HTTPClientError) as raised:
        await check(jp_fetch, body)
    assert raised.value.code == 400
    assert words in json.loads(raised.value.response.body)["message"]
