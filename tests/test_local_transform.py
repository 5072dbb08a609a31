"""Local batch transforms against a real Jupyter server: a real local job leaves the model, a
child process runs it over a folder next to the notebook (docs/local-api.md, "Local batch
transform")."""

from __future__ import annotations

import asyncio
import json
import re
import time

import pytest

from conftest import spec
from jupyterlab_sagemaker_nlp.local.serving import NAME
from jupyterlab_sagemaker_nlp.local.transform import RESTARTED, LocalTransforms
from jupyterlab_sagemaker_nlp.local.transform_handlers import TRANSFORMS_KEY
from test_local_endpoints import SKLEARN_TRAIN, WRITE_WEIGHTS, completed_job
from test_stop import alive

# y = 3x, slowly when asked; a negative x raises (the model's own message).
INFERENCE = """
import json, os, time
def model_fn(model_dir):
    with open(os.path.join(model_dir, "weights.txt")) as f:
        return int(f.read())
def input_fn(body, content_type):
    return json.loads(body)
def predict_fn(data, model):
    if data["x"] < 0:
        raise ValueError("x must not be negative, got %d" % data["x"])
    print("predicting", data["x"])  # goes to the transform's log, not into the answer
    time.sleep(data.get("sleep", 0))
    return data["x"] * model
def output_fn(prediction, accept):
    return json.dumps({"y": prediction}), "application/json"
"""


@pytest.fixture
def transforms(jp_serverapp, jp_asyncio_loop, runner):
    manager = jp_serverapp.web_app.settings[TRANSFORMS_KEY]
    yield manager
    jp_asyncio_loop.run_until_complete(manager.aclose())


def write(path, text) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text if isinstance(text, bytes) else text.encode())


async def start(api, **body) -> dict:
    code, answer = await api.call("POST", "local/transforms", body)
    assert code == 201, (code, answer)
    assert answer["TransformJobStatus"] == "InProgress"
    return answer


async def wait(api, name, until=("Completed", "Failed", "Stopped"), timeout=60) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        transform = await api.get(f"local/transforms/{name}")
        if transform["TransformJobStatus"] in until:
            return transform
        assert time.monotonic() < deadline, f"{name} still {transform['TransformJobStatus']}"
        await asyncio.sleep(0.05)


async def log_events(api, name) -> list:
    return (await api.get(f"local/transforms/{name}/logs", stream="local"))["events"]


def reviews(root):
    write(root / "data" / "test" / "reviews.csv",
          '"love it, great"\n\nawful and useless\r\n"wonderful, sharp"\n')
    write(root / "data" / "test" / "more" / "b.csv", '"terrible, broke"\ngreat product\n')
    write(root / "data" / "test" / ".hidden.csv", "great\n")
    write(root / "data" / "test" / ".ipynb_checkpoints" / "c.csv", "great\n")


async def test_lines_one_record_per_request(api, transforms, jp_root_dir):
    job = await completed_job(api, SKLEARN_TRAIN, cellId="cell-7")
    reviews(jp_root_dir)
    answer = await start(api, jobName=job, input="data/test", contentType="text/csv",
                         splitType="Line", assembleWith="Line")
    name = answer["TransformJobName"]
    base = re.sub(r"-\d{4}(-\d{2}){5}-\d{3}$", "", job)
    assert re.fullmatch(rf"{base}-transform-\d{{4}}(-\d{{2}}){{5}}-\d{{3}}", name), name
    done = await wait(api, name)
    assert done["TransformJobStatus"] == "Completed", done.get("FailureReason")
    out = jp_root_dir / "data" / "transform-output" / name
    assert (out / "reviews.csv.out").read_text() == '["positive"]\n["negative"]\n["positive"]\n'
    assert (out / "more" / "b.csv.out").read_text() == '["negative"]\n["positive"]\n'
    assert sorted(p.name for p in out.rglob("*") if p.is_file()) == ["b.csv.out", "reviews.csv.out"]

    assert done["TransformJobArn"] == f"local:transform-job/{name}"
    assert done["ModelName"] == job and done["JobName"] == job
    assert done["TransformInput"] == {"Folder": "data/test", "ContentType": "text/csv",
                                      "SplitType": "Line"}
    assert done["TransformOutput"] == {"Folder": f"data/transform-output/{name}",
                                       "Accept": "application/json", "AssembleWith": "Line"}
    assert done["TransformResources"] == {"InstanceType": "local", "InstanceCount": 1}
    assert done["BatchStrategy"] == "SingleRecord"
    assert done["Progress"] == {"files": 2, "filesDone": 2, "records": 5}
    assert done["CreationTime"] <= done["TransformEndTime"] and "FailureReason" not in done
    tags = {t["Key"]: t["Value"] for t in done["Tags"]}
    assert tags == {"sagemaker-nlp:notebook": "examples/demo.ipynb", "sagemaker-nlp:cell": "cell-7",
                    "sagemaker-nlp:job": job}

    streams = await api.get(f"local/transforms/{name}/streams")
    assert streams == {"logStreams": [{"logStreamName": "local"}]}
    events = await log_events(api, name)
    messages = [e["message"] for e in events]
    assert messages[0].startswith(f"Loading the model of job {job}")
    assert "Model loaded (sklearn)" in messages
    assert f"more/b.csv: 2 records -> data/transform-output/{name}/more/b.csv.out" in messages
    assert f"reviews.csv: 3 records -> data/transform-output/{name}/reviews.csv.out" in messages
    assert re.fullmatch(r"Completed: 2 files, 5 records in \d+\.\d s", messages[-1])
    stamps = [e["timestamp"] for e in events]
    assert stamps == sorted(set(stamps))  # strictly increasing
    page = await api.get(f"local/transforms/{name}/logs",
                         nextToken=(await api.get(f"local/transforms/{name}/logs",
                                                  limit="2"))["nextForwardToken"])
    assert [e["message"] for e in page["events"]] == messages[2:]
    listed = await api.get("local/transforms")
    assert [t["TransformJobName"] for t in listed["transformJobs"]] == [name]


def long_lines(words, size) -> str:
    """One record of ``size`` bytes per word (under the csv module's 128 KiB field limit)."""
    return "".join((f"{word} " * size)[:size] + "\n" for word in words)


async def test_multi_record_batches_up_to_the_payload_limit(api, transforms, jp_root_dir):
    job = await completed_job(api, SKLEARN_TRAIN)
    write(jp_root_dir / "in" / "big.csv", long_lines(["great", "awful"] * 5, 120 * 1024))
    write(jp_root_dir / "in" / "small.csv", "great\nawful\n")
    await start(api, jobName=job, transformJobName="multi", input="in", output="results/multi",
                contentType="text/csv", splitType="Line", strategy="MultiRecord",
                maxPayloadInMB=1)
    done = await wait(api, "multi")
    assert done["TransformJobStatus"] == "Completed", done.get("FailureReason")
    assert done["BatchStrategy"] == "MultiRecord" and done["MaxPayloadInMB"] == 1
    out = jp_root_dir / "results" / "multi"
    # 1 MiB holds eight 120 KiB records: two requests, their answers concatenated (None).
    eight = json.dumps(["positive", "negative"] * 4)
    assert (out / "big.csv.out").read_text() == eight + '["positive", "negative"]'
    assert (out / "small.csv.out").read_text() == '["positive", "negative"]'
    assert done["Progress"] == {"files": 2, "filesDone": 2, "records": 12}


async def test_a_whole_file_is_one_record(api, transforms, jp_root_dir):
    job = await completed_job(api, SKLEARN_TRAIN)
    write(jp_root_dir / "docs" / "a.json", json.dumps(["love it, great", "awful and useless"]))
    write(jp_root_dir / "docs" / "b.json", json.dumps({"inputs": "terrible, broke"}))
    await start(api, jobName=job, transformJobName="whole", input="docs", output="whole-out",
                contentType="application/json", splitType="None", assembleWith="Line",
                accept="text/csv")
    done = await wait(api, "whole")
    assert done["TransformJobStatus"] == "Completed", done.get("FailureReason")
    out = jp_root_dir / "whole-out"
    assert (out / "a.json.out").read_text() == "positive\nnegative\n\n"
    assert (out / "b.json.out").read_text() == "negative\n\n"
    assert done["Progress"] == {"files": 2, "filesDone": 2, "records": 2}
    await start(api, jobName=job, transformJobName="whole-2", input="docs",
                output="whole-out-2", contentType="application/json", splitType="None")
    assert (await wait(api, "whole-2"))["TransformJobStatus"] == "Completed"
    assert (jp_root_dir / "whole-out-2" / "a.json.out").read_text() == \
        '["positive", "negative"]'
    listed = await api.get("local/transforms")
    assert [t["TransformJobName"] for t in listed["transformJobs"]] == ["whole-2", "whole"]


async def slow_transform(api, root, files=8) -> str:
    job = await completed_job(api, WRITE_WEIGHTS, extra_files={"inference.py": INFERENCE})
    for i in range(files):  # the first at once, then one the model takes long over
        write(root / "slow" / f"{i}.json", json.dumps({"x": i, "sleep": 0 if i == 0 else 30}))
    await start(api, jobName=job, transformJobName="slow", input="slow", output="slow-out",
                contentType="application/json", splitType="None")
    return job


async def test_stop_kills_the_model_and_keeps_the_files_done(api, transforms, jp_root_dir):
    await slow_transform(api, jp_root_dir)
    deadline = time.monotonic() + 30
    while (await api.get("local/transforms/slow"))["Progress"]["filesDone"] < 1:
        assert time.monotonic() < deadline
        await asyncio.sleep(0.05)
    pid = transforms.get("slow").proc.pid
    asked = time.monotonic()
    code, body = await api.call("POST", "local/transforms/slow/stop", {})
    assert (code, body) == (204, None)
    assert time.monotonic() - asked < 5  # the record in progress was not waited for
    assert not alive(pid)
    done = await api.get("local/transforms/slow")
    assert done["TransformJobStatus"] == "Stopped"
    assert "Stopped on request: the files finished before the stop are in slow-out" \
        in done["FailureReason"]
    written = sorted(p.name for p in (jp_root_dir / "slow-out").iterdir())
    assert written == ["0.json.out"] and done["Progress"]["filesDone"] == 1
    assert (jp_root_dir / "slow-out" / "0.json.out").read_text() == '{"y": 0}'
    messages = [e["message"] for e in await log_events(api, "slow")]
    assert "predicting 0" in messages and messages[-1] == "Stopped"
    code, body = await api.call("POST", "local/transforms/slow/stop", {})
    assert code == 409 and "Stopped already" in body["message"]
    code, body = await api.call("POST", "local/transforms/nope/stop", {})
    assert code == 404


async def test_restart_fails_it_and_server_stop_ends_it(api, transforms, runner, jp_root_dir,
                                                       jp_serverapp, jobs_dir):
    await slow_transform(api, jp_root_dir)
    assert (jobs_dir / ".transforms" / "slow.json").exists()
    restarted = LocalTransforms(runner).describe("slow")  # what the next server reads
    assert restarted["TransformJobStatus"] == "Failed"
    assert restarted["FailureReason"] == RESTARTED
    assert "TransformEndTime" in restarted

    deadline = time.monotonic() + 30
    while transforms.get("slow").proc is None:
        assert time.monotonic() < deadline
        await asyncio.sleep(0.05)
    pid = transforms.get("slow").proc.pid
    (app,) = jp_serverapp.extension_manager.extension_apps["jupyterlab_sagemaker_nlp"]
    await app.stop_extension()  # what the server calls when it stops
    assert not alive(pid)
    stopped = transforms.describe("slow")
    assert stopped["TransformJobStatus"] == "Stopped"
    assert "The Jupyter server stopped during the transform" in stopped["FailureReason"]
    assert "start it again" in stopped["FailureReason"]
    assert LocalTransforms(runner).describe("slow")["TransformJobStatus"] == "Stopped"


async def test_the_model_raising_on_a_record_fails_it(api, transforms, jp_root_dir):
    job = await completed_job(api, WRITE_WEIGHTS, extra_files={"inference.py": INFERENCE})
    write(jp_root_dir / "xs" / "a.jsonl", '{"x": 1}\n{"x": 2}\n')
    write(jp_root_dir / "xs" / "b.jsonl", '{"x": 3}\n{"x": -1}\n{"x": 4}\n')
    await start(api, jobName=job, transformJobName="raises", input="xs", output="xs-out",
                contentType="application/json", splitType="Line", assembleWith="Line")
    done = await wait(api, "raises")
    assert done["TransformJobStatus"] == "Failed", done
    reason = done["FailureReason"]
    assert reason.startswith("b.jsonl record 2: ValueError: x must not be negative, got -1")
    assert f"its log: {transforms.log_path('raises')}" in reason
    assert (jp_root_dir / "xs-out" / "a.jsonl.out").read_text() == '{"y": 3}\n{"y": 6}\n'
    assert not (jp_root_dir / "xs-out" / "b.jsonl.out").exists()
    assert done["Progress"] == {"files": 2, "filesDone": 1, "records": 2}
    messages = [e["message"] for e in await log_events(api, "raises")]
    assert "predicting 3" in messages
    assert any(m.startswith("ValueError: x must not be negative") for m in messages)  # stderr
    assert messages[-1] == f"Failed: {reason}"

    # Several JSON records in one request are no JSON: the model's message says so.
    await start(api, jobName=job, transformJobName="multi-json", input="xs", output="xs-2",
                contentType="application/json", splitType="Line", strategy="MultiRecord")
    done = await wait(api, "multi-json")
    assert done["FailureReason"].startswith("a.jsonl records 1-2: JSONDecodeError: Extra data")


async def test_a_record_over_the_payload_limit_fails_it(api, transforms, jp_root_dir):
    job = await completed_job(api, SKLEARN_TRAIN)
    write(jp_root_dir / "huge" / "one.csv", b"great " * (1024 * 1024 // 4))  # 1.5 MiB
    await start(api, jobName=job, transformJobName="huge", input="huge", output="huge-out",
                contentType="text/csv", splitType="None", maxPayloadInMB=1)
    done = await wait(api, "huge")
    assert done["TransformJobStatus"] == "Failed"
    assert done["FailureReason"] == (
        "one.csv is 1,572,864 bytes, over maxPayloadInMB (1 MB): split it by Line (splitType "
        "Line, one record per line), or raise maxPayloadInMB (up to 100).")
    assert not (jp_root_dir / "huge-out" / "one.csv.out").exists()


async def test_nothing_loadable_fails_with_the_childs_message(api, transforms, jp_root_dir):
    job = await completed_job(api, WRITE_WEIGHTS)
    write(jp_root_dir / "in" / "a.txt", "x")
    await start(api, jobName=job, transformJobName="empty", input="in", output="empty-out",
                contentType="text/plain", splitType="None")
    done = await wait(api, "empty")
    assert done["TransformJobStatus"] == "Failed"
    reason = done["FailureReason"]
    assert reason.startswith("Nothing loadable in the model folder") and "weights.txt" in reason
    assert transforms.get("empty").proc is None


async def test_bad_inputs_name_the_fix(api, transforms, jp_root_dir, tmp_path):
    job = await completed_job(api, SKLEARN_TRAIN)
    write(jp_root_dir / "data" / "test" / "a.csv", "great\n")
    write(jp_root_dir / "data" / "only-hidden" / ".a.csv", "great\n")
    write(jp_root_dir / "data" / "file.csv", "great\n")
    write(jp_root_dir / "taken" / "keep.txt", "mine")
    outside = tmp_path / "outside"
    write(outside / "secret.csv", "great\n")
    (jp_root_dir / "link-out").symlink_to(outside)
    write(jp_root_dir / "mixed" / "a.csv", "great\n")
    (jp_root_dir / "mixed" / "b.csv").symlink_to(outside / "secret.csv")
    ok = {"jobName": job, "input": "data/test", "contentType": "text/csv", "splitType": "Line"}

    async def refused(status, fragment, **changes):
        body = {k: v for k, v in {**ok, **changes}.items() if v is not None}
        code, answer = await api.call("POST", "local/transforms", body)
        assert code == status and fragment in answer["message"], (changes, code, answer)

    await refused(404, "No local training job named 'no-such-job'", jobName="no-such-job")
    await refused(400, "jobName must name a Completed", jobName="")
    await refused(400, 'The input folder "nope" does not exist: give a folder', input="nope")
    await refused(400, "is a file, not a folder", input="data/file.csv")
    await refused(400, "has no files (hidden ones are skipped)", input="data/only-hidden")
    await refused(400, "not a path under the Jupyter root", input=str(outside))
    await refused(403, "outside the Jupyter root", input="../outside")
    await refused(403, "outside the Jupyter root", input="link-out")
    await refused(403, "a link to", input="mixed")
    await refused(403, "outside the Jupyter root", output="../elsewhere")
    await refused(403, "outside the Jupyter root", output="link-out/results")
    await refused(400, "is inside input", output="data/test/out")
    await refused(409, "already holds files", output="taken")
    assert (jp_root_dir / "taken" / "keep.txt").read_text() == "mine"
    await refused(400, "output \"data/file.csv\" is a file", output="data/file.csv")
    await refused(400, "splitType RecordIO is not supported locally: use Line",
                  splitType="RecordIO")
    await refused(400, "splitType TFRecord is not supported locally", splitType="TFRecord")
    await refused(400, "splitType 'Lines' is not valid", splitType="Lines")
    await refused(400, "strategy 'Multi' is not valid", strategy="Multi")
    await refused(400, "assembleWith 'Newline' is not valid", assembleWith="Newline")
    await refused(400, "maxPayloadInMB '6' is not valid", maxPayloadInMB="6")
    await refused(400, "maxPayloadInMB 0 is not valid", maxPayloadInMB=0)
    await refused(400, "contentType must be", contentType="")
    await refused(400, "transformJobName 'bad_name!' is not valid", transformJobName="bad_name!")
    await refused(400, "Unknown fields ['instanceType']", instanceType="ml.m5.xlarge")
    code, answer = await api.call("POST", "local/transforms", ["not", "an", "object"])
    assert code == 400 and "must be a JSON object" in answer["message"]
    assert (await api.get("local/transforms")) == {"transformJobs": []}
    assert not (jp_root_dir / "data" / "transform-output").exists()

    await start(api, **ok, transformJobName="once", output="once-out")
    await refused(409, 'Transform once is writing to "once-out"', transformJobName="twice",
                  output="once-out")
    await refused(409, "A local transform named once exists", transformJobName="once",
                  output="once-out-2")
    assert (await wait(api, "once"))["TransformJobStatus"] == "Completed"
    for path in ("local/transforms/missing", "local/transforms/missing/streams",
                 "local/transforms/missing/logs"):
        code, answer = await api.call("GET", path)
        assert code == 404 and "No local transform named 'missing'" in answer["message"]
    code, answer = await api.call("GET", "local/transforms/once/logs", stream="algo-1")
    assert code == 404 and "has one, local" in answer["message"]


async def test_a_job_that_is_not_completed_is_refused(api, transforms, jp_root_dir):
    write(jp_root_dir / "data" / "a.csv", "great\n")
    body = spec("import time; time.sleep(30)")
    await api.submit(body)
    code, answer = await api.call("POST", "local/transforms", {
        "jobName": body.name, "input": "data", "contentType": "text/csv", "splitType": "Line"})
    assert code == 409 and "only a Completed job has a model" in answer["message"]
    await api.stop(body.name)


def test_streams_are_empty_before_the_first_line(runner, jobs_dir):
    record = {"TransformJobName": "quiet", "TransformJobStatus": "Completed",
              "CreationTime": "2026-01-01T00:00:00.000Z"}
    write(jobs_dir / ".transforms" / "quiet.json", json.dumps(record))
    transforms = LocalTransforms(runner)
    assert transforms.log_streams("quiet") == {"logStreams": []}
    write(jobs_dir / ".transforms" / "quiet.log", "1\tfirst\n")
    assert transforms.log_streams("quiet") == {"logStreams": [{"logStreamName": "local"}]}


def test_records_that_cannot_be_read_are_skipped_and_the_rest_load(runner, jobs_dir):
    good = {"TransformJobName": "kept", "TransformJobStatus": "Completed",
            "CreationTime": "2026-01-01T00:00:00.000Z"}
    write(jobs_dir / ".transforms" / "kept.json", json.dumps(good))
    write(jobs_dir / ".transforms" / "broken.json", "{not json")
    write(jobs_dir / ".transforms" / "list.json", "[1, 2]")
    write(jobs_dir / ".transforms" / "nameless.json", json.dumps({"TransformJobStatus": "Failed"}))
    (jobs_dir / ".transforms" / "binary.json").write_bytes(b"\xff\xfe\x00")
    transforms = LocalTransforms(runner)
    assert [t["TransformJobName"] for t in transforms.list()["transformJobs"]] == ["kept"]


def test_a_long_job_name_is_cut_to_fit(runner):
    name = LocalTransforms(runner)._default_name("j" * 62 + "9")
    assert len(name) == 63 and NAME.fullmatch(name)
    assert re.fullmatch(r"j{29}-transform-\d{4}(-\d{2}){5}-\d{3}", name), name
    named = LocalTransforms(runner)._default_name("sklearn-text-classifier-2026-12-01-17-24-32-375")
    assert re.fullmatch(r"sklearn-text-classifier-transform-2\d{3}(-\d{2}){5}-\d{3}", named), named
