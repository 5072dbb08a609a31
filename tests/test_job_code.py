"""GET /sagemaker-nlp/local/jobs/<name>/code: the text files a local job ran, safely."""

from __future__ import annotations

import os

from tornado.httpclient import AsyncHTTPClient

from conftest import spec
from jupyterlab_sagemaker_nlp.local import sourcefiles

SCRIPT = "import os\nC = 0.5  # the old value\nprint('accuracy=0.9')\n"


async def finished(api, body) -> str:
    await api.submit(body)
    await api.wait(body.name)
    return body.name


def code_dir(runner, name: str) -> str:
    return runner.store.layout(name).code


async def test_answers_exactly_the_files_the_job_ran(api):
    name = await finished(api, spec(SCRIPT, extra_files={
        "requirements.txt": "scikit-learn\n", "pkg/util.py": "X = 'é'\n"}))
    answer = await api.get(f"local/jobs/{name}/code")
    assert answer == {
        "files": [
            {"path": "pkg/util.py", "content": "X = 'é'\n"},
            {"path": "requirements.txt", "content": "scikit-learn\n"},
            {"path": "train.py", "content": SCRIPT},
        ],
        "skipped": [],
    }


async def test_binary_big_and_pycache_files_are_named_not_sent(api, runner, monkeypatch):
    name = await finished(api, spec(SCRIPT))
    code = code_dir(runner, name)
    with open(os.path.join(code, "weights.bin"), "wb") as f:
        f.write(b"\x00\x01\x02")
    with open(os.path.join(code, "latin1.txt"), "wb") as f:
        f.write("café".encode("latin-1"))
    with open(os.path.join(code, "big.txt"), "w") as f:
        f.write("x" * 2048)
    os.makedirs(os.path.join(code, "__pycache__"))
    with open(os.path.join(code, "__pycache__", "m.cpython-311.pyc"), "wb") as f:
        f.write(b"\x00pyc")
    monkeypatch.setattr(sourcefiles, "MAX_FILE_BYTES", 1024)
    answer = await api.get(f"local/jobs/{name}/code")
    assert [f["path"] for f in answer["files"]] == ["train.py"]
    assert answer["skipped"] == [
        {"path": "big.txt", "reason": "2048 bytes, over the 1 KiB shown per file"},
        {"path": "latin1.txt", "reason": "not UTF-8 text"},
        {"path": "weights.bin", "reason": "a binary file"},
    ]


async def test_links_out_of_the_code_folder_are_refused(api, runner, tmp_path):
    name = await finished(api, spec(SCRIPT))
    code = code_dir(runner, name)
    secret = tmp_path / "secret.txt"
    secret.write_text("do not show")
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "a.py").write_text("nor this")
    os.symlink(secret, os.path.join(code, "leak.txt"))
    os.symlink(tmp_path / "outside", os.path.join(code, "outside"))
    os.symlink("train.py", os.path.join(code, "inside.py"))  # inside: shown
    answer = await api.get(f"local/jobs/{name}/code")
    assert {f["path"]: f["content"] for f in answer["files"]} == {
        "inside.py": SCRIPT, "train.py": SCRIPT}
    assert answer["skipped"] == [
        {"path": "leak.txt", "reason": "a symbolic link out of the job's code folder"},
        {"path": "outside", "reason": "a symbolic link to a folder"},
    ]
    assert "do not show" not in str(answer) and "nor this" not in str(answer)


async def test_the_total_is_capped_and_the_rest_named(api, runner, monkeypatch):
    name = await finished(api, spec(SCRIPT, extra_files={"a.txt": "a" * 600, "b.txt": "b" * 600}))
    monkeypatch.setattr(sourcefiles, "MAX_TOTAL_BYTES", 1000)
    answer = await api.get(f"local/jobs/{name}/code")
    assert [f["path"] for f in answer["files"]] == ["a.txt", "train.py"]
    assert answer["skipped"] == [
        {"path": "b.txt", "reason": "600 bytes, over the 1000 bytes shown per job in all"}]


async def test_unknown_job_and_deleted_code_folder_are_404(api, runner):
    code, body = await api.call("GET", "local/jobs/no-such-job/code")
    assert code == 404 and "no-such-job" in body["message"]
    name = await finished(api, spec(SCRIPT))
    os.rename(code_dir(runner, name), code_dir(runner, name) + ".gone")
    code, body = await api.call("GET", f"local/jobs/{name}/code")
    assert code == 404 and "no code folder" in body["message"]


async def test_logged_out_is_refused(api, jp_http_port, jp_base_url):
    name = await finished(api, spec(SCRIPT))
    url = f"http://localhost:{jp_http_port}{jp_base_url}sagemaker-nlp/local/jobs/{name}/code"
    response = await AsyncHTTPClient().fetch(url, raise_error=False, follow_redirects=False)
    assert response.code in (401, 403)
    assert b"the old value" not in (response.body or b"")
