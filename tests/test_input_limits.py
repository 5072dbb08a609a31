"""Input that used to answer 500 or be accepted wrongly: now 400/413 naming the field,
and nothing is created."""

import asyncio
import json
import os

import pytest
from conftest import spec

from jupyterlab_sagemaker_nlp.local import contract, logs
from jupyterlab_sagemaker_nlp.local.settings import SageMakerNLP

LIMIT = 4 * 1024 * 1024  # max_spec_bytes in these tests
MIB = 1024 * 1024


@pytest.fixture
def local_config():
    return {"max_concurrent_jobs": 2, "stop_grace_seconds": 1.0, "max_spec_bytes": LIMIT}


@pytest.fixture
def listing(runner, jobs_dir):
    """What the jobs folder gained since the server started (it may keep files of its own)."""
    before = set(os.listdir(jobs_dir)) if jobs_dir.exists() else set()
    yield lambda: (set(os.listdir(jobs_dir)) if jobs_dir.exists() else set()) - before


MANY = {"a": "x" * 70000, "b": "x" * 70000}
BAD_SPECS = {
    "job name newline": (spec(name="abc\n"), r"Job name 'abc\n' is invalid"),
    "channel newline": (spec(channels={"train\n": "data"}), r"Channel name 'train\n' is invalid"),
    "channel .": (spec(channels={".": "data"}), "Channel name '.' is invalid"),
    "channel ..": (spec(channels={"..": "data"}), "Channel name '..' is invalid"),
    "path NUL": (spec(extra_files={"a\0b.py": ""}),
                 r"Source path 'a\x00b.py' contains a NUL character"),
    "path 5000": (spec(extra_files={"a/" * 2500 + "x.py": ""}),
                  "is 5004 bytes long; paths in the source directory may be at most 1024 bytes"),
    "segment 300": (spec(extra_files={"d/" + "a" * 300 + ".py": ""}),
                    "has a name longer than 255 bytes"),
    "path surrogate": (spec(extra_files={"\udc80.py": ""}),
                       "Source path '\\udc80.py' contains '\\udc80'"),
    "content surrogate": (spec(extra_files={"x.py": "\ud800"}),
                          "Source file 'x.py' contains '\\ud800'"),
    "file and folder": (spec(extra_files={"lib": "", "lib/x.py": ""}),
                        "Source path 'lib' is a file and also the folder of other source files"),
    "entry -x.sh": (spec("#!/bin/sh", entry="-x.sh"),
                    "Entry point '-x.sh': '-x.sh' starts with '-'"),
    "entry -bin/x.sh": (spec("#!/bin/sh", entry="-bin/x.sh"), "'-bin' starts with '-'"),
    "hyperparameter 200 KB": (
        spec(hyperparameters={"blob": "x" * 200000}),
        "Hyperparameter 'blob' is 200012 bytes as the environment variable SM_HP_BLOB; Linux "
        "limits one argument or environment variable to 131072 bytes (MAX_ARG_STRLEN) — "
        "shorten it, or pass the data as a file in a channel."),
    "hyperparameters 140 KB": (spec(hyperparameters=MANY),
                               "The hyperparameters together are 140015 bytes as JSON"),
    "hyperparameter surrogate": (spec(hyperparameters={"s": ["\ud800"]}),
                                 "Hyperparameter 's' contains '\\ud800'"),
}


@pytest.mark.parametrize("case", BAD_SPECS)
async def test_bad_specs_answer_400_and_create_nothing(api, jp_root_dir, listing, case):
    body, message = BAD_SPECS[case]
    (jp_root_dir / "data").mkdir()
    code, answer = await post_raw(api, json.dumps(body).encode())
    assert code == 400, answer
    assert message in answer["message"], answer["message"]
    code, _ = await api.call("GET", f"local/jobs/{body.name}")
    assert code == 404
    assert listing() == set()


async def post_raw(api, body: bytes, path=("local", "jobs"), method="POST"):
    r = await api.fetch("sagemaker-nlp", *path, method=method, body=body, raise_error=False)
    return r.code, json.loads(r.body)


async def test_a_body_that_is_not_utf8_answers_400(api, listing):
    for path, method in ((("local", "jobs"), "POST"), (("local", "config"), "PUT")):
        code, answer = await post_raw(api, '{"jobName": "caf\u00e9"}'.encode("latin-1"),
                                      path, method)
        assert code == 400, answer
        assert answer["message"].startswith("The request body must be UTF-8 JSON; byte 16")
    code, answer = await post_raw(api, b"[" * 100000)
    assert code == 400 and "must be UTF-8 JSON; it is not valid JSON" in answer["message"]
    assert listing() == set()


async def test_a_jobs_dir_with_nul_or_a_surrogate_answers_400(api, runner, jobs_dir):
    for folder in ("a\0b", "\ud800"):
        code, answer = await api.call("PUT", "local/config", {"jobsDir": folder})
        assert code == 400, answer
        assert answer["message"].startswith("jobsDir contains a NUL character or a lone surrogate")
    assert runner.store.root == str(jobs_dir)


async def test_log_tokens_must_be_those_of_a_page(api):
    body = spec("print('one')")
    await api.submit(body)
    await api.wait(body.name)
    for token in ("9" * 30, "-1", "abc", "\u0663"):
        code, answer = await api.call("GET", f"local/jobs/{body.name}/logs",
                                      nextToken=token)
        assert code == 400, (token, answer)
        assert answer["message"].startswith("nextToken must be the nextForwardToken of an "
                                            "earlier page (a whole number)")
    page = await api.get(f"local/jobs/{body.name}/logs", nextToken="9" * 18)
    assert page == {"events": [], "nextForwardToken": "9" * 18}


def test_log_pages_are_bounded_by_bytes(tmp_path):
    path = tmp_path / "output.log"
    lines = [f"{i:03d}" + "x" * 200_000 for i in range(12)] + ["short"] * 3
    path.write_text("".join(f"{1000 + i}\t{m}\n" for i, m in enumerate(lines)))
    seen, token, pages = [], None, 0
    while pages < 20:
        page = logs.read_page(str(path), token, 10000)
        pages += 1
        if not page["events"]:
            break
        assert sum(len(e["message"]) for e in page["events"]) <= MIB
        seen += [e["message"] for e in page["events"]]
        token = page["nextForwardToken"]
    assert seen == lines  # each line once, in order
    assert token == str(path.stat().st_size) and pages == 4  # 5 + 5 + 5 lines, then none
    huge = tmp_path / "huge.log"
    huge.write_text(f"1\t{'y' * (2 * MIB)}\n2\tnext\n")
    page = logs.read_page(str(huge), None, 10000)
    assert [len(e["message"]) for e in page["events"]] == [2 * MIB]
    assert logs.read_page(str(huge), page["nextForwardToken"], 10)["events"][0]["message"] == "next"


async def test_a_spec_over_the_size_limit_answers_413(api, listing):
    big = json.dumps(spec(extra_files={"data.csv": "x" * LIMIT})).encode()
    code, answer = await post_raw(api, big)
    assert code == 413, answer
    assert answer["message"].startswith(
        f"The job spec is {len(big)} bytes; this server accepts at most {LIMIT} bytes (4 MiB, "
        "c.SageMakerNLP.max_spec_bytes)")

    async def produce(write):  # chunked, no Content-Length: the size is counted as it arrives
        for start in range(0, len(big), 65536):
            await write(big[start:start + 65536])

    r = await api.fetch("sagemaker-nlp", "local", "jobs", method="POST", raise_error=False,
                        body_producer=produce)
    assert r.code == 413 and "max_spec_bytes" in json.loads(r.body)["message"]
    assert listing() == set()
    assert SageMakerNLP().max_spec_bytes == 32 * 1024 * 1024


async def test_the_size_is_checked_before_the_body_is_read(api, jp_http_port, jp_base_url,
                                                           jp_auth_header, listing):
    """The headers alone get the 413 (or the 403 without a token); no byte of body is sent."""
    for headers, status in ((jp_auth_header, b"413"), ({}, b"403")):
        reader, writer = await asyncio.open_connection("127.0.0.1", jp_http_port)
        lines = [f"POST {jp_base_url}sagemaker-nlp/local/jobs HTTP/1.1",
                 f"Host: 127.0.0.1:{jp_http_port}", "Content-Type: application/json",
                 f"Content-Length: {100 * 1024 * 1024}"]
        lines += [f"{k}: {v}" for k, v in headers.items()]
        writer.write(("\r\n".join(lines) + "\r\n\r\n").encode())
        try:
            answer = await asyncio.wait_for(reader.readline(), 5)
        finally:
            writer.close()
        assert answer.split()[1] == status, answer
    assert listing() == set()


def test_a_shell_entry_point_is_quoted():
    assert contract.command("py", "run me.sh", ["--a", "x y"]) == [
        "/bin/sh", "-c", "'./run me.sh' --a 'x y'"]


async def test_an_entry_point_with_a_space_runs(api):
    body = spec('#!/bin/sh\necho "ran with $*"\n', entry="run me.sh",
                hyperparameters={"a": "x y"})  # "-a" for one letter
    await api.submit(body)
    job = await api.wait(body.name)
    assert job["TrainingJobStatus"] == "Completed", job.get("FailureReason")
    assert "ran with -a x y" in await api.all_logs(body.name)
